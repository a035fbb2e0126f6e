/**
 * A CSV that Excel opens right: a UTF-8 BOM (without it Excel on a Chinese
 * Windows reads UTF-8 as GBK), CRLF line ends, every cell quoted. A cell
 * starting with = + - @ (or a tab or carriage return) is a formula to a
 * spreadsheet, so it is written after an apostrophe, which Excel shows as
 * text (OWASP "CSV injection"): a company name from a file cannot run.
 */
export function csvFile(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/gu, '""')}"`;
}
