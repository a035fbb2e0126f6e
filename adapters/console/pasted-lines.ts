/**
 * A terminal in bracketed-paste mode wraps what is pasted in ESC[200~ … ESC[201~;
 * a person types one line at a time. A paste is one message, as a chat app
 * sends it (a company page copied from 企查查 is one `/lead paste`, not
 * twenty commands); what is typed stays a line each. A terminal without the
 * mode sends no marks, and every line stays a message of its own.
 */
export const BRACKETED_PASTE_ON = '\u001b[?2004h';
export const BRACKETED_PASTE_OFF = '\u001b[?2004l';
const PASTE_START = '\u001b[200~';
const PASTE_END = '\u001b[201~';

export async function* joinPastedLines(lines: AsyncIterable<string>): AsyncGenerator<string> {
  let pasted: string[] | null = null;
  for await (const raw of lines) {
    let line = raw;
    if (pasted === null && line.includes(PASTE_START)) {
      pasted = [];
      line = line.replace(PASTE_START, '');
    }
    if (pasted === null) {
      yield line;
      continue;
    }
    // The end mark comes right after the pasted text; the rest of the line is what was typed before Enter.
    const ends = line.includes(PASTE_END);
    pasted.push(line.replace(PASTE_END, ''));
    if (ends) {
      yield pasted.join('\n');
      pasted = null;
    }
  }
  if (pasted) yield pasted.join('\n');
}
