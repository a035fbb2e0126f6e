import { issue, type InputIssue, type Parsed } from '../../grammar/issues.ts';
import type { RawCommand } from '../../grammar/read-command.ts';
import type { SharedKeyName } from '../../grammar/keys.ts';
import { dateIn, type ParseContext } from '../../grammar/context.ts';
import { choice, optionalValue, parsed } from '../../grammar/fields.ts';

/** `/leave <from> <to>` (one date: that day). */
export function buildLeave({ words }: RawCommand<SharedKeyName>, ctx?: ParseContext): Parsed<{ from: string; to: string }> {
  const issues: InputIssue[] = [];
  const [fromWord, toWord, ...extra] = words.split(/\s+/).filter(Boolean);
  if (!fromWord) issues.push(issue('missing_field', 'from'));
  if (extra.length) issues.push(issue('unknown_key', null, { key: extra[0]!.slice(0, 20), keys: '-' }));
  const from = optionalValue(fromWord, 'from', dateIn(ctx), issues);
  const to = optionalValue(toWord ?? fromWord, 'to', dateIn(ctx), issues);
  return parsed({ from: from ?? '', to: to ?? '' }, issues);
}

const SWITCH: Record<string, 'on' | 'off'> = { on: 'on', 开: 'on', 开启: 'on', 打开: 'on', off: 'off', 关: 'off', 关闭: 'off' };

/** `/remind on|off`. */
export function buildRemind({ words }: RawCommand<SharedKeyName>): Parsed<boolean> {
  const issues: InputIssue[] = [];
  if (!words.trim()) issues.push(issue('missing_field', 'switch'));
  const state = words.trim() ? choice(words, 'switch', SWITCH, issues) : null;
  return parsed(state !== 'off', issues);
}
