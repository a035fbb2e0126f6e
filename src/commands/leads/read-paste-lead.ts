import { issue, type Parsed } from '../../grammar/issues.ts';
import { readPaste, type PastedCompany } from '../../grammar/paste/read-paste.ts';

/**
 * A pasted company page is longer than a command (MAX_MESSAGE_CHARS): a
 * 企查查 page with its 经营范围 runs to a few thousand characters. Beyond
 * this it is no page but a mistake, and is refused rather than read.
 */
export const MAX_PASTE_CHARS = 10_000;

const PASTE_VERB = /^\s*\S+\s+(paste|粘贴)(?=\s|$)/iu;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u;

/**
 * `/lead paste <text>` (`/线索 粘贴 …`), read whole: the text keeps its lines,
 * tabs and its own `label：value`s, which the grammar would take for keys.
 * `named` is the command the message's first word names.
 */
export function readPasteCommand(text: string, named: string | undefined): Parsed<PastedCompany> | undefined {
  if (named !== 'lead') return undefined;
  const verb = PASTE_VERB.exec(text);
  if (!verb) return undefined;
  const pasted = text.slice(verb[0].length);
  const problems = pasteIssues(pasted);
  if (problems) return problems;
  if (!pasted.trim()) return { ok: false, issues: [issue('missing_field', 'paste')] };
  return { ok: true, value: readPaste(pasted) };
}

/**
 * A message that names no command but is a company page, card or signature
 * pasted alone: it has a credit code whose check is right, or a company's
 * name with a phone or an e-mail. It is answered as `/lead paste` would be.
 */
export function readPastedAlone(text: string, named: string | undefined): Parsed<PastedCompany> | undefined {
  if (named !== undefined || pasteIssues(text)) return undefined;
  const pasted = readPaste(text);
  const looksLikeOne = pasted.creditCode !== null || (pasted.company !== null && (pasted.phones.length > 0 || pasted.emails.length > 0));
  return looksLikeOne ? { ok: true, value: pasted } : undefined;
}

function pasteIssues(text: string): Parsed<never> | undefined {
  const length = [...text].length;
  if (length > MAX_PASTE_CHARS) return { ok: false, issues: [issue('message_too_long', 'paste', { max: MAX_PASTE_CHARS, length })] };
  if (CONTROL.test(text)) return { ok: false, issues: [issue('control_characters', 'paste')] };
  return undefined;
}
