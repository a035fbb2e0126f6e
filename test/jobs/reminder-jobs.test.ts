import cron from 'node-cron';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { submitApproval } from '../../src/core/approvals/submit.ts';
import { updateClient } from '../../src/core/clients/update-client.ts';
import { reportLead } from '../../src/core/leads/report-lead.ts';
import { DEFAULT_POLICY } from '../../src/core/policy.ts';
import { recordLeave, setReminders } from '../../src/core/reminders/availability.ts';
import { dailyLeadsMorning, dailyLeadsNudge } from '../../src/core/reminders/lead-reminders.ts';
import { approvalsWaitingJob, followupsJob } from '../../src/core/reminders/other-reminders.ts';
import { JOBS } from '../../src/jobs/registry.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { backends } from '../support/test-database.ts';

const lead = (company: string, phone: string) => ({
  company, contactName: '甲', phone, email: null, size: '1', position: '1', region: null, creditCode: null, source: null,
});

describe.each(backends)('reminder jobs on $name', (backend) => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backend);
  });
  afterAll(() => f.close());
  beforeEach(async () => {
    await f.database.db.deleteFrom('outbox').where('update_of', 'is not', null).execute();
    await f.database.db.deleteFrom('outbox').execute();
  });

  const queuedFor = async (kind: string) =>
    (await f.database.db.selectFrom('outbox').select(['person_id', 'notice']).execute()).filter((r) => (r.notice as { kind: string }).kind === kind).map((r) => r.person_id).sort();
  const at = (iso: string) => new Date(iso);

  it('sends the morning kick-off to every salesperson and account manager on a working day, once', async () => {
    const first = await dailyLeadsMorning(f.deps, at('2026-11-26T09:00:00+08:00'));
    expect(first).toEqual({ queued: 6, skipped: null });
    expect(await queuedFor('leads_morning')).toEqual(['chener', 'sunqi', 'wujiu', 'zhangsan', 'zhaoliu', 'zhengshi']);
    expect(await dailyLeadsMorning(f.deps, at('2026-11-26T09:00:00+08:00'))).toEqual({ queued: 0, skipped: null });
  });

  it.each([
    ['a Saturday', '2026-11-28T09:00:00+08:00', 'not_working_day'],
    ['National Day', '2026-10-02T09:00:00+08:00', 'not_working_day'],
    ['the middle of the night', '2026-11-26T23:30:00+08:00', 'quiet_hours'],
  ])('sends nothing on %s', async (_when, iso, reason) => {
    expect(await dailyLeadsMorning(f.deps, at(iso))).toEqual({ queued: 0, skipped: reason });
  });

  it('works on a make-up Saturday (调休 2026-10-10)', async () => {
    expect((await dailyLeadsMorning(f.deps, at('2026-10-10T09:00:00+08:00'))).queued).toBe(6);
  });

  it('nudges only those under target, saying how many are missing, and nobody on leave or muted', async () => {
    f.clock.set('2026-12-02T10:00:00+08:00');
    for (let i = 0; i < 5; i++) await reportLead(f.deps, f.as('zhangsan'), lead(`达标公司${i}`, `+861390000${String(i).padStart(4, '0')}`));
    await reportLead(f.deps, f.as('zhaoliu'), lead('未达标公司', '+8613911112222'));
    await recordLeave(f.deps, f.as('wujiu'), { from: '2026-12-01', to: '2026-12-03' });
    await setReminders(f.deps, f.as('chener'), false);
    const outcome = await dailyLeadsNudge(f.deps, at('2026-12-02T16:30:00+08:00'));
    expect(await queuedFor('leads_nudge')).toEqual(['sunqi', 'zhaoliu', 'zhengshi']);
    expect(outcome.queued).toBe(3);
    const zhaoliu = await f.database.db.selectFrom('outbox').select('notice').where('person_id', '=', 'zhaoliu').executeTakeFirstOrThrow();
    expect(zhaoliu.notice).toMatchObject({ kind: 'leads_nudge', count: 1, target: 5, missing: 4 });
    await setReminders(f.deps, f.as('chener'), true);
    f.clock.set('2026-11-26T10:00:00+08:00');
  });

  it('sends each approver one digest of what waits on them, muted or not', async () => {
    await setReminders(f.deps, f.as('lisi'), false);
    await submitApproval(f.deps, f.as('zhangsan'), { kind: 'expense', subject: '展会', amountFen: 100_000, event: null, product: null, onDate: null });
    await submitApproval(f.deps, f.as('zhaoliu'), { kind: 'expense', subject: '礼品', amountFen: 200_000, event: null, product: null, onDate: null });
    await f.database.db.deleteFrom('outbox').execute();
    await approvalsWaitingJob(f.deps, at('2026-11-27T10:00:00+08:00'));
    const digests = await f.database.db.selectFrom('outbox').select(['person_id', 'notice']).execute();
    expect(digests.map((d) => d.person_id)).toEqual(['lisi']);
    expect((digests[0]!.notice as { items: unknown[] }).items).toHaveLength(2);
  });

  it('reminds owners of overdue follow-ups in one digest and, after the grace period, their manager', async () => {
    f.clock.set('2026-09-01T10:00:00+08:00');
    await reportLead(f.deps, f.as('zhengshi'), lead('老客户一', '+8613922220001'));
    await reportLead(f.deps, f.as('zhengshi'), lead('老客户二', '+8613922220002'));
    for (const company of ['老客户一', '老客户二']) {
      await updateClient(f.deps, f.as('zhengshi'), { company, annualPurchaseFen: 50_000_000, grade: null, reason: null, accountManagerId: null });
    }
    f.clock.set('2026-11-26T10:00:00+08:00');
    await followupsJob(f.deps, at('2026-11-26T09:30:00+08:00'));
    const owner = await f.database.db.selectFrom('outbox').select('notice').where('person_id', '=', 'zhengshi').execute();
    expect(owner).toHaveLength(1);
    expect((owner[0]!.notice as { items: { company: string; overdue: boolean }[] }).items.map((i) => [i.company, i.overdue])).toEqual([
      ['老客户一', true],
      ['老客户二', true],
    ]);
    const manager = await f.database.db.selectFrom('outbox').select('notice').where('person_id', '=', 'zhouba').execute();
    expect(manager.map((m) => (m.notice as { kind: string }).kind)).toEqual(['followups_team']);
  });
});

describe('the schedule', () => {
  it.each([
    // The per-person reminders run every quarter of an hour (each person at the policy time in their own zone).
    ['daily-leads-morning', '0,15,30,45 * * * *'],
    ['daily-leads-nudge', '0,15,30,45 * * * *'],
    ['followups', '0,15,30,45 * * * *'],
    ['approvals-waiting', '0,15,30,45 * * * *'],
    ['payments-due', '0,15,30,45 * * * *'],
    ['approvals-escalate', '0 * * * *'],
  ])('runs %s at %s, a valid cron expression, in the company zone', (name, expression) => {
    const job = JOBS[name];
    expect(job?.cron(DEFAULT_POLICY)).toBe(expression);
    expect(cron.validate(expression)).toBe(true);
  });

  it('fires at 16:30 in Shanghai, which is 08:30 UTC', async () => {
    const task = cron.createTask('30 16 * * *', () => undefined, { timezone: 'Asia/Shanghai' });
    const next = task.getNextRuns(3);
    expect(next).toHaveLength(3);
    for (const run of next) expect([run.getUTCHours(), run.getUTCMinutes()]).toEqual([8, 30]);
    await task.destroy();
  });
});
