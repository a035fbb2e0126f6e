import type { Translate } from '../i18n/translate.ts';
import type { Block } from './view.ts';

/**
 * Rows on one page of a long list. Ten approval rows (a line and two buttons
 * each) are 21 Slack blocks of the 50 a message takes and about 60 Feishu
 * components of the 200 a card takes, with room for the rest of the reply.
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
