import cron from 'node-cron';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { acknowledgePolicy } from '../../src/core/policy-ack/acknowledge.ts';
import { policyAckJob } from '../../src/core/policy-ack/policy-ack-job.ts';
import { DEFAULT_POLICY, type Policy } from '../../src/core/policy.ts';
import { JOBS } from '../../src/jobs/registry.ts';
import { importOrg } from '../../src/store/import-org.ts';
import { noticeView } from '../../src/views/notice-view.ts';
import { translator } from '../../src/i18n/translate.ts';
import type { Notice } from '../../src/core/notices.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { backends } from '../support/test-database.ts';
import { viewText } from '../support/view-text.ts';

const changed: Policy = { ...DEFAULT_POLICY, clients: { ...DEFAULT_POLICY.clients, ticketResponseHours: 24 } };

describe.each(backends)('the policy-ack job (TRN-1) on $name', (backend) => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backend);
  });
  afterAll(() => f.close());
  beforeEach(async () => {
    await f.database.db.deleteFrom('outbox').where('update_of', 'is not', null).execute();
    await f.database.db.deleteFrom('outbox').execute();
    await f.database.db.deleteFrom('policy_acks').execute();
  });

  const queued = async (kind: string) =>
    (await f.database.db.selectFrom('outbox').select(['person_id', 'notice']).orderBy('person_id').execute()).filter((r) => (r.notice as Notice).kind === kind);
  const at = (iso: string) => new Date(iso);
  const everyoneAcknowledges = async (policy: Policy) => {
    for (const p of f.org.people) await acknowledgePolicy({ ...f.deps, policy }, f.as(p.id));
  };

  it('reminds everyone who has not acknowledged once, on a working day in working hours', async () => {
    expect(await policyAckJob(f.deps, at('2026-11-28T10:15:00+08:00'))).toEqual({ queued: 0, skipped: 'not_working_day' });
    expect(await policyAckJob(f.deps, at('2026-11-26T22:15:00+08:00'))).toEqual({ queued: 0, skipped: 'quiet_hours' });
    await acknowledgePolicy(f.deps, f.as('zhangsan'));
    const first = await policyAckJob(f.deps, at('2026-11-26T10:15:00+08:00'));
    const due = await queued('policy_ack_due');
    expect(due.map((r) => r.person_id)).toEqual(f.org.people.map((p) => p.id).filter((id) => id !== 'zhangsan').sort());
    expect(first.queued).toBe(due.length);
    expect(due.every((r) => (r.notice as Extract<Notice, { kind: 'policy_ack_due' }>).changed === false)).toBe(true);
    // Every hour after, and the next days: nothing more about the same versions.
    expect((await policyAckJob(f.deps, at('2026-11-26T11:15:00+08:00'))).queued).toBe(0);
    expect((await policyAckJob(f.deps, at('2026-11-27T09:15:00+08:00'))).queued).toBe(0);
  });

  it('asks a person the org import adds on the first working day they are there, once', async () => {
    await everyoneAcknowledges(DEFAULT_POLICY);
    expect((await policyAckJob(f.deps, at('2026-11-26T10:15:00+08:00'))).queued).toBe(0);
    const newcomer = { ...f.person('zhaoliu'), id: 'xinren', name: '新人', slackId: null, feishuId: null };
    await importOrg(f.database.db, { regions: f.org.regions, people: [...f.org.people, newcomer] });
    try {
      // Added on a Saturday: asked on Monday, the first working day, within the hour the job runs.
      expect((await policyAckJob(f.deps, at('2026-11-28T10:15:00+08:00'))).queued).toBe(0);
      // Monday: the newcomer's reminder, and the week's digest naming them.
      expect((await policyAckJob(f.deps, at('2026-11-30T08:15:00+08:00'))).queued).toBe(2);
      expect((await queued('policy_ack_digest'))[0]?.notice).toMatchObject({ items: [{ name: '新人', region: '华东', pending: 29 }] });
      const [row, ...others] = await queued('policy_ack_due');
      expect(others).toEqual([]);
      expect(row?.person_id).toBe('xinren');
      const notice = row!.notice as Notice;
      expect(notice).toMatchObject({ kind: 'policy_ack_due', changed: false });
      const view = noticeView(translator('zh-CN'), 'zh-CN', notice);
      expect(viewText(view)).toContain('欢迎');
      expect(view.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => x.command) : []))).toEqual(['/policy', '/policy ack']);
      expect((await policyAckJob(f.deps, at('2026-11-30T09:15:00+08:00'))).queued).toBe(0);
    } finally {
      await importOrg(f.database.db, f.org);
    }
  });

  it('after a rule changes, asks everyone about that rule only, once', async () => {
    await everyoneAcknowledges(DEFAULT_POLICY);
    const deps = { ...f.deps, policy: changed };
    const run = await policyAckJob(deps, at('2026-12-01T10:15:00+08:00'));
    const due = await queued('policy_ack_due');
    expect(run.queued).toBe(f.org.people.length);
    for (const r of due) expect(r.notice).toMatchObject({ kind: 'policy_ack_due', items: ['CLI-4'], changed: true });
    expect(viewText(noticeView(translator('en'), 'en', due[0]!.notice as Notice))).toContain('The policy has changed; please read the changed rules and acknowledge them: CLI-4.');
    expect((await policyAckJob(deps, at('2026-12-01T11:15:00+08:00'))).queued).toBe(0);
    // Acknowledged: nothing more to ask.
    await everyoneAcknowledges(changed);
    await f.database.db.deleteFrom('outbox').execute();
    expect((await policyAckJob(deps, at('2026-12-02T10:15:00+08:00'))).queued).toBe(0);
  });

  it('sends the department manager a digest of who has not acknowledged, on the first working day of a week, once', async () => {
    await everyoneAcknowledges(DEFAULT_POLICY);
    await f.database.db.deleteFrom('policy_acks').where('person_id', 'in', ['wujiu', 'chener']).execute();
    // Thursday: the reminders, no digest.
    await policyAckJob(f.deps, at('2026-11-26T10:15:00+08:00'));
    expect(await queued('policy_ack_digest')).toEqual([]);
    // Monday 2026-11-30: the week's digest, once however often the job runs.
    await policyAckJob(f.deps, at('2026-11-30T08:15:00+08:00'));
    await policyAckJob(f.deps, at('2026-11-30T15:15:00+08:00'));
    const digests = await queued('policy_ack_digest');
    expect(digests.map((d) => d.person_id)).toEqual(['wangwu']);
    expect(digests[0]!.notice).toMatchObject({ kind: 'policy_ack_digest', more: 0, covered: f.org.people.length });
    const text = viewText(noticeView(translator('zh-CN'), 'zh-CN', digests[0]!.notice as Notice));
    expect(text).toContain('吴九（华南）：29 项未确认');
    expect(text).toContain('陈二（华北）：29 项未确认');
    // Tuesday of the same week: no second digest.
    await policyAckJob(f.deps, at('2026-12-01T10:15:00+08:00'));
    expect(await queued('policy_ack_digest')).toHaveLength(1);
  });

  it('sends no digest when everyone has acknowledged', async () => {
    await everyoneAcknowledges(DEFAULT_POLICY);
    expect((await policyAckJob(f.deps, at('2026-11-30T10:15:00+08:00'))).queued).toBe(0);
  });

  it('is scheduled hourly, as a valid cron expression', () => {
    const job = JOBS['policy-ack'];
    expect(job?.run).toBe(policyAckJob);
    expect(job?.cron(DEFAULT_POLICY)).toBe('15 * * * *');
    expect(cron.validate(job!.cron(DEFAULT_POLICY))).toBe(true);
  });
});
