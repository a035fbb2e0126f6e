import cron from 'node-cron';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { updateClient } from '../../src/core/clients/update-client.ts';
import { reportLead } from '../../src/core/leads/report-lead.ts';
import type { Notice } from '../../src/core/notices.ts';
import { DEFAULT_POLICY } from '../../src/core/policy.ts';
import { slaJob } from '../../src/core/reminders/sla-reminders.ts';
import { openTicket } from '../../src/core/tickets/open-ticket.ts';
import { respondToTicket } from '../../src/core/tickets/respond-ticket.ts';
import { translator } from '../../src/i18n/translate.ts';
import { JOBS } from '../../src/jobs/registry.ts';
import { noticeView } from '../../src/views/notice-view.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { backToCheckpoint, checkpoint } from '../support/reset-database.ts';
import { backends } from '../support/test-database.ts';
import { viewText } from '../support/view-text.ts';

const EAST = '上海华信科技有限公司';

describe.each(backends)('the sla job (CLI-4) on $name', (backend) => {
  let f: BotFixture;
  /** Opened Monday 22:00: at Wednesday 11:00 it is 37 hours old, 11 hours before its deadline. */
  let warned: number;
  /** Opened Monday 10:00: at Wednesday 11:00 it is 49 hours old, one hour overdue. */
  let overdue: number;
  /** Opened Monday 09:00 and answered: the job leaves it alone. */
  let answered: number;

  const open = async (iso: string, problem: string) => {
    f.clock.set(iso);
    const opened = await openTicket(f.deps, f.as('zhangsan'), { company: EAST, problem });
    if (!opened.ok) throw new Error(opened.code);
    return opened.value.ticket.id;
  };

  beforeAll(async () => {
    f = await botFixture(backend, { now: '2026-11-30T08:00:00+08:00' });
    const saved = await reportLead(f.deps, f.as('zhangsan'), {
      company: EAST, contactName: '王建国', phone: '+8613812345678', email: null, size: '500人', position: '行业前三', region: null, creditCode: null, source: null,
    });
    if (!saved.ok) throw new Error(saved.code);
    await updateClient(f.deps, f.as('lisi'), { company: EAST, annualPurchaseFen: null, grade: null, reason: null, accountManagerId: 'sunqi' });
    warned = await open('2026-11-30T22:00:00+08:00', '打印机卡纸');
    overdue = await open('2026-11-30T10:00:00+08:00', '系统宕机');
    answered = await open('2026-11-30T09:00:00+08:00', '发票开错');
    f.clock.set('2026-11-30T09:30:00+08:00');
    await respondToTicket(f.deps, f.as('zhangsan'), { ticketId: answered, text: '已处理' });
    await f.database.db.deleteFrom('outbox').execute();
    await checkpoint(f.database.db);
  });
  // Every test starts from these three tickets and an empty outbox, and runs the job as often as it needs.
  beforeEach(async () => {
    await backToCheckpoint(f.database.db);
    f.clock.set('2026-11-30T09:30:00+08:00');
  });
  afterAll(() => f.close());

  /** The run at Wednesday 11:05 that warns of `warned` and finds `overdue` overdue. */
  const runWednesdayMorning = () => slaJob(f.deps, new Date('2026-12-02T11:05:00+08:00'));

  const queued = async () =>
    (await f.database.db.selectFrom('outbox').select(['person_id', 'dedupe_key', 'notice']).orderBy('id').execute()).map((r) => ({
      to: r.person_id,
      key: r.dedupe_key,
      notice: r.notice as Notice,
    }));

  it('sends nothing in quiet hours', async () => {
    expect(await slaJob(f.deps, new Date('2026-12-02T23:05:00+08:00'))).toEqual({ queued: 0, skipped: 'quiet_hours' });
    expect(await queued()).toEqual([]);
  });

  it('warns the owner and account manager at 37 hours, and tells the owner and their manager at 49 hours how late it is', async () => {
    const outcome = await slaJob(f.deps, new Date('2026-12-02T11:05:00+08:00'));
    const rows = await queued();
    expect(outcome).toEqual({ queued: rows.length, skipped: null });
    const warnings = rows.filter((r) => r.notice.kind === 'ticket_sla_warning');
    expect(warnings.map((r) => r.to).sort()).toEqual(['sunqi', 'zhangsan']);
    expect(warnings.map((r) => r.key).sort()).toEqual([`sla:${warned}:warn:to:sunqi`, `sla:${warned}:warn:to:zhangsan`]);
    expect(warnings[0]!.notice).toMatchObject({ ticketId: warned, hoursLeft: 11, respondBy: '2026-12-02 22:00' });
    const late = rows.filter((r) => r.notice.kind === 'ticket_sla_overdue');
    // The owner and the owner's manager (the regional manager), and the account manager it is assigned to.
    expect(late.map((r) => r.to).sort()).toEqual(['lisi', 'sunqi', 'zhangsan']);
    expect(late[0]!.notice).toMatchObject({ ticketId: overdue, hoursOverdue: 1, owner: '张三', respondBy: '2026-12-02 10:00' });
    expect(rows.some((r) => (r.notice as { ticketId?: number }).ticketId === answered)).toBe(false);
  });

  it('sends nothing twice when it runs again', async () => {
    await runWednesdayMorning();
    const before = (await queued()).length;
    expect(await slaJob(f.deps, new Date('2026-12-02T11:05:00+08:00'))).toEqual({ queued: 0, skipped: null });
    expect(await slaJob(f.deps, new Date('2026-12-02T12:05:00+08:00'))).toEqual({ queued: 0, skipped: null });
    expect(await queued()).toHaveLength(before);
  });

  it('moves a warned ticket on to overdue once its deadline has passed, once', async () => {
    await runWednesdayMorning();
    const at = new Date('2026-12-03T09:05:00+08:00');
    await slaJob(f.deps, at);
    const overdueOfWarned = (await queued()).filter((r) => r.notice.kind === 'ticket_sla_overdue' && r.notice.ticketId === warned);
    expect(overdueOfWarned.map((r) => r.to).sort()).toEqual(['lisi', 'sunqi', 'zhangsan']);
    expect(overdueOfWarned[0]!.notice).toMatchObject({ hoursOverdue: 11 });
    expect(await slaJob(f.deps, at)).toEqual({ queued: 0, skipped: null });
  });

  it('keeps the 48-hour clock over a weekend: a ticket opened Friday 17:00 is warned and overdue on Sunday, not only on Monday', async () => {
    const friday = await open('2026-12-04T17:00:00+08:00', '周末也要修');
    const ofFriday = async (kind: string) => (await queued()).filter((r) => r.notice.kind === kind && (r.notice as { ticketId: number }).ticketId === friday);
    // Sunday 07:05 is still quiet; the first run after 08:00 warns.
    expect(await slaJob(f.deps, new Date('2026-12-06T07:05:00+08:00'))).toEqual({ queued: 0, skipped: 'quiet_hours' });
    expect((await slaJob(f.deps, new Date('2026-12-06T08:05:00+08:00'))).skipped).toBeNull();
    expect((await ofFriday('ticket_sla_warning')).map((r) => r.to).sort()).toEqual(['sunqi', 'zhangsan']);
    expect((await ofFriday('ticket_sla_warning'))[0]!.notice).toMatchObject({ hoursLeft: 9, respondBy: '2026-12-06 17:00' });
    await slaJob(f.deps, new Date('2026-12-06T18:05:00+08:00'));
    expect((await ofFriday('ticket_sla_overdue')).map((r) => r.to).sort()).toEqual(['lisi', 'sunqi', 'zhangsan']);
    expect((await ofFriday('ticket_sla_overdue'))[0]!.notice).toMatchObject({ hoursOverdue: 1 });
  });

  it('puts the notices in Chinese words for a Chinese reader', async () => {
    await runWednesdayMorning();
    const t = translator('zh-CN');
    const rows = await queued();
    const warning = rows.find((r) => r.notice.kind === 'ticket_sla_warning' && r.to === 'zhangsan')!;
    expect(viewText(noticeView(t, 'zh-CN', warning.notice))).toBe(
      `工单 #${warned} 还有 11 小时到期\n「上海华信科技有限公司」的售后工单（打印机卡纸）还没有回复，请在 2026-12-02 22:00 前首次响应（CLI-4 售后限时响应）。`,
    );
    const late = rows.find((r) => r.notice.kind === 'ticket_sla_overdue' && r.to === 'lisi' && r.notice.ticketId === overdue)!;
    expect(viewText(noticeView(t, 'zh-CN', late.notice))).toBe(
      `工单 #${overdue} 已超时 1 小时\n「上海华信科技有限公司」的售后工单（系统宕机）应在 2026-12-02 10:00 前首次响应，现已超时 1 小时，负责人 张三 尚未回复（CLI-4）。`,
    );
    const view = noticeView(t, 'zh-CN', late.notice);
    expect(view.blocks.at(-1)).toEqual({
      type: 'actions',
      buttons: [
        { label: '回复', command: `/ticket ${overdue} respond`, style: 'primary' },
        { label: '查看工单', command: `/ticket ${overdue}` },
      ],
    });
  });

  it('marks a ticket once its overdue notices are queued and never reads it again, however long it waits', async () => {
    // `overdue` is late on Wednesday morning, `warned` on Thursday morning.
    await runWednesdayMorning();
    await slaJob(f.deps, new Date('2026-12-03T09:05:00+08:00'));
    const marked = await f.database.db.selectFrom('tickets').select(['id', 'overdue_notified_at']).where('id', 'in', [warned, overdue, answered]).orderBy('id').execute();
    expect(marked.map((r) => [r.id, r.overdue_notified_at !== null])).toEqual([
      [overdue, true],
      [answered, false],
      [warned, true],
    ].sort((a, b) => (a[0] as number) - (b[0] as number)));
    // Even with the outbox emptied (no dedupe key left to stop it), a week later nothing is said of them again.
    await f.database.db.deleteFrom('outbox').execute();
    expect(await slaJob(f.deps, new Date('2026-12-10T11:05:00+08:00'))).toEqual({ queued: 0, skipped: null });
  });
});

describe('the sla schedule', () => {
  it('runs every hour at minute 5, a valid cron expression, while the daily jobs keep theirs', () => {
    const sla = JOBS.sla;
    expect(sla?.cron(DEFAULT_POLICY)).toBe('5 * * * *');
    expect(cron.validate('5 * * * *')).toBe(true);
    // followups reaches each person at 09:30 in their own zone, so it runs every quarter of an hour.
    expect(JOBS.followups?.cron(DEFAULT_POLICY)).toBe('0,15,30,45 * * * *');
    expect(JOBS['monthly-goals']?.cron(DEFAULT_POLICY)).toBe('0 9 * * *');
  });
});
