import type { View } from '../../src/views/view.ts';

/**
 * Everything a person reads in a View, one line per piece: the title, then
 * text, note, list, fields and progress blocks, a table as its headings and a
 * line a row (cells between ` | `), then the errors a form shows
 * text, note, list, fields and progress blocks, a chart's title, categories and series names, then the errors a form shows
 * beside its fields. Buttons are left out: they are actions, not sentences.
 */
export function viewText(view: View): string {
  const lines: string[] = [];
  if (view.title) lines.push(view.title);
  for (const block of view.blocks) {
    switch (block.type) {
      case 'text':
      case 'note':
        lines.push(block.text);
        break;
      case 'list':
        lines.push(...block.items);
        break;
      case 'fields':
        lines.push(...block.fields.map((f) => `${f.label}: ${f.value}`));
        break;
      case 'progress':
        lines.push(block.label);
        break;
      case 'table':
        lines.push(block.columns.map((c) => c.label).join(' | '), ...block.rows.map((row) => row.join(' | ')));
        break;
      case 'chart':
        lines.push(block.title, ...block.categories, ...block.series.map((s) => s.name));
        break;
      case 'actions':
        break;
    }
  }
  for (const field of view.form?.fields ?? []) {
    if (field.error) lines.push(`${field.label}: ${field.error}`);
  }
  return lines.join('\n');
}
