import { exportData } from '../../core/exports/export-data.ts';
import type { ExportRequest } from '../../core/exports/types.ts';
import { exportView } from '../../views/export-views.ts';
import { viewOf } from '../../views/view-of.ts';
import type { CommandFamily } from '../family.ts';
import { EXPORT_KEYS, type ExportKey } from './export-keys.ts';
import { readExport } from './read-export.ts';
import { writeExport } from '../../views/export-file.ts';

export type ExportsCommand = { kind: 'export'; input: ExportRequest };

/**
 * `/export leads|clients|deals|kpi [period] [format:csv]` (SEC-2, README
 * "Exports"): managers only, in a direct message; the file goes to the
 * manager with the reply, and the export is audited (core/exports).
 */
export const exportsFamily = {
  name: 'exports',
  keys: EXPORT_KEYS,
  commands: {
    export: {
      words: { en: ['export'], 'zh-CN': ['导出'] },
      keys: ['format'],
      read: (raw, ctx) => {
        const read = readExport(raw, ctx);
        return read.ok ? { ok: true, value: { kind: 'export', input: read.value } } : read;
      },
    },
  },
  kinds: ['export'],
  async run(command, { deps, actor, view: { t } }) {
    const result = await exportData(deps, actor, command.input);
    if (!result.ok) return viewOf(t, result, () => ({ tone: 'info', blocks: [] }));
    const file = await writeExport(t, result.value, command.input.format);
    return exportView(t, result.value, file);
  },
} satisfies CommandFamily<ExportsCommand, ExportKey>;
