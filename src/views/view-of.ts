import type { PolicyErrorCode } from '../core/errors.ts';
import type { CoreResult } from '../core/ports.ts';
import type { Translate } from '../i18n/translate.ts';
import { refusalView } from './problem-views.ts';
import type { View } from './view.ts';

/** A use case's answer as a view: its own rendering, or the refusal in words (a feature may word its refusals itself). */
export function viewOf<T>(
  t: Translate,
  result: CoreResult<T>,
  render: (value: T) => View,
  refused: (code: PolicyErrorCode, details: Record<string, string | number>) => View = (code, details) => refusalView(t, code, details),
): View {
  return result.ok ? render(result.value) : refused(result.code, result.details);
}
