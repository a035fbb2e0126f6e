import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { showClient } from '../../src/core/clients/show-client.ts';
import { showClientArchive } from '../../src/core/clients/show-archive.ts';
import { recordVisit } from '../../src/core/clients/record-visit.ts';
import type { Notice } from '../../src/core/notices.ts';
import { followupsJob } from '../../src/core/reminders/other-reminders.ts';
import { translator } from '../../src/i18n/translate.ts';
import { DEFAULT_POLICY } from '../../src/core/policy.ts';
import { clientCardView } from '../../src/views/client-views.ts';
import { noticeView } from '../../src/views/notice-view.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { backends } from '../support/test-database.ts';
import { viewText } from '../support/view-text.ts';

/**
 * CLI-2 complete: a client that becomes A without an account manager asks
 * its regional manager for one (a card with the region's account managers
 * as buttons), the followups job reminds once a working day until one is
 * assigned, and then stops; the card and the archive name the regional
 * manager as contact; the quarter's visits count the account manager's and
 * the owner's only. Time is a hand-moved clock.
 */
type Needed = Extract<Notice, { kind: 'account_manager_needed' }>;
const NEEDS_AM = 'A类关怀测试精密机械有限公司';

describe.each(backends)('A-class care on $name', (backend) => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backend, { now: '2026-11-26T10:00:00+08:00' });
  }, 30_000);
  afterAll(() => f?.close());

  const say = async (id: string, text: string) => {
    const view = await f.bot.handleText(f.as(id), text);
    if (view.refusal) throw new Error(`setup "${text}" by ${id}: ${viewText(view)}`);
    return view;
  };
  const asked = async (company: string): Promise<{ to: string; notice: Needed }[]> =>
    (await f.database.db.selectFrom('outbox').select(['person_id', 'notice']).where('update_of', 'is', null).orderBy('id').execute())
      .map((r) => ({ to: r.person_id, notice: r.notice as unknown as Notice }))
      .filter((r): r is { to: string; notice: Needed } => r.notice.kind === 'account_manager_needed' && r.notice.company === company);
  const followups = (iso: string) => followupsJob(f.deps, new Date(iso));

  it('asks the regional manager to assign one of the region’s account managers when a client becomes A without one', async () => {
    await say('zhangsan', `/线索 ${NEEDS_AM} 联系人:王建国 电话:13812340001 规模:200人 行业地位:区域龙头`);
    expect(await asked(NEEDS_AM)).toEqual([]);
    await say('lisi', `/客户 ${NEEDS_AM} 年采购额:600万`);
    const cards = await asked(NEEDS_AM);
    expect(cards).toEqual([{ to: 'lisi', notice: { kind: 'account_manager_needed', company: NEEDS_AM, region: '华东', candidates: [{ id: 'sunqi', name: '孙七' }], reminder: false } }]);
    const view = noticeView(translator('zh-CN'), 'zh-CN', cards[0]!.notice);
    expect(viewText(view)).toContain(`「${NEEDS_AM}」（华东）已是 A 类客户，但还没有专属客户经理（CLI-2）`);
    expect(view.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => [x.label, x.command]) : []))).toEqual([['指派 孙七', `/client ${NEEDS_AM} manager:@sunqi`]]);
  });

  it('names the regional manager as the A-class client’s contact, on the card and in the archive', async () => {
    const card = await showClient(f.deps, f.as('zhangsan'), NEEDS_AM);
    expect(card.ok && card.value.regionalContacts.map((p) => p.id)).toEqual(['lisi']);
    if (card.ok) expect(viewText(clientCardView({ t: translator('zh-CN'), locale: 'zh-CN', timezone: 'Asia/Shanghai', policy: DEFAULT_POLICY }, card.value))).toContain('区域经理（对接）: 李四');
    const archive = await showClientArchive(f.deps, f.as('zhangsan'), { company: NEEDS_AM });
    expect(archive.ok && archive.value.regionalContacts.map((p) => p.id)).toEqual(['lisi']);
  });

  it('reminds once a working day until an account manager is assigned, then stops and shows every card again as done', async () => {
    // The day it became A: the card was that day's ask, so the job adds nothing.
    await followups('2026-11-26T10:30:00+08:00');
    expect(await asked(NEEDS_AM)).toHaveLength(1);
    f.clock.set('2026-11-27T09:30:00+08:00');
    await followups('2026-11-27T09:30:00+08:00');
    await followups('2026-11-27T09:30:00+08:00');
    expect((await asked(NEEDS_AM)).map((c) => [c.to, c.notice.reminder])).toEqual([['lisi', false], ['lisi', true]]);
    const reminder = noticeView(translator('zh-CN'), 'zh-CN', (await asked(NEEDS_AM))[1]!.notice);
    expect(reminder.title).toBe(`仍待指派：「${NEEDS_AM}」还没有专属客户经理`);
    // Saturday 2026-11-28 is no working day; Monday the 30th reminds again.
    await followups('2026-11-28T09:30:00+08:00');
    expect(await asked(NEEDS_AM)).toHaveLength(2);
    f.clock.set('2026-11-30T09:30:00+08:00');
    await followups('2026-11-30T09:30:00+08:00');
    expect(await asked(NEEDS_AM)).toHaveLength(3);
    // The regional manager presses 孙七 on the card: assigned, and the reminders stop.
    const button = noticeView(translator('zh-CN'), 'zh-CN', (await asked(NEEDS_AM))[2]!.notice).blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []))[0]!;
    const assigned = await f.bot.handleText(f.as('lisi'), button.command);
    expect(viewText(assigned)).toContain('专属客户经理: 孙七');
    f.clock.set('2026-12-01T09:30:00+08:00');
    await followups('2026-12-01T09:30:00+08:00');
    expect(await asked(NEEDS_AM)).toHaveLength(3);

    // Every request card sent is shown again: who was assigned, by whom, no buttons left.
    const cards = await f.database.db.selectFrom('outbox').select(['id', 'notice']).where('person_id', '=', 'lisi').where('update_of', 'is', null).orderBy('id').execute();
    const requestIds = cards.filter((c) => (c.notice as unknown as Notice).kind === 'account_manager_needed' && (c.notice as unknown as Needed).company === NEEDS_AM).map((c) => c.id);
    expect(requestIds).toHaveLength(3);
    const updates = await f.database.db.selectFrom('outbox').select(['update_of', 'notice']).where('update_of', 'in', requestIds).orderBy('update_of').execute();
    expect(updates.map((u) => u.update_of)).toEqual(requestIds);
    for (const u of updates) expect(u.notice).toEqual({ kind: 'account_manager_needed_closed', company: NEEDS_AM, accountManager: '孙七', by: '李四' });
    const view = noticeView(translator('zh-CN'), 'zh-CN', updates[0]!.notice as unknown as Notice);
    expect(viewText(view)).toContain(`李四 已指派 孙七 为「${NEEDS_AM}」的专属客户经理`);
    expect(view.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => x.command) : []))).toEqual([`/client ${NEEDS_AM}`]);
    // Assigning again (another manager, the same person) shows nothing twice.
    await say('lisi', `/client ${NEEDS_AM} manager:@sunqi`);
    expect(await f.database.db.selectFrom('outbox').select('id').where('update_of', 'in', requestIds).execute()).toHaveLength(3);
  });

  it('asks nobody when the account manager is assigned in the same command that makes the client A', async () => {
    const company = 'A类同时指派测试有限公司';
    await say('zhangsan', `/线索 ${company} 联系人:李工 电话:13812340002 规模:50人 行业地位:一般`);
    await say('lisi', `/客户 ${company} 年采购额:600万 客户经理:@sunqi`);
    expect(await asked(company)).toEqual([]);
  });

  it('asks when a raised grade to A is confirmed, not while it waits', async () => {
    const company = 'A类待确认测试有限公司';
    await say('zhangsan', `/线索 ${company} 联系人:赵工 电话:13812340003 规模:50人 行业地位:一般`);
    await say('zhangsan', `/客户 ${company} 年采购额:600万`);
    expect(await asked(company)).toEqual([]);
    const change = await f.database.db.selectFrom('grade_history').innerJoin('companies', 'companies.id', 'grade_history.company_id').select('grade_history.id').where('companies.name', '=', company).executeTakeFirstOrThrow();
    await say('lisi', `/客户 ${company} 确认等级:${change.id}`);
    expect((await asked(company)).map((c) => c.to)).toEqual(['lisi']);
  });

  it('counts the quarter’s A-class visits by the account manager or the owner, not a manager dropping by', async () => {
    const company = 'A类拜访计数测试有限公司';
    f.clock.set('2026-12-01T10:00:00+08:00');
    await say('zhangsan', `/线索 ${company} 联系人:钱工 电话:13812340004 规模:50人 行业地位:一般`);
    await say('lisi', `/客户 ${company} 年采购额:600万 客户经理:@sunqi`);
    const count = async () => {
      const card = await showClient(f.deps, f.as('zhangsan'), company);
      return card.ok ? card.value.followUp.quarterVisits?.count : null;
    };
    for (const manager of ['lisi', 'wangwu']) await recordVisit(f.deps, f.as(manager), { company, method: 'onsite', note: null });
    expect(await count()).toBe(0);
    await recordVisit(f.deps, f.as('sunqi'), { company, method: 'onsite', note: null });
    expect(await count()).toBe(1);
    await recordVisit(f.deps, f.as('zhangsan'), { company, method: 'phone', note: null });
    expect(await count()).toBe(2);
    // The followups job reads the same count: two of two, nobody is told the client is behind.
    await f.database.db.deleteFrom('outbox').where('update_of', 'is not', null).execute();
    await f.database.db.deleteFrom('outbox').execute();
    await followups('2026-12-02T09:30:00+08:00');
    const digests = (await f.database.db.selectFrom('outbox').select('notice').execute()).map((r) => r.notice as unknown as Notice);
    const items = digests.flatMap((n) => (n.kind === 'followups_digest' ? n.items : [])).filter((i) => i.company === company);
    expect(items).toEqual([]);
  });
});
