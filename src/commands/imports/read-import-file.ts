import type { ImportRow } from '../../core/leads/import-leads.ts';
import type { ReportLeadCommand } from '../../core/leads/report-lead.ts';
import type { InputIssue, Parsed } from '../../grammar/issues.ts';
import { textIssues } from '../../grammar/read-command.ts';
import { buildLead } from '../leads/read-lead.ts';
import type { LeadKey } from '../leads/lead-keys.ts';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './import-limits.ts';
import { COLUMN_NAMES, firstOfMany, mapColumns, type LeadColumn } from './read-columns.ts';
import { readCsv } from './read-csv.ts';
import { readXlsx } from './read-xlsx.ts';
import type { TableRow } from './table-row.ts';
import type { AttachedFile } from '../family.ts';
import type { ImportFileProblem as FileProblem } from '../../views/import-views.ts';


/** A row the grammar refused, with every problem named by its field. */
export interface InvalidRow {
  line: number;
  company: string;
  issues: InputIssue[];
}

export interface ImportTable {
  rows: ImportRow[];
  invalid: InvalidRow[];
  /** The file's headers that fill a lead field, as the file spells them, with the field they fill. */
  used: { header: string; field: LeadColumn }[];
  /** The file has a 法定代表人 column and no contact column: said in the summary, so the refusals are understood. */
  legalRepresentativeOnly: boolean;
  /** Each row's cells by line, for the file of refused rows. */
  header: string[];
  cells: Map<number, string[]>;
}

// 企查查 and its like write a dash or 暂无 where they have nothing: an empty cell.
const NOTHING = new Set(['-', '--', '—', '——', '暂无', '无', 'n/a', 'na', 'null']);
// Title lines above the header (an export's "导出时间…") are skipped, this many at most.
const HEADER_SEARCH_ROWS = 5;

/**
 * The file as lead reports: CSV (UTF-8, GBK, UTF-16) or .xlsx, its header
 * mapped by name in any order, and each row read by the very reader of a
 * typed `/lead` (buildLead), so a row is well-formed exactly when the same
 * values typed as `/lead` would be. A row without a contact, a size or a
 * position is refused naming the field, as `/lead` refuses it.
 */
export async function readImportFile(file: AttachedFile): Promise<{ ok: true; table: ImportTable } | ({ ok: false } & FileProblem)> {
  if (file.size > MAX_IMPORT_BYTES || !file.bytes || file.bytes.byteLength > MAX_IMPORT_BYTES) {
    return { ok: false, problem: 'file_too_large', max: MAX_IMPORT_BYTES, size: Math.max(file.size, file.bytes?.byteLength ?? 0) };
  }
  const table = await readTable(file.name, file.bytes);
  if (!table.ok) return table;
  const headerIndex = table.rows.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => mapColumns(row.cells) !== null);
  const headerRow = table.rows[headerIndex];
  if (!headerRow) {
    const columns = (table.rows[0]?.cells ?? []).map((c) => c.trim()).filter(Boolean).slice(0, 12).join(', ');
    return { ok: false, problem: 'no_company_column', columns: columns || '-' };
  }
  const columns = mapColumns(headerRow.cells) as Map<LeadColumn, number[]>;
  const body = table.rows.slice(headerIndex + 1);
  if (body.length === 0) return { ok: false, problem: 'no_rows' };
  if (body.length > MAX_IMPORT_ROWS) return { ok: false, problem: 'too_many_rows', max: MAX_IMPORT_ROWS, rows: body.length };

  const rows: ImportRow[] = [];
  const invalid: InvalidRow[] = [];
  for (const { line, cells } of body) {
    const read = readRow(cells, columns);
    if (read.lead.ok) rows.push({ line, lead: read.lead.value });
    else invalid.push({ line, company: read.company, issues: read.lead.issues });
  }
  const header = headerRow.cells.map((c) => c.trim());
  const used = [...columns].flatMap(([field, indexes]) => indexes.map((i) => ({ header: header[i] ?? '', field })));
  const legal = header.some((h) => h.replace(/\s/gu, '') === '法定代表人');
  return {
    ok: true,
    table: { rows, invalid, used, legalRepresentativeOnly: legal && !columns.has('contact'), header, cells: new Map(body.map((r) => [r.line, r.cells])) },
  };
}

async function readTable(name: string, bytes: Uint8Array): Promise<{ ok: true; rows: TableRow[] } | ({ ok: false } & FileProblem)> {
  const extension = /\.([a-z0-9]+)$/iu.exec(name)?.[1]?.toLowerCase();
  // An .xlsx is a zip: it starts with PK\3\4 whatever its name says.
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (extension === 'xlsx' || (zip && extension !== 'csv')) {
    const rows = await readXlsx(bytes);
    return rows ? { ok: true, rows } : { ok: false, problem: 'xlsx_unreadable' };
  }
  if (extension === 'csv' || extension === 'txt' || extension === 'tsv') {
    const read = readCsv(bytes);
    return read.ok ? read : { ok: false, problem: read.problem };
  }
  return { ok: false, problem: 'file_type', name: name.slice(0, 60) };
}

function readRow(cells: string[], columns: Map<LeadColumn, number[]>): { company: string; lead: Parsed<ReportLeadCommand> } {
  const pairs: Partial<Record<LeadKey, string>> = {};
  let company = '';
  const problems: InputIssue[] = [];
  for (const field of Object.keys(COLUMN_NAMES) as LeadColumn[]) {
    const value = (columns.get(field) ?? []).map((i) => cellValue(cells[i], field)).find((v) => v !== '');
    if (value === undefined) continue;
    problems.push(...textIssues(value, field));
    if (field === 'company') company = value;
    else pairs[field] = value;
  }
  if (problems.length) return { company, lead: { ok: false, issues: problems } };
  return { company, lead: buildLead({ name: 'lead', words: company, pairs }) };
}

function cellValue(cell: string | undefined, field: LeadColumn): string {
  const text = (cell ?? '').trim();
  if (NOTHING.has(text.toLowerCase())) return '';
  return field === 'phone' || field === 'email' ? firstOfMany(text) : text;
}
