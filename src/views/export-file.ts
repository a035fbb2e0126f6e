import type { ExportCell, ExportFormat, ExportTable } from '../core/exports/types.ts';
import type { MessageKey, Translate } from '../i18n/translate.ts';
import { csvFile } from './csv-file.ts';
import type { FileToSend } from './view.ts';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' as const;

/** The file's name: what, whose region, which period: `导出-线索-华东-2026-11.xlsx`. */
export function exportFileName(t: Translate, table: ExportTable, format: ExportFormat): string {
  const parts = [t('export.title', { what: t(`export.kind.${table.kind}`) }).replace(/[:：]\s*/u, '-'), table.region ?? t('export.scope.all'), table.period ?? t('export.period.all')];
  return `${parts.join('-').replace(/[\\/:*?"<>|\s]+/gu, '_')}.${format}`;
}

/** The header in the reader's language, then the rows; a yes/no in words, an empty cell for none. */
export function exportSheet(t: Translate, table: ExportTable): (string | number | null)[][] {
  const word = (cell: ExportCell): string | number | null => (typeof cell === 'boolean' ? t(cell ? 'export.yes' : 'export.no') : cell);
  return [table.columns.map((c) => t(`export.column.${c}` as MessageKey)), ...table.rows.map((row) => row.map(word))];
}

/**
 * The export as a file. xlsx (exceljs): one sheet, text cells stored as
 * text (never as formulas, so `=…` in a company name cannot run), numbers
 * as numbers. CSV: UTF-8 with a BOM, every cell quoted, a cell starting
 * with = + - @ written after an apostrophe (src/views/csv-file.ts).
 */
export async function writeExport(t: Translate, table: ExportTable, format: ExportFormat): Promise<FileToSend> {
  const sheet = exportSheet(t, table);
  const name = exportFileName(t, table, format);
  if (format === 'csv') return { name, mime: 'text/csv', content: csvFile(sheet.map((row) => row.map((c) => (c === null ? '' : String(c))))) };
  // Loaded on the first workbook, not at start: exceljs alone costs a running bot some 28 MB (as the import's reader does).
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet(t(`export.kind.${table.kind}`));
  for (const row of sheet) ws.addRow(row.map((c) => (c === null ? null : c)));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return { name, mime: XLSX_MIME, content: new Uint8Array(await book.xlsx.writeBuffer()) };
}
