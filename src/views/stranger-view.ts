import type { Platform } from '../core/people.ts';
import type { Translate } from '../i18n/translate.ts';
import { refusalView } from './problem-views.ts';
import type { View } from './view.ts';

/** The polite refusal for someone not in the directory, with the id an admin needs to add them. */
export function strangerView(t: Translate, platform: Platform, platformId: string): View {
  const view = refusalView(t, 'not_in_directory', {});
  view.blocks.push({ type: 'note', text: t('identity.your_id', { platform: t(`platform.${platform}`), id: platformId }) });
  return view;
}
