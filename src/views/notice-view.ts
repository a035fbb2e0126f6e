import type { Notice } from '../core/notices.ts';
import type { Translate } from '../i18n/translate.ts';
import type { View } from './view.ts';

/** A notice in the reader's words, when it is sent. */
export function noticeView(t: Translate, notice: Notice): View {
  switch (notice.kind) {
    case 'account_manager_assigned':
      return {
        tone: 'info',
        title: t('notice.account_manager_assigned.title'),
        blocks: [
          { type: 'text', text: t('notice.account_manager_assigned.body', { company: notice.company, by: notice.by }) },
          { type: 'actions', buttons: [{ label: t('button.client'), command: `/client ${notice.company}` }] },
        ],
      };
    default: {
      const unknown: never = notice.kind;
      throw new Error(`unknown notice ${String(unknown)}`);
    }
  }
}
