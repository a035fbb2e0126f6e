import { issue, type InputIssue, type Parsed } from './issues.ts';

/** What the reader needs to know of the commands: the registry gives it (see registry.ts). */
export interface Grammar {
  commandByWord(word: string): string | undefined;
  /** The keys a command accepts, which of them take free text, and whether its words are free text. */
  command(name: string): { keys: readonly string[]; freeText?: readonly string[]; freeWords?: true };
  keyByAlias(alias: string): string | undefined;
  /** Every spelling of a key, English first. */
  spellings(key: string): readonly string[];
  /** A Chinese key spelling followed by a colon, wherever it stands (see chineseKeyPattern). */
  chineseKey: RegExp;
}

/** A command as typed: its name, the words before the first key, and the key:value pairs. */
export interface RawCommand<K extends string = string> {
  name: string;
  words: string;
  pairs: Partial<Record<K, string>>;
  /** From a form: each field by key, the words' fields too, so a missing one cannot shift the next into its place. */
  fields?: Partial<Record<K, string>>;
}

/** Longer than any real command; a 10,000-character paste is refused, not parsed. */
export const MAX_MESSAGE_CHARS = 2000;

// `key:value` or `key：value` at the start of a word; the key is letters (Latin or CJK),
// then digits may follow (q1, 问题10: the needs checklist's questions).
// `https://…` is a value, not a key called https.
const KEY_TOKEN = /^([A-Za-z\u3400-\u9fff][A-Za-z0-9\u3400-\u9fff]{0,19})[:：](?!\/\/)(.*)$/su;
// Control characters other than tab and line breaks have no place in a chat command.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u;
// Chinese writers often leave out the space before a key (联系人:王经理电话:138…):
// a Chinese key followed by a colon starts a new word wherever it stands.
// Longest first, so 统一社会信用代码 is not read as 信用代码.
export const chineseKeyPattern = (spellings: readonly string[]): RegExp =>
  new RegExp(
    `(${spellings
      .filter((alias) => /[^\x00-\x7F]/.test(alias))
      .sort((a, b) => b.length - a.length)
      .join('|')})[:：]`,
    'gu',
  );

/** Problems any text from a person can have, typed or submitted in a form. */
export function textIssues(text: string, field: string | null = null): InputIssue[] {
  const length = [...text].length;
  if (length > MAX_MESSAGE_CHARS) return [issue('message_too_long', field, { max: MAX_MESSAGE_CHARS, length })];
  if (CONTROL.test(text)) return [issue('control_characters', field)];
  return [];
}

export function readCommand(text: string, grammar: Grammar): Parsed<RawCommand> {
  const problems = textIssues(text);
  if (problems.length) return { ok: false, issues: problems };
  // \s covers the ideographic space (U+3000) Chinese keyboards type.
  const [first = '', ...tokens] = text.trim().split(/\s+/);
  const name = grammar.commandByWord(first);
  if (!name) return { ok: false, issues: [issue('unknown_command', null, { word: first.slice(0, 30) })] };
  return readArguments(name, grammar, tokens.join(' ').replace(grammar.chineseKey, ' $&').split(/\s+/).filter(Boolean));
}

function readArguments(name: string, grammar: Grammar, tokens: string[]): Parsed<RawCommand> {
  const def = grammar.command(name);
  const parts = new Map<string, string[]>([['words', []]]);
  const typedAs = new Map<string, string>();
  const issues: InputIssue[] = [];
  let current = 'words';

  for (const token of tokens) {
    const match = KEY_TOKEN.exec(token);
    if (match) {
      const [, alias = '', rest = ''] = match;
      const key = grammar.keyByAlias(alias);
      if (key && def.keys.includes(key)) {
        if (parts.has(key)) issues.push(issue('duplicate_key', key, { key: alias }));
        parts.set(key, rest ? [rest] : []);
        typedAs.set(key, alias);
        current = key;
        continue;
      }
      const inFreeText = current === 'words' ? def.freeWords === true : (def.freeText ?? []).includes(current);
      if (!inFreeText) {
        issues.push(issue('unknown_key', null, { key: alias, keys: acceptedKeys(def.keys, grammar) }));
        continue;
      }
    }
    parts.get(current)?.push(token);
  }

  const pairs: Record<string, string> = {};
  for (const [key, values] of parts) {
    if (key === 'words') continue;
    const value = values.join(' ').trim();
    if (!value) issues.push(issue('missing_value', key, { key: typedAs.get(key) ?? key }));
    else pairs[key] = value;
  }
  if (issues.length) return { ok: false, issues };
  return { ok: true, value: { name, words: (parts.get('words') ?? []).join(' ').trim(), pairs } };
}

/** `contact/联系人, phone/电话, …` for a reply that lists what may be written. */
function acceptedKeys(keys: readonly string[], grammar: Grammar): string {
  return (
    keys
      .map((k) => {
        const spellings = grammar.spellings(k);
        return `${spellings[0]}/${spellings.find((a) => /[^\x00-\x7F]/.test(a))}`;
      })
      .join(', ') || '-'
  );
}
