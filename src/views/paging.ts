import type { Translate } from '../i18n/translate.ts';
import type { Block } from './view.ts';

/**
 * Rows on one page of a long list, chosen so a page fits every platform.
 * A tabled list (`/deals`, `/kpi team`, `/leads`, `/approvals`) is one Slack
 * table block (Slack: 100 rows) and one page of a Feishu table (page_size at
 * most 10), and ten rows of the longest names the default policy lets in stay
 * under a Feishu card's 30 KB. Ten approval rows with two buttons each are
 * 20 buttons: one Slack actions block (25) and about 60 Feishu components of
 * the 200 a card takes, with room for the rest of the reply.
 */
export const PAGE_SIZE = 10;

export interface Page<T> {
  items: T[];
  /** 1-based; a page past the end shows the last one. */
  page: number;
  pages: number;
  /** 1-based positions of the first and last row shown. */
  from: number;
  to: number;
  total: number;
}

export function pageOf<T>(all: readonly T[], page = 1, size = PAGE_SIZE): Page<T> {
  const pages = Math.max(1, Math.ceil(all.length / size));
  const current = Math.min(Math.max(1, Math.floor(page)), pages);
  const start = (current - 1) * size;
  const items = all.slice(start, start + size);
  return { items, page: current, pages, from: items.length ? start + 1 : 0, to: start + items.length, total: all.length };
}

/**
 * Where the reader is in a list of more than one page, and buttons to the
 * pages either side (`command(n)` is the command that shows page n). Nothing
 * for a list that fits on one page.
 */
export function pagerBlocks(t: Translate, page: Page<unknown>, command: (page: number) => string): Block[] {
  if (page.pages <= 1) return [];
  const buttons = [
    ...(page.page > 1 ? [{ label: t('button.previous_page'), command: command(page.page - 1) }] : []),
    ...(page.page < page.pages ? [{ label: t('button.next_page'), command: command(page.page + 1), style: 'primary' as const }] : []),
  ];
  return [
    { type: 'note', text: t('view.page', { page: page.page, pages: page.pages, from: page.from, to: page.to, total: page.total }) },
    { type: 'actions', buttons },
  ];
}
