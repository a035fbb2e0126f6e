import type ExcelJS from 'exceljs';
import type { TableRow } from './table-row.ts';

/**
 * An .xlsx workbook's first worksheet as rows of cells, each cell as Excel
 * shows it (a number as its digits, a hyperlink as its text, a formula as
 * its last result). Blank rows are dropped. A file that is not a workbook
 * answers null.
 */
export async function readXlsx(bytes: Uint8Array): Promise<TableRow[] | null> {
  // Loaded on the first workbook, not at start: exceljs alone costs a running bot some 28 MB.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    // exceljs reads a Node Buffer; this is a view of the same bytes, not a copy.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    return null;
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let col = 1; col <= row.cellCount; col++) cells.push(cellText(row.getCell(col)));
    if (cells.some((c) => c.trim() !== '')) rows.push({ line: row.number, cells });
  });
  return rows;
}

function cellText(cell: ExcelJS.Cell): string {
  try {
    return cell.text ?? '';
  } catch {
    // A cell whose value exceljs cannot show (an error value of a broken formula) is empty, not the whole file refused.
    return '';
  }
}
