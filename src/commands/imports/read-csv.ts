import type { TableRow } from './table-row.ts';

/** What went wrong reading a text table, for the person to fix the file. */
export type CsvProblem = 'encoding_unreadable';

/**
 * A CSV (or tab-separated) file's bytes as rows of cells. UTF-8 with or
 * without a BOM; UTF-16 with its BOM (Excel's "Unicode text"); and GBK /
 * GB18030, which Excel on a Chinese Windows writes for "CSV": bytes that are
 * not UTF-8 are read as GB18030 (a superset of GBK), and bytes that are
 * neither are refused rather than guessed.
 */
export function readCsv(bytes: Uint8Array): { ok: true; rows: TableRow[] } | { ok: false; problem: CsvProblem } {
  const text = decode(bytes);
  if (text === null) return { ok: false, problem: 'encoding_unreadable' };
  return { ok: true, rows: parseDelimited(text, delimiterOf(text)) };
}

function decode(bytes: Uint8Array): string | null {
  const tryDecode = (encoding: string, from = 0) => {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(from));
    } catch {
      return null;
    }
  };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return tryDecode('utf-8', 3);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return tryDecode('utf-16le', 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return tryDecode('utf-16be', 2);
  const utf8 = tryDecode('utf-8');
  if (utf8 !== null) return utf8;
  const gb = tryDecode('gb18030');
  // A NUL is no character of a table: UTF-16 without its BOM, or a binary file.
  return gb !== null && !gb.includes('\u0000') ? gb : null;
}

/** Comma, unless the header line has more tabs (a table copied as text) or semicolons (a European Excel). */
function delimiterOf(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/u));
  const count = (c: string) => header.split(c).length - 1;
  const [best] = [',', '\t', ';'].sort((a, b) => count(b) - count(a));
  return best && count(best) > 0 ? best : ',';
}

/**
 * RFC 4180: quoted cells may hold the delimiter, line breaks and doubled
 * quotes; lines end in CRLF or LF. Blank lines are dropped; each row keeps
 * the line it starts on, as an editor numbers it.
 */
export function parseDelimited(text: string, delimiter: string): TableRow[] {
  const rows: TableRow[] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    row.push(cell);
    if (row.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells: row });
    row = [];
    cell = '';
    rowLine = line;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === delimiter) {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      line++;
      endRow();
    }
    else if (c === '\r' && text[i + 1] === '\n') continue;
    else cell += c;
  }
  if (cell !== '' || row.length) endRow();
  return rows;
}
