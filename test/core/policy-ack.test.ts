import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acknowledgePolicy } from '../../src/core/policy-ack/acknowledge.ts';
import { policyStatus } from '../../src/core/policy-ack/policy-status.ts';
import { REFUSAL_RULES } from '../../src/core/policy-ack/refusal-rules.ts';
import { RULE_IDS, ruleIdOf } from '../../src/core/policy-ack/rules.ts';
import { itemVersion } from '../../src/core/policy-ack/versions.ts';
import { DEFAULT_POLICY, yuanToFen, type Policy } from '../../src/core/policy.ts';
import { POLICY_ERROR_CODES } from '../../src/core/errors.ts';
import { createBot } from '../../src/bot/bot.ts';
import type { View } from '../../src/views/view.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { backends } from '../support/test-database.ts';
import { viewText } from '../support/view-text.ts';

const buttons = (view: View) => view.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));

/** The default policy with the regional manager's EXP-1 limit at 12,000 yuan and 6 companies a day (LEAD-1). */
const changed: Policy = {
  ...DEFAULT_POLICY,
  leads: { ...DEFAULT_POLICY.leads, dailyTarget: 6 },
  expenses: { ...DEFAULT_POLICY.expenses, regionalManagerUpToFen: yuanToFen(12_000) },
};

describe.each(backends)('/policy (TRN-1) on $name', (backend) => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backend);
  });
  afterAll(() => f.close());
  const withPolicy = (policy: Policy) => ({ ...f.deps, policy });

  it('shows every rule with the values of the policy object, in Chinese and in English', async () => {
    const zh = viewText(await f.bot.handleText(f.as('zhangsan'), '/制度'));
    for (const id of RULE_IDS) expect(zh).toContain(id);
    expect(zh).toContain('至少收集 5 家目标企业');
    expect(zh).toContain('¥1万 以内由区域经理审批');
    expect(zh).toContain('5% 的违约赔付比例');
    const en = viewText(await f.bot.handleText({ person: { ...f.person('zhangsan'), locale: 'en' }, platform: 'console' }, '/policy'));
    expect(en).toContain('at least 5 target companies');
    expect(en).toContain('Up to ¥10,000 the regional manager approves');
  });

  it('shows a value the company changed in its policy, not the default', async () => {
    const bot = createBot(withPolicy(changed));
    const zh = viewText(await bot.handleText(f.as('zhangsan'), '/制度'));
    expect(zh).toContain('至少收集 6 家目标企业');
    expect(zh).toContain('¥1.2万 以内由区域经理审批');
    expect(zh).not.toContain('¥1万 以内');
    const en = viewText(await bot.handleText({ person: { ...f.person('zhangsan'), locale: 'en' }, platform: 'console' }, '/policy EXP-1'));
    expect(en).toContain('Up to ¥12,000 the regional manager approves');
  });

  it('explains one rule, however its code is written', async () => {
    for (const text of ['/policy EXP-1', '/制度 exp-1', '/制度 ＥＸＰ－１', '/policy exp1']) {
      const view = await f.bot.handleText(f.as('zhangsan'), text);
      expect(view.title, text).toBe('EXP-1 市场费用审批');
      expect(viewText(view)).toContain('¥3.5万');
    }
    expect(ruleIdOf('LEAD-9')).toBeNull();
    const bad = await f.bot.handleText(f.as('zhangsan'), '/policy LEAD-9');
    expect(viewText(bad)).toContain('LEAD-9');
    expect(bad.title).toBe('输入有误，未保存任何内容');
  });

  it('records a new person\'s acknowledgement once, and after a policy change asks only about the changed rules', async () => {
    const me = f.as('zhaoliu');
    f.clock.set('2026-11-26T10:00:00+08:00');
    const first = await f.bot.handleText(me, '/制度');
    expect(viewText(first)).toContain('你还需确认');
    expect(buttons(first).map((b) => b.command)).toContain('/policy ack');
    const done = await acknowledgePolicy(f.deps, me);
    expect(done.ok && done.value.acknowledged).toEqual(RULE_IDS);
    const again = await acknowledgePolicy(f.deps, me);
    expect(again.ok && again.value.acknowledged).toEqual([]);
    expect(viewText(await f.bot.handleText(me, '/制度 确认'))).toContain('无需再次确认');
    expect(viewText(await f.bot.handleText(me, '/制度'))).toContain('你已确认现行制度的全部条款');

    // The company changes LEAD-1 and EXP-1: a new version of those two rules only.
    expect(itemVersion(changed, 'LEAD-1')).not.toBe(itemVersion(DEFAULT_POLICY, 'LEAD-1'));
    expect(itemVersion(changed, 'CON-1')).toBe(itemVersion(DEFAULT_POLICY, 'CON-1'));
    const bot = createBot(withPolicy(changed));
    const asked = viewText(await bot.handleText(me, '/制度'));
    expect(asked).toContain('你还需确认 2 项：LEAD-1, EXP-1');
    f.clock.set('2026-11-27T10:00:00+08:00');
    const second = await acknowledgePolicy(withPolicy(changed), me);
    expect(second.ok && second.value.acknowledged).toEqual(['LEAD-1', 'EXP-1']);
    const rows = await f.database.db.selectFrom('policy_acks').selectAll().where('person_id', '=', 'zhaoliu').execute();
    // The old versions stay as history: 29 rules, then the two changed ones again.
    expect(rows).toHaveLength(RULE_IDS.length + 2);
    expect(rows.filter((r) => r.item === 'LEAD-1').map((r) => new Date(r.acknowledged_at).toISOString()).sort()).toEqual(['2026-11-26T02:00:00.000Z', '2026-11-27T02:00:00.000Z']);
    const audit = await f.database.db.selectFrom('audit_log').selectAll().where('actor_id', '=', 'zhaoliu').where('action', '=', 'policy.acknowledge').execute();
    expect(audit).toHaveLength(2);
  });

  it('asks a partner for the confidentiality clause (SEC-2) too, and says it was acknowledged', async () => {
    const partner = f.as('xxads');
    const shown = viewText(await f.bot.handleText(partner, '/policy'));
    expect(shown).toContain('保密条款（合作方）');
    expect(shown).toContain('保密条款。阅读后发送');
    const sec2 = viewText(await f.bot.handleText(partner, '/policy SEC-2'));
    expect(sec2).toContain('不通过私人邮箱');
    const done = await f.bot.handleText(partner, '/policy ack');
    expect(viewText(done)).toContain('其中包括合作方保密条款（SEC-2）');
    const rows = await f.database.db.selectFrom('policy_acks').select('item').where('person_id', '=', 'xxads').execute();
    expect(rows.map((r) => r.item)).toContain('confidentiality');
    expect(viewText(await f.bot.handleText(f.as('zhangsan'), '/policy'))).not.toContain('保密条款（合作方）');
  });

  it('shows who has not acknowledged to a regional manager for their region and to the department manager for all, to nobody else', async () => {
    const region = await policyStatus(f.deps, f.as('lisi'));
    if (!region.ok) throw new Error(region.code);
    expect(region.value.region).toBe('华东');
    const regionIds = region.value.missing.map((m) => m.person.id);
    expect(regionIds).toContain('zhangsan');
    expect(regionIds).not.toContain('zhaoliu'); // acknowledged above
    expect(regionIds).not.toContain('wujiu'); // 华南
    expect(region.value.missing.every((m) => m.person.region === '华东')).toBe(true);
    const all = await policyStatus(f.deps, f.as('wangwu'));
    if (!all.ok) throw new Error(all.code);
    expect(all.value.region).toBeNull();
    expect(all.value.missing.map((m) => m.person.id)).toEqual(expect.arrayContaining(['zhangsan', 'wujiu', 'chener']));
    const text = viewText(await f.bot.handleText(f.as('wangwu'), '/制度 情况'));
    expect(text).toContain('全部门');
    expect(text).toContain('吴九（华南）：全部条款');
    for (const id of ['zhangsan', 'sunqi', 'heyan', 'luming', 'qianhui', 'xxads', 'ops']) {
      expect((await f.bot.handleText(f.as(id), '/policy status')).refusal, id).toBe('not_allowed');
    }
  });

  it('offers the rule of a refusal as a button that shows it', async () => {
    await f.bot.handleText(f.as('zhangsan'), '/lead 按钮测试精密机械有限公司 contact:王经理 phone:13900001111 size:200人 position:区域龙头');
    const refused = await f.bot.handleText(f.as('zhaoliu'), '/lead 按钮测试精密机械有限公司 contact:李经理 phone:13900002222 size:200人 position:区域龙头');
    expect(refused.refusal).toBe('company_owned');
    const button = buttons(refused).find((b) => b.command.startsWith('/policy '));
    expect(button).toEqual({ label: '查看制度 LEAD-2', command: '/policy LEAD-2' });
    const rule = await f.bot.handleText(f.as('zhaoliu'), button!.command);
    expect(rule.title).toBe('LEAD-2 一家企业一个归属');
    // A refusal of a plain fact enforces no one rule and offers none.
    const none = await f.bot.handleText(f.as('zhaoliu'), '/deal 99999');
    expect(none.refusal).toBe('deal_not_found');
    expect(buttons(none).filter((b) => b.command.startsWith('/policy'))).toEqual([]);
  });

  it('maps refusal codes to rules of policy.md only', () => {
    for (const [code, rule] of Object.entries(REFUSAL_RULES)) {
      expect(POLICY_ERROR_CODES as readonly string[]).toContain(code);
      expect(RULE_IDS).toContain(rule);
    }
  });
});
