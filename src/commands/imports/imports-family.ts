import { importLeads, mayImportLeads } from '../../core/leads/import-leads.ts';
import { issue } from '../../grammar/issues.ts';
import { importProblemView, importSendFileView, importSummaryView } from '../../views/import-views.ts';
import { viewOf } from '../../views/view-of.ts';
import type { CommandFamily } from '../family.ts';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './import-limits.ts';
import { readImportFile } from './read-import-file.ts';

export type ImportsCommand = { kind: 'import_leads' };

// What can be imported: leads only, for now.
const TARGETS = new Set(['leads', 'lead', '线索']);

/**
 * `/import leads` with a .csv or .xlsx (README "Bulk import"): every row
 * reported as `/lead` would report it (importLeads), a summary and a file of
 * the refused rows. The file comes with the command or right after it (the
 * bot keeps the command for the file, see src/bot/awaiting-file.ts); on the
 * console, as a path after the words.
 */
export const importsFamily = {
  name: 'imports',
  commands: {
    import: {
      words: { en: ['import'], 'zh-CN': ['导入'] },
      keys: [],
      read: (raw) => {
        const target = raw.words.trim().toLowerCase();
        if (TARGETS.has(target)) return { ok: true, value: { kind: 'import_leads' } };
        return { ok: false, issues: [issue(target ? 'choice_invalid' : 'missing_field', 'import_target', { value: target.slice(0, 30), options: 'leads, 线索' })] };
      },
    },
  },
  kinds: ['import_leads'],
  takesFile: ['import_leads'],
  async run(_command, { deps, actor, view: { t }, file }) {
    const allowed = mayImportLeads(actor);
    if (!allowed.ok) return viewOf(t, allowed, () => ({ tone: 'info', blocks: [] }));
    if (!file) return importSendFileView(t, actor.platform, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS);
    const read = await readImportFile(file);
    if (!read.ok) return importProblemView(t, read, MAX_IMPORT_ROWS);
    const { table } = read;
    return viewOf(t, await importLeads(deps, actor, table.rows), (outcomes) => importSummaryView(t, { fileName: file.name, ...table, outcomes }));
  },
} satisfies CommandFamily<ImportsCommand, never>;
