import type { ImportOutcome } from '../core/leads/import-leads.ts';
import type { PolicyErrorCode } from '../core/errors.ts';
import type { InputIssue } from '../grammar/issues.ts';
import type { MessageKey, Translate } from '../i18n/translate.ts';
import { csvFile } from './csv-file.ts';
import { issueText, refusalView } from './problem-views.ts';
import type { Block, View } from './view.ts';

/** What an import did, row by row, with what the file held, so the refused rows can be written back as they came. */
export interface ImportReport {
  fileName: string;
  header: readonly string[];
  cells: ReadonlyMap<number, readonly string[]>;
  invalid: readonly { line: number; company: string; issues: readonly InputIssue[] }[];
  outcomes: readonly ImportOutcome[];
  used: readonly { header: string; field: string }[];
  legalRepresentativeOnly: boolean;
}

type Kind = 'duplicate' | 'region' | 'invalid' | 'file_duplicate';

const DUPLICATE_CODES = new Set<PolicyErrorCode>(['company_owned', 'contact_owned', 'company_likely_duplicate']);
const REGION_CODES = new Set<PolicyErrorCode>(['wrong_region', 'unknown_region']);
// The summary lists this many refused rows; the file holds them all.
const LISTED = 10;

interface Refused {
  line: number;
  company: string;
  kind: Kind;
  reason: string;
}

/** The summary of an import (saved, refused as duplicates naming the owner, for the region, invalid naming the field) and the file of refused rows. */
export function importSummaryView(t: Translate, report: ImportReport): View {
  const refused = refusedRows(t, report).sort((a, b) => a.line - b.line);
  const saved = report.outcomes.filter((o) => o.outcome === 'saved').length;
  const count = (kind: Kind) => refused.filter((r) => r.kind === kind).length;
  const blocks: Block[] = [
    {
      type: 'fields',
      fields: [
        { label: t('import.count.rows'), value: String(saved + refused.length) },
        { label: t('import.count.saved'), value: String(saved) },
        { label: t('import.count.duplicate'), value: String(count('duplicate')) },
        { label: t('import.count.file_duplicate'), value: String(count('file_duplicate')) },
        { label: t('import.count.region'), value: String(count('region')) },
        { label: t('import.count.invalid'), value: String(count('invalid')) },
      ],
    },
  ];
  if (refused.length) {
    blocks.push({ type: 'list', items: refused.slice(0, LISTED).map((r) => t('import.refused_row', { line: r.line, company: r.company || '-', reason: r.reason })) });
    blocks.push({ type: 'note', text: t(refused.length > LISTED ? 'import.more_in_file' : 'import.all_in_file', { count: refused.length }) });
  }
  blocks.push({ type: 'note', text: t('import.columns_used', { columns: report.used.map((u) => `${u.header} → ${t(`field.${u.field}` as MessageKey)}`).join('，') }) });
  if (report.legalRepresentativeOnly) blocks.push({ type: 'note', text: t('import.legal_representative') });
  return {
    tone: refused.length === 0 ? 'success' : saved > 0 ? 'warning' : 'danger',
    title: t('import.title', { file: report.fileName }),
    blocks,
    // The refused rows are the person's own file, contacts and all: for them only.
    sensitive: true,
    ...(refused.length ? { file: { name: refusedFileName(report.fileName), mime: 'text/csv' as const, content: refusedFile(t, report, refused) } } : {}),
  };
}

function refusedRows(t: Translate, report: ImportReport): Refused[] {
  const rows: Refused[] = report.invalid.map((row) => ({ line: row.line, company: row.company, kind: 'invalid', reason: row.issues.map((i) => issueText(t, i)).join(' ') }));
  for (const o of report.outcomes) {
    if (o.outcome === 'saved') continue;
    if (o.outcome === 'file_duplicate') {
      rows.push({ line: o.line, company: o.company, kind: 'file_duplicate', reason: t('import.file_duplicate', { line: o.firstLine }) });
      continue;
    }
    const kind: Kind = DUPLICATE_CODES.has(o.code) ? 'duplicate' : REGION_CODES.has(o.code) ? 'region' : 'invalid';
    const reason = refusalView(t, o.code, o.details).blocks.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join(' ');
    rows.push({ line: o.line, company: o.company, kind, reason });
  }
  return rows;
}

/** The refused rows as the file had them, with their line and the reason: fixed, the file can be imported again as it is. */
function refusedFile(t: Translate, report: ImportReport, refused: Refused[]): string {
  const header = [t('import.file.line'), ...report.header, t('import.file.reason')];
  const width = report.header.length;
  const rows = refused.map((r) => {
    const cells = [...(report.cells.get(r.line) ?? [])].slice(0, width);
    while (cells.length < width) cells.push('');
    return [String(r.line), ...cells, r.reason];
  });
  return csvFile([header, ...rows]);
}

const refusedFileName = (name: string) => `${name.replace(/\.[^.]*$/u, '').slice(0, 60) || 'import'}-refused.csv`;

/** A whole file refused before any row was reported: nothing was saved. */
export type ImportFileProblem =
  | { problem: 'file_too_large'; max: number; size: number }
  | { problem: 'too_many_rows'; max: number; rows: number }
  | { problem: 'file_type'; name: string }
  | { problem: 'encoding_unreadable' }
  | { problem: 'xlsx_unreadable' }
  | { problem: 'no_company_column'; columns: string }
  | { problem: 'no_rows' };

const MB = 1024 * 1024;
const megabytes = (bytes: number) => `${(bytes / MB).toFixed(bytes % MB === 0 ? 0 : 1)} MB`;

export function importProblemView(t: Translate, p: ImportFileProblem, maxRows: number): View {
  const text = (() => {
    switch (p.problem) {
      case 'file_too_large':
        return t('import.problem.file_too_large', { max: megabytes(p.max), size: megabytes(p.size) });
      case 'too_many_rows':
        return t('import.problem.too_many_rows', { max: p.max, rows: p.rows });
      case 'file_type':
        return t('import.problem.file_type', { name: p.name });
      case 'encoding_unreadable':
        return t('import.problem.encoding_unreadable');
      case 'xlsx_unreadable':
        return t('import.problem.xlsx_unreadable');
      case 'no_company_column':
        return t('import.problem.no_company_column', { columns: p.columns });
      case 'no_rows':
        return t('import.problem.no_rows', { max: maxRows });
    }
  })();
  return { tone: 'warning', title: t('input.title'), blocks: [{ type: 'text', text }] };
}

/** `/import leads` without a file: how to send one on this platform. */
export function importSendFileView(t: Translate, platform: string, maxBytes: number, maxRows: number): View {
  const key: MessageKey = platform === 'slack' ? 'import.send_file.slack' : platform === 'feishu' ? 'import.send_file.feishu' : 'import.send_file.console';
  return { tone: 'info', blocks: [{ type: 'text', text: t(key, { max: megabytes(maxBytes), rows: maxRows }) }] };
}
