import { COMMANDS, commandByWord, type CommandDef, type CommandName } from './catalog.ts';
import { issue, type InputIssue, type Parsed } from './issues.ts';
import { KEY_ALIASES, keyByAlias, type KeyName } from './keys.ts';

/** A command as typed: its name, the words before the first key, and the key:value pairs. */
export interface RawCommand {
  name: CommandName;
  words: string;
  pairs: Partial<Record<KeyName, string>>;
}

/** Longer than any real command; a 10,000-character paste is refused, not parsed. */
export const MAX_MESSAGE_CHARS = 2000;

// `key:value` or `key：value` at the start of a word; the key is letters (Latin or CJK).
const KEY_TOKEN = /^([A-Za-z\u3400-\u9fff]{1,20})[:：](.*)$/su;
// Control characters other than tab and line breaks have no place in a chat command.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u;

export function readCommand(text: string): Parsed<RawCommand> {
  const length = [...text].length;
  if (length > MAX_MESSAGE_CHARS) {
    return { ok: false, issues: [issue('message_too_long', null, { max: MAX_MESSAGE_CHARS, length })] };
  }
  if (CONTROL.test(text)) return { ok: false, issues: [issue('control_characters')] };
  const [first = '', ...tokens] = text.trim().split(/[\s\u3000]+/u);
  const name = commandByWord(first);
  if (!name) return { ok: false, issues: [issue('unknown_command', null, { word: first.slice(0, 30) })] };
  return readArguments(name, tokens);
}

function readArguments(name: CommandName, tokens: string[]): Parsed<RawCommand> {
  const def: CommandDef = COMMANDS[name];
  const parts = new Map<KeyName | 'words', string[]>([['words', []]]);
  const issues: InputIssue[] = [];
  let current: KeyName | 'words' = 'words';

  for (const token of tokens) {
    const match = KEY_TOKEN.exec(token);
    if (match) {
      const [, alias = '', rest = ''] = match;
      const key = keyByAlias(alias);
      if (key && def.keys.includes(key)) {
        if (parts.has(key)) issues.push(issue('duplicate_key', key, { key: alias }));
        parts.set(key, rest ? [rest] : []);
        current = key;
        continue;
      }
      const inFreeText = current !== 'words' && (def.freeText ?? []).includes(current);
      if (!inFreeText) {
        issues.push(issue('unknown_key', null, { key: alias, keys: acceptedKeys(def) }));
        continue;
      }
    }
    parts.get(current)?.push(token);
  }

  const pairs: RawCommand['pairs'] = {};
  for (const [key, values] of parts) {
    if (key === 'words') continue;
    const value = values.join(' ').trim();
    if (!value) issues.push(issue('missing_value', key, { key: KEY_ALIASES[key][0] }));
    else pairs[key] = value;
  }
  if (issues.length) return { ok: false, issues };
  return { ok: true, value: { name, words: (parts.get('words') ?? []).join(' ').trim(), pairs } };
}

/** `contact/联系人, phone/电话, …` for a reply that lists what may be written. */
function acceptedKeys(def: CommandDef): string {
  return def.keys.map((k) => `${KEY_ALIASES[k][0]}/${KEY_ALIASES[k].find((a) => /[^\x00-\x7F]/.test(a))}`).join(', ') || '-';
}
