import { describe, expect, it } from 'vitest';
import { renderCard } from '../../adapters/feishu/card.ts';
import { renderBlocks } from '../../adapters/slack/block-kit.ts';
import type { ClientArchive, NamedArchiveEntry } from '../../src/core/clients/show-archive.ts';
import type { Company } from '../../src/core/clients/types.ts';
import type { Person } from '../../src/core/people.ts';
import { DEFAULT_POLICY } from '../../src/core/policy.ts';
import { translator } from '../../src/i18n/translate.ts';
import { clientArchiveView } from '../../src/views/client-archive-view.ts';
import { noticeView } from '../../src/views/notice-view.ts';
import type { View } from '../../src/views/view.ts';
import { checkCard } from '../fakes/feishu-card-rules.ts';
import { checkMessage } from '../fakes/slack-rules.ts';

const t = translator('zh-CN');
const ctx = { t, locale: 'zh-CN' as const, timezone: 'Asia/Shanghai', policy: DEFAULT_POLICY };
const refusals = (view: View) => ({ slack: checkMessage(renderBlocks(view, t)), feishu: checkCard(renderCard(view, t)) });

const NAME = `${'精密'.repeat(45)}机械有限公司`;
const person = (id: string): Person => ({ id, name: '欧阳'.repeat(25), role: 'account_manager', region: '华东', managerId: null, slackId: null, feishuId: null, locale: null, monthlySalaryFen: null });
const company: Company = {
  id: 1, name: NAME, normName: NAME, creditCode: null, region: '华东', ownerId: 'zhangsan', size: '200人', position: '龙头', source: null,
  accountManagerId: null, annualPurchaseFen: 600_000_000, grade: 'A', gradeOverridden: false, customerSince: null, createdAt: new Date('2026-01-01T00:00:00Z'), duplicateOf: null,
};
/** The longest lines an archive can hold: visit notes and ticket problems of 500 characters. */
const entry = (i: number): NamedArchiveEntry => ({
  at: new Date(Date.UTC(2026, 10, 1, 0, i)),
  by: 'zhangsan',
  byName: '欧阳'.repeat(25),
  event: i % 2 ? { kind: 'visit', method: 'onsite', visitDate: '2026-11-01', note: '备'.repeat(500) } : { kind: 'ticket_opened', ticketId: i, note: '响'.repeat(500) },
});

describe('the client archive and the A-class card on the platforms', () => {
  it('renders a full page of the longest archive lines within Slack’s and Feishu’s limits', () => {
    const archive: ClientArchive = {
      company, owner: person('zhangsan'), accountManager: null, regionalContacts: [person('lisi'), person('lisi2')],
      contact: { name: '王建国', phone: '+8613812345678', email: 'w@example.com' }, contactMasked: false, insider: true,
      entries: Array.from({ length: 45 }, (_, i) => entry(i)),
    };
    for (const page of [1, 2, 3]) expect(refusals(clientArchiveView(ctx, archive, page)), `page ${page}`).toEqual({ slack: null, feishu: null });
  });

  it('renders the account-manager card with a region of many account managers', () => {
    const candidates = Array.from({ length: 30 }, (_, i) => ({ id: `am${i}`, name: '欧阳'.repeat(25) }));
    const view = noticeView(t, 'zh-CN', { kind: 'account_manager_needed', company: NAME, region: '华东', candidates, reminder: true });
    expect(refusals(view)).toEqual({ slack: null, feishu: null });
  });
});
