import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notice } from '../../src/core/notices.ts';
import { noticeView } from '../../src/views/notice-view.ts';
import { translator } from '../../src/i18n/translate.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { sampleQuarter } from '../support/performance-data.ts';
import { backends } from '../support/test-database.ts';
import { viewText } from '../support/view-text.ts';

describe.each(backends)('performance commands through the bot on $name', (backend) => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backend);
    await sampleQuarter(f.database.db);
  });
  afterAll(() => f.close());

  const say = async (who: string, text: string) => viewText(await f.bot.handleText(f.as(who), text));

  it('/业绩 shows my quarter in Chinese: sales against target, new clients, collection rate', async () => {
    const text = await say('zhangsan', '/业绩 季度:2026年第3季度');
    expect(text).toContain('张三 · 2026Q3 业绩');
    expect(text).toContain('销售额 ¥110万 / 目标 ¥100万 ✅ 达标');
    expect(text).toContain('新客户 2 / 季度目标 9 ❌ 未达标');
    // Each month is marked against the monthly target, so the one that missed shows (KPI-1).
    expect(text).toContain('2026-08：0/3 ❌ 未达标');
    expect(text).toContain('回款率 50.0%（目标 ≥95%）');
  });

  it('/kpi team in English for a regional manager, with the travel fund and conversion', async () => {
    const text = await say('lisi', '/kpi team quarter:2026Q3');
    expect(text).toContain('华东 · 2026Q3');
    expect(text).toContain('张三');
    expect(text).toContain('2026-07 转化率：1/2 条线索已签约（50.0%）');
    const english = await say('fengyi', '/kpi team');
    expect(english).toContain('华北 · 2026Q4 team figures');
    expect(english).toContain('Team new clients 0/10 (KPI-7)');
    // A month without leads says so in words, not with a bare '-'.
    expect(english).toContain('2026-10 conversion: 0 of 0 leads signed (no leads)');
  });

  it('refuses /kpi @someone outside my chain with a sentence, and bad input names the problem', async () => {
    expect(await say('zhaoliu', '/kpi @zhangsan')).toContain('只有张三的上级经理、所在区域的区域经理或部门经理');
    const bad = await say('zhangsan', '/业绩 季度:明年');
    expect(bad).toContain('季度');
    expect(bad).toContain('2026Q4');
  });

  it('/目标 sets a goal, the person gets an Agree button, /目标 同意 agrees', async () => {
    expect(await say('lisi', '/目标 @zhangsan 销售额:40万 新客户:3 月份:2026-12')).toContain('已为 张三 设定 2026-12 目标');
    const row = await f.database.db.selectFrom('outbox').select('notice').where('person_id', '=', 'zhangsan').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const card = noticeView(translator('zh-CN'), 'zh-CN', row.notice as unknown as Notice);
    const version = new Date('2026-11-26T10:00:00+08:00').getTime();
    expect(card.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => x.command) : []))).toEqual([`/goal agree 2026-12 ${version}`]);
    // The manager replaces it before the person agrees: the old card's Agree agrees nothing and shows the new goal.
    f.clock.set('2026-11-26T10:30:00+08:00');
    await say('lisi', '/目标 @zhangsan 销售额:50万 新客户:4 月份:2026-12');
    const stale = await f.bot.handleText(f.as('zhangsan'), `/goal agree 2026-12 ${version}`);
    expect(viewText(stale)).toContain('您的 2026-12 目标在您查看之后已被修改，现在是：销售额 ¥50万，新客户 4 家');
    const fresh = new Date('2026-11-26T10:30:00+08:00').getTime();
    expect(stale.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => x.command) : []))).toEqual([`/goal agree 2026-12 ${fresh}`]);
    expect((await f.database.db.selectFrom('monthly_goals').select('agreed_at').where('person_id', '=', 'zhangsan').executeTakeFirstOrThrow()).agreed_at).toBeNull();
    expect(await say('zhangsan', `/goal agree 2026-12 ${fresh}`)).toContain('已确认 2026-12 目标');
    // The team list puts each person's goal in the reader's words (a full-width colon in Chinese).
    await say('lisi', '/目标 @zhaoliu 销售额:30万 新客户:3');
    expect(await say('lisi', '/目标')).toContain('赵六：2026-11');
  });

  it('/plan without a failed review says so; /财务 锁定 is finance\'s', async () => {
    expect(await say('zhangsan', '/改进 多拜访')).toContain('没有未达标的季度考核');
    expect(await say('zhangsan', '/财务 锁定 2026-10')).toContain('销售');
    expect(await say('qianhui', '/财务 锁定 2026-10')).toContain('2026-10 已锁定');
    expect(await say('qianhui', '/财务 锁定 2026-10')).toContain('已由 钱慧 于 2026-11-26 锁定');
    expect(await say('qianhui', '/finance lock 2027-01')).toContain('尚未到来');
  });
});
