import type { ExportFormat, ExportKind, ExportPeriod, ExportRequest } from '../../core/exports/types.ts';
import type { ParseContext } from '../../grammar/context.ts';
import { issue, type InputIssue, type Parsed } from '../../grammar/issues.ts';
import type { RawCommand } from '../../grammar/read-command.ts';
import { MONTH_FORMS, parseMonth, parseQuarter, QUARTER_FORMS } from '../../grammar/values/period.ts';
import type { ExportKey } from './export-keys.ts';

/** The kind's words in both languages: /export leads, /导出 线索. */
const KINDS: Record<string, ExportKind> = {
  leads: 'leads', lead: 'leads', 线索: 'leads',
  clients: 'clients', client: 'clients', 客户: 'clients',
  deals: 'deals', deal: 'deals', 商机: 'deals',
  kpi: 'kpi', kpis: 'kpi', 业绩: 'kpi',
};
const FORMATS: Record<string, ExportFormat> = { xlsx: 'xlsx', excel: 'xlsx', csv: 'csv' };

/**
 * `/export <kind> [period] [format:xlsx|csv]`: the period is a month or a
 * quarter written as /goal and /kpi take them (2026-11, 11月, 2026Q4, 第4季度);
 * the format defaults to xlsx.
 */
export function readExport({ words, pairs }: RawCommand<ExportKey>, ctx?: ParseContext): Parsed<ExportRequest> {
  const issues: InputIssue[] = [];
  const [first = '', ...rest] = words.trim().split(/\s+/u).filter(Boolean);
  const kind = KINDS[first.toLowerCase()];
  if (!kind) issues.push(issue(first ? 'choice_invalid' : 'missing_field', 'export_target', { value: first.slice(0, 30), options: 'leads, clients, deals, kpi / 线索, 客户, 商机, 业绩' }));
  const today = ctx?.today ?? new Date().toISOString().slice(0, 10);
  let period: ExportPeriod | null = null;
  const written = rest.join('');
  if (written) {
    const quarter = parseQuarter(written, today);
    const month = quarter.ok ? null : parseMonth(written, today);
    if (quarter.ok) period = { kind: 'quarter', quarter: quarter.value };
    else if (month?.ok) period = { kind: 'month', month: month.value };
    else issues.push(issue('choice_invalid', 'export_period', { value: written.slice(0, 30), options: `${MONTH_FORMS}; ${QUARTER_FORMS}` }));
  }
  let format: ExportFormat = 'xlsx';
  if (pairs.format !== undefined) {
    const chosen = FORMATS[pairs.format.trim().toLowerCase()];
    if (chosen) format = chosen;
    else issues.push(issue('choice_invalid', 'format', { value: pairs.format.slice(0, 30), options: 'xlsx, csv' }));
  }
  if (issues.length || !kind) return { ok: false, issues };
  return { ok: true, value: { kind, period, format } };
}
