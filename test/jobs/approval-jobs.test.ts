import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideApproval } from '../../src/core/approvals/decide.ts';
import { submitApproval, type SubmitApprovalCommand } from '../../src/core/approvals/submit.ts';
import { JOBS } from '../../src/jobs/registry.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { backends } from '../support/test-database.ts';

const promo = (subject: string, onDate: string): SubmitApprovalCommand => ({ kind: 'promotion', subject, amountFen: 3_000_000, event: null, product: '智能锁X1', onDate });

describe.each(backends)('a promotion whose start date comes unapproved (PROMO-1) on $name', (backend) => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backend);
  });
  afterAll(() => f.close());

  const flags = async () =>
    (await f.database.db.selectFrom('outbox').select(['person_id', 'notice']).orderBy('id').execute())
      .filter((r) => (r.notice as { kind: string }).kind === 'promotion_start_unapproved')
      .map((r) => `${r.person_id}:${(r.notice as { requestId: number }).requestId}`);

  it('is flagged on its start day to the marketing reviewer and the department manager, once; an approved one is not', async () => {
    const waiting = await submitApproval(f.deps, f.as('zhangsan'), promo('新品试用季', '2026-11-27'));
    const approved = await submitApproval(f.deps, f.as('zhaoliu'), promo('老客户回馈', '2026-11-27'));
    if (!waiting.ok || !approved.ok) throw new Error('not submitted');
    expect((await decideApproval(f.deps, f.as('heyan'), { requestId: approved.value.request.id, decision: 'approve', reason: null })).ok).toBe(true);
    const job = JOBS['approvals-waiting']!;
    await job.run(f.deps, new Date('2026-11-26T10:00:00+08:00'));
    expect(await flags()).toEqual([]);
    await job.run(f.deps, new Date('2026-11-27T10:00:00+08:00'));
    expect(await flags()).toEqual([`heyan:${waiting.value.request.id}`, `wangwu:${waiting.value.request.id}`]);
    const notice = (await f.database.db.selectFrom('outbox').select('notice').where('person_id', '=', 'wangwu').orderBy('id', 'desc').executeTakeFirstOrThrow()).notice;
    expect(notice).toMatchObject({ subject: '新品试用季', start: '2026-11-27', requester: '张三', waitingOn: '何艳' });
    await job.run(f.deps, new Date('2026-11-30T10:00:00+08:00'));
    expect(await flags()).toHaveLength(2);
  });
});
