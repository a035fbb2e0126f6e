import type { ExportTable } from '../core/exports/types.ts';
import type { Translate } from '../i18n/translate.ts';
import type { FileToSend, View } from './view.ts';

/** The reply to `/export`: what was exported and how many rows, the file with it (to the person only). */
export function exportView(t: Translate, table: ExportTable, file: FileToSend): View {
  const scope = table.region === null ? t('export.scope.all') : t('export.scope.region', { region: table.region });
  return {
    tone: 'success',
    title: t('export.title', { what: t(`export.kind.${table.kind}`) }),
    blocks: [
      { type: 'text', text: t('export.summary', { rows: table.rows.length, scope, period: table.period ?? t('export.period.all') }) },
      ...(table.masked ? [{ type: 'note' as const, text: t('export.masked', { count: table.masked }) }] : []),
    ],
    // Client data, contacts and all: for the manager who asked only (SEC-2).
    sensitive: true,
    file,
  };
}
