import type { Locale } from '../core/people.ts';
import type { Policy } from '../core/policy.ts';
import type { Translate } from '../i18n/translate.ts';

/** What every view needs to word and format an answer for one person: their language, the company's zone and policy. */
export interface ViewContext {
  t: Translate;
  locale: Locale;
  timezone: string;
  policy: Policy;
}
