import type { Notice } from '../core/notices.ts';
import type { Locale } from '../core/people.ts';
import type { Translate } from '../i18n/translate.ts';
import { formatMoney } from './format.ts';
import type { View } from './view.ts';

type GradeNotice = Extract<Notice, { kind: 'grade_confirmation' | 'grade_confirmation_closed' | 'grade_decided' }>;

/**
 * CLI-1's confirmation of a raised grade: the card a confirmer gets (the
 * confirmed grade, the pending one, Confirm / Keep the old grade), that card
 * once closed, and the answer to whoever made the change.
 */
export function gradeNoticeView(t: Translate, locale: Locale, notice: GradeNotice): View {
  const none = t('client.grade.none');
  switch (notice.kind) {
    case 'grade_confirmation':
      return {
        tone: 'warning',
        title: t('notice.grade_confirmation.title', { company: notice.company }),
        blocks: [
          {
            type: 'text',
            text: t(`notice.grade_confirmation.body.${notice.source}`, {
              by: notice.by,
              company: notice.company,
              amount: notice.annualPurchaseFen === null ? '' : formatMoney(notice.annualPurchaseFen, locale),
              reason: notice.reason ?? '',
            }),
          },
          {
            type: 'fields',
            fields: [
              { label: t('notice.grade_confirmation.confirmed_grade'), value: notice.confirmedGrade ?? none },
              { label: t('notice.grade_confirmation.pending_grade'), value: notice.pendingGrade },
            ],
          },
          {
            type: 'actions',
            buttons: [
              { label: t('button.grade_confirm'), command: `/client ${notice.company} confirm:${notice.changeId}`, style: 'primary' },
              { label: t('button.grade_keep'), command: `/client ${notice.company} keep:${notice.changeId}` },
            ],
          },
        ],
      };
    case 'grade_confirmation_closed':
      return {
        tone: notice.outcome === 'confirmed' ? 'success' : 'info',
        title: t('notice.grade_confirmation.title', { company: notice.company }),
        blocks: [
          {
            type: 'fields',
            fields: [
              { label: t('notice.grade_confirmation.confirmed_grade'), value: notice.confirmedGrade ?? none },
              { label: t('notice.grade_confirmation.pending_grade'), value: notice.pendingGrade },
            ],
          },
          {
            type: 'text',
            text: t(`notice.grade_confirmation.${notice.outcome}`, {
              by: notice.by ?? '',
              grade: notice.outcome === 'confirmed' ? notice.pendingGrade : (notice.confirmedGrade ?? none),
            }),
          },
        ],
      };
    case 'grade_decided':
      return {
        tone: notice.outcome === 'confirmed' ? 'success' : 'info',
        title: t('notice.grade_decided.title', { company: notice.company }),
        blocks: [
          {
            type: 'text',
            text: t(`notice.grade_decided.${notice.outcome}`, { by: notice.by, company: notice.company, grade: notice.grade, previous: notice.previousGrade ?? none }),
          },
          { type: 'actions', buttons: [{ label: t('button.client'), command: `/client ${notice.company}` }] },
        ],
      };
  }
}
