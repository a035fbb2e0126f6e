import type { PolicyAckNotice } from '../core/policy-ack/notices.ts';
import type { Translate } from '../i18n/translate.ts';
import { itemName } from './policy-views.ts';
import type { View } from './view.ts';

/** TRN-1's reminders and the department manager's weekly digest, in the reader's words. */
export function policyNoticeView(t: Translate, notice: PolicyAckNotice): View {
  switch (notice.kind) {
    case 'policy_ack_due':
      return {
        tone: 'info',
        title: t('notice.policy_ack_due.title'),
        blocks: [
          { type: 'text', text: notice.changed ? t('notice.policy_ack_due.changed', { items: notice.items.map((i) => itemName(t, i)).join(', ') }) : t('notice.policy_ack_due.new') },
          {
            type: 'actions',
            buttons: [
              { label: t('button.policy'), command: '/policy' },
              { label: t('button.policy_ack'), command: '/policy ack', style: 'primary' },
            ],
          },
        ],
      };
    case 'policy_ack_digest':
      return {
        tone: 'warning',
        title: t('notice.policy_ack_digest.title'),
        blocks: [
          { type: 'text', text: t('notice.policy_ack_digest.body', { covered: notice.covered }) },
          { type: 'list', items: notice.items.map((i) => t('notice.policy_ack_digest.line', i)) },
          ...(notice.more > 0 ? [{ type: 'note' as const, text: t('notice.policy_ack_digest.more', { count: notice.more }) }] : []),
          { type: 'actions', buttons: [{ label: t('button.policy_status'), command: '/policy status' }] },
        ],
      };
    default: {
      const unhandled: never = notice;
      throw new Error(`unhandled policy notice ${JSON.stringify(unhandled)}`);
    }
  }
}
