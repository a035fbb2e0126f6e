import { readFileSync } from 'node:fs';
import cron from 'node-cron';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ORG_FILE } from '../../src/config/env.ts';
import { ConfigError } from '../../src/config/config-error.ts';
import { parseOrgFile, type OrgFile } from '../../src/config/org-file.ts';
import { submitApproval } from '../../src/core/approvals/submit.ts';
import { DEFAULT_POLICY, type Policy } from '../../src/core/policy.ts';
import { dailyLeadsMorning, dailyLeadsNudge } from '../../src/core/reminders/lead-reminders.ts';
import { approvalsWaitingJob } from '../../src/core/reminders/other-reminders.ts';
import { JOBS } from '../../src/jobs/registry.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { backends } from '../support/test-database.ts';

/**
 * Each person's own time: the shipped org with 赵六 (sales) and 李四 (his
 * regional manager, the approver of 华东's small expenses) in Berlin, written
 * as the org file's per-person `timezone:` (in lower case: the canonical name
 * is kept). Thursday 2026-11-26: Berlin is UTC+1, Shanghai UTC+8, so 09:00 in
 * Berlin is 16:00 in Shanghai.
 */
const berlinOrg = (): OrgFile => {
  const text = readFileSync(DEFAULT_ORG_FILE, 'utf8')
    .replace('  - id: zhaoliu\n', '  - id: zhaoliu\n    timezone: europe/berlin\n')
    .replace('  - id: lisi\n', '  - id: lisi\n    timezone: Europe/Berlin\n');
  return parseOrgFile(text, 'org.yaml');
};

describe('the org file’s per-person timezone', () => {
  it('is an optional IANA zone, kept in its canonical spelling', () => {
    const org = berlinOrg();
    expect(org.people.find((p) => p.id === 'zhaoliu')?.timezone).toBe('Europe/Berlin');
    expect(org.people.find((p) => p.id === 'zhangsan')).not.toHaveProperty('timezone');
  });

  it('refuses an unknown zone, naming the person', () => {
    const text = readFileSync(DEFAULT_ORG_FILE, 'utf8').replace('  - id: zhaoliu\n', '  - id: zhaoliu\n    timezone: Mars/Olympus\n');
    expect(() => parseOrgFile(text, 'org.yaml')).toThrow(ConfigError);
    expect(() => parseOrgFile(text, 'org.yaml')).toThrow('person "zhaoliu": unknown time zone "Mars/Olympus"; use an IANA name such as Europe/Berlin');
  });
});

describe('the per-person reminders run every quarter of an hour', () => {
  it('so 09:00 in Berlin (08:00 UTC) is one of the runs, scheduled in Shanghai', async () => {
    const expression = JOBS['daily-leads-morning']!.cron(DEFAULT_POLICY);
    expect(cron.validate(expression)).toBe(true);
    const task = cron.createTask(expression, () => undefined, { timezone: 'Asia/Shanghai' });
    const runs = task.getNextRuns(96).map((d) => d.toISOString().slice(11, 16));
    expect(runs).toContain('08:00');
    expect(runs).toContain('01:00');
    await task.destroy();
  });
});

describe.each(backends)('each person’s own time on $name', (backend) => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backend, { org: berlinOrg() });
  });
  afterAll(() => f.close());
  beforeEach(async () => {
    await f.database.db.deleteFrom('outbox').where('update_of', 'is not', null).execute();
    await f.database.db.deleteFrom('outbox').execute();
  });

  const queuedFor = async (kind: string) =>
    (await f.database.db.selectFrom('outbox').select(['person_id', 'notice']).execute()).filter((r) => (r.notice as { kind: string }).kind === kind).map((r) => r.person_id).sort();

  it('keeps the zone in the people table', async () => {
    expect((await f.database.db.selectFrom('people').select('timezone').where('id', '=', 'zhaoliu').executeTakeFirstOrThrow()).timezone).toBe('Europe/Berlin');
    expect((await f.database.db.selectFrom('people').select('timezone').where('id', '=', 'zhangsan').executeTakeFirstOrThrow()).timezone).toBeNull();
    const zhaoliu = await f.deps.store.transaction(async (tx) => ({ ok: true as const, value: await tx.directory.personById('zhaoliu') }));
    expect(zhaoliu.ok && zhaoliu.value?.timezone).toBe('Europe/Berlin');
  });

  it('sends the 09:00 kick-off at 09:00 in Shanghai to the company’s people and at 09:00 in Berlin to the Berlin salesperson, once', async () => {
    expect(await dailyLeadsMorning(f.deps, new Date('2026-11-26T09:00:00+08:00'))).toEqual({ queued: 5, skipped: null });
    expect(await queuedFor('leads_morning')).toEqual(['chener', 'sunqi', 'wujiu', 'zhangsan', 'zhengshi']);
    // 08:45 in Berlin: not yet.
    expect(await dailyLeadsMorning(f.deps, new Date('2026-11-26T08:45:00+01:00'))).toEqual({ queued: 0, skipped: null });
    // 09:00 in Berlin: his, for his Thursday.
    expect(await dailyLeadsMorning(f.deps, new Date('2026-11-26T09:00:00+01:00'))).toEqual({ queued: 1, skipped: null });
    expect(await dailyLeadsMorning(f.deps, new Date('2026-11-26T09:15:00+01:00'))).toEqual({ queued: 0, skipped: null });
    const his = await f.database.db.selectFrom('outbox').select(['notice', 'dedupe_key']).where('person_id', '=', 'zhaoliu').execute();
    expect(his.map((r) => [r.dedupe_key, (r.notice as { date: string }).date])).toEqual([['leads_morning:zhaoliu:2026-11-26', '2026-11-26']]);
  });

  it('before the policy time nobody gets it, and the job says why', async () => {
    expect(await dailyLeadsMorning(f.deps, new Date('2026-11-26T08:30:00+08:00'))).toEqual({ queued: 0, skipped: 'not_yet' });
  });

  it('nudges at 16:30 in each zone: the company’s quiet hours do not hold back a reader whose own day is still on', async () => {
    const company = await dailyLeadsNudge(f.deps, new Date('2026-11-26T16:30:00+08:00'));
    expect(await queuedFor('leads_nudge')).not.toContain('zhaoliu');
    expect(company.queued).toBe(5);
    // 16:30 in Berlin is 23:30 in Shanghai: quiet there, not in Berlin.
    expect(await dailyLeadsNudge(f.deps, new Date('2026-11-26T16:30:00+01:00'))).toEqual({ queued: 1, skipped: 'quiet_hours' });
    expect((await queuedFor('leads_nudge')).filter((id) => id === 'zhaoliu')).toEqual(['zhaoliu']);
  });

  it('keeps the quiet hours of the reader’s own zone', async () => {
    // A reminder at 07:00, before the quiet hours end (08:00): each person gets it at 08:00 in their own zone.
    const early: Policy = { ...DEFAULT_POLICY, reminders: { ...DEFAULT_POLICY.reminders, leadsMorning: '07:00' } };
    const deps = { ...f.deps, policy: early };
    // 14:30 in Shanghai is 07:30 in Berlin: the company's people are reached, he is not.
    expect((await dailyLeadsMorning(deps, new Date('2026-11-26T14:30:00+08:00'))).queued).toBe(5);
    expect(await queuedFor('leads_morning')).not.toContain('zhaoliu');
    expect(await dailyLeadsMorning(deps, new Date('2026-11-26T08:00:00+01:00'))).toEqual({ queued: 1, skipped: null });
  });

  it('keeps the company’s working days: a Chinese public holiday is off in Berlin too', async () => {
    expect(await dailyLeadsMorning(f.deps, new Date('2026-10-01T09:00:00+02:00'))).toEqual({ queued: 0, skipped: 'not_working_day' });
    expect(await queuedFor('leads_morning')).toEqual([]);
  });

  it('tells an approver in Berlin what waits on them at 10:00 in Berlin', async () => {
    await submitApproval(f.deps, f.as('zhangsan'), { kind: 'expense', subject: '柏林展会', amountFen: 100_000, event: null, product: null, onDate: null });
    await f.database.db.deleteFrom('outbox').execute();
    await approvalsWaitingJob(f.deps, new Date('2026-11-27T10:00:00+08:00'));
    expect(await queuedFor('approvals_waiting')).toEqual([]);
    await approvalsWaitingJob(f.deps, new Date('2026-11-27T10:00:00+01:00'));
    expect(await queuedFor('approvals_waiting')).toEqual(['lisi']);
  });
});
