import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatDriver, DriverFactory } from './chat-driver.ts';
import { consoleDriver } from './console-driver.ts';
import { feishuDriver } from './feishu-driver.ts';
import { slackDriver } from './slack-driver.ts';

/**
 * Every command of contract.md beyond a day's leads, typed in Chinese on
 * every adapter: a deal from first contact to signed, its contract through
 * legal, a payment, an after-sales ticket, the review figures, a monthly
 * goal, finance's lock, a morning reminder, a grade raised and confirmed. Forms are filled where a person would meet them.
 * Each step starts from the org alone and sets the scene it needs through
 * the bot, so it passes run by itself and fails where its own part breaks.
 */
const drivers: [string, DriverFactory][] = [
  ['console', consoleDriver],
  ['slack', slackDriver],
  ['feishu', feishuDriver],
];

const COMPANY = '苏州园区精工机械有限公司';
const idAfter = (text: string, prefix: string): string => {
  const id = new RegExp(`${prefix}\\s*#?(\\d+)`).exec(text)?.[1];
  if (!id) throw new Error(`no id after "${prefix}" in: ${text}`);
  return id;
};
const NEEDS = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`q${i + 1}`, `回答${i + 1}`]));
const LEAD = `/线索 ${COMPANY} 联系人:陈工 电话:13600001111 规模:300人 行业地位:龙头`;
const NEEDS_TYPED = Array.from({ length: 10 }, (_, i) => `问题${i + 1}:回答${i + 1}`).join(' ');
const GOOD_CONTRACT = '金额:50万 交付:2026-12-20 付款方式:银行转账 账期:45天 违约金:5% 签署:电子签';

/** The scenes the steps start from, each the one before it taken a step further, set through the bot. */
const given = {
  /** 张三's lead of COMPANY. */
  lead: (d: ChatDriver) => d.arrange('zhangsan', LEAD, '线索已保存'),
  /** A deal of COMPANY in needs research (stage 2). */
  async dealInNeedsResearch(d: ChatDriver): Promise<string> {
    await given.lead(d);
    const deal = idAfter(await d.arrange('zhangsan', `/商机 新建 ${COMPANY} 金额:50万`, '新建商机'), '新建商机');
    await d.arrange('zhangsan', `/商机 ${deal} 下一步`, '第 2/5 阶段');
    return deal;
  },
  /** A deal of COMPANY in negotiation (stage 4), where a contract may be drafted. */
  async dealInNegotiation(d: ChatDriver): Promise<string> {
    const deal = await given.dealInNeedsResearch(d);
    await d.arrange('zhangsan', `/商机 ${deal} 需求 ${NEEDS_TYPED} 方式:phone`, '已答 10/10');
    await d.arrange('zhangsan', `/商机 ${deal} 下一步`, '第 3/5 阶段');
    await d.arrange('zhangsan', `/商机 ${deal} 方案 产品组合:数控机床+运维 价格策略:首年九折 服务承诺:48小时上门`, '方案');
    await d.arrange('zhangsan', `/商机 ${deal} 下一步`, '第 4/5 阶段');
    return deal;
  },
  /** A contract of that deal, drafted with terms the policy allows. */
  async draftedContract(d: ChatDriver): Promise<{ deal: string; contract: string }> {
    const deal = await given.dealInNegotiation(d);
    const contract = idAfter(await d.arrange('zhangsan', `/合同 ${deal} ${GOOD_CONTRACT}`, '条款符合制度'), '合同草稿');
    return { deal, contract };
  },
  /** That contract approved by legal and signed: the deal is won. */
  async signedContract(d: ChatDriver): Promise<{ deal: string; contract: string }> {
    const { deal, contract } = await given.draftedContract(d);
    const approval = idAfter(await d.arrange('zhangsan', `/合同 ${contract} 提交`, '已提交法务审核'), '审批单');
    await d.arrange('luming', `/审批 同意 ${approval}`, '已通过');
    await d.arrange('zhangsan', `/合同 ${contract} 已签`, `合同 #${contract} 已签署`);
    return { deal, contract };
  },
};

describe.each(drivers)('every command on %s', (_name, makeDriver) => {
  let d: ChatDriver;
  beforeAll(async () => {
    d = await makeDriver();
  });
  beforeEach(() => d.reset());
  afterAll(() => d.close());

  it('opens a deal and moves it, naming what a gate still needs (PIPE-1, PIPE-2)', async () => {
    expect(await d.send('zhangsan', LEAD)).toContain('线索已保存');
    const opened = await d.send('zhangsan', `/商机 新建 ${COMPANY} 金额:50万`);
    expect(opened).toContain(`已为「${COMPANY}」新建商机`);
    const deal = idAfter(opened, '新建商机');
    expect(await d.send('zhangsan', `/商机 ${deal} 下一步`)).toContain('第 2/5 阶段');
    const refused = await d.send('zhangsan', `/商机 ${deal} 下一步`);
    expect(refused).toContain('还不能进入「方案制定」');
    expect(refused).toContain('1');
  });

  it('takes the needs checklist through its form, then the proposal, to negotiation (PIPE-2, PIPE-3)', async () => {
    const deal = await given.dealInNeedsResearch(d);
    const saved = await d.submitForm('zhangsan', `/商机 ${deal} 需求`, { ...NEEDS, method: 'phone' });
    expect(saved).toContain('已答 10/10');
    expect(await d.send('zhangsan', `/商机 ${deal} 下一步`)).toContain('第 3/5 阶段');
    await d.send('zhangsan', `/商机 ${deal} 方案 产品组合:数控机床+运维 价格策略:首年九折 服务承诺:48小时上门`);
    expect(await d.send('zhangsan', `/商机 ${deal} 下一步`)).toContain('第 4/5 阶段');
    expect(await d.send('zhangsan', '/商机列表')).toContain(COMPANY);
  });

  it('refuses a contract naming every broken term, and takes a good one through its form (CON-1)', async () => {
    const deal = await given.dealInNegotiation(d);
    const refused = await d.send('zhangsan', `/合同 ${deal} 金额:50万 交付:2026-12-20 付款方式:银行转账 账期:90天 违约金:3% 签署:电子签`);
    expect(refused).toContain('账期 90 天超过上限 60 天');
    expect(refused).toContain('违约赔付比例 3% 不符合制度规定的 5%');
    const drafted = await d.submitForm('zhangsan', '/合同', {
      deal_id: deal,
      amount: '50万',
      delivery: '2026-12-20',
      method: '银行转账',
      term: '45',
      penalty: '5%',
      sign: 'esign',
    });
    expect(drafted).toContain('条款符合制度');
    expect(drafted).toMatch(/合同草稿\s*#?\d+/);
  });

  it('sends the contract to legal, who approve it from the card; the owner signs it and the deal is won (CON-2, PIPE-4)', async () => {
    const { deal, contract } = await given.draftedContract(d);
    const submitted = await d.send('zhangsan', `/合同 ${contract} 提交`);
    expect(submitted).toContain('已提交法务审核');
    const approval = idAfter(submitted, '审批单');
    expect(await d.delivered('luming', COMPANY)).toContain(COMPANY);
    expect(await d.send('luming', `/审批 同意 ${approval}`)).toContain('已通过');
    expect(await d.send('zhangsan', `/合同 ${contract} 已签`)).toContain(`合同 #${contract} 已签署`);
    expect(await d.send('zhangsan', `/商机 ${deal}`)).toContain('5/5');
  });

  it('records a payment by finance and tells the owner (CON-3)', async () => {
    const { contract } = await given.signedContract(d);
    expect(await d.send('qianhui', `/回款 ${contract} 金额:20万`)).toContain('已登记回款');
    expect(await d.delivered('zhangsan', `合同 #${contract} 回款已登记`)).toContain(COMPANY);
    expect(await d.send('qianhui', `/回款 ${contract} 金额:40万`)).toContain('30');
  });

  it('opens, answers and closes an after-sales ticket, which its account manager hears of (CLI-4)', async () => {
    await given.lead(d);
    await d.arrange('lisi', `/client ${COMPANY} manager:@sunqi`, '孙七');
    const opened = await d.send('zhangsan', `/工单 ${COMPANY} 主轴异响`);
    expect(opened).toContain('请在');
    const ticket = idAfter(opened, '售后工单');
    expect(await d.delivered('sunqi', `新的售后工单 #${ticket}`)).toContain('主轴异响');
    expect(await d.send('zhangsan', `/工单 ${ticket} 回复 已安排工程师上门`)).toContain('已响应');
    expect(await d.send('zhangsan', `/工单 ${ticket} 关闭`)).toContain('已关闭');
  });

  it('shows the review figures, sets and agrees a monthly goal, locks a month, and refuses a plan nobody owes (KPI-1..4)', async () => {
    const kpi = await d.send('zhangsan', '/业绩');
    expect(kpi).toContain('业绩');
    expect(kpi).toContain('销售额');
    expect(await d.send('lisi', '/目标 @zhangsan 销售额:40万 新客户:3')).toContain('张三');
    expect(await d.delivered('zhangsan', '目标')).toContain('40');
    expect(await d.send('zhangsan', '/目标 同意')).toContain('已确认');
    expect(await d.send('qianhui', '/财务 锁定 2026-10')).toContain('已锁定');
    expect(await d.send('zhangsan', '/改进 多拜访老客户')).toContain('无需提交改进方案');
  });

  it('tells each salesperson the day\'s lead target in the morning (LEAD-1)', async () => {
    await d.runJob('daily-leads-morning', '2026-11-26T09:00:00+08:00');
    expect(await d.delivered('zhangsan', '今日线索目标')).toContain('今天的目标是 5 家目标企业');
  });

  it('raises a grade on an annual purchase only once the regional manager, sent a card, confirms it (CLI-1)', async () => {
    await given.lead(d);
    expect(await d.send('zhangsan', `/客户 ${COMPANY} 年采购额:600万`)).toContain('待区域经理确认');
    expect(await d.delivered('lisi', '请确认客户等级提升')).toContain(COMPANY);
    // The card's button types the change's number, which no message shows.
    const change = await d.fixture.database.db.selectFrom('grade_history').select('id').where('status', '=', 'pending').executeTakeFirstOrThrow();
    const confirmed = await d.send('lisi', `/客户 ${COMPANY} 确认等级:${change.id}`);
    expect(confirmed).not.toContain('待区域经理确认');
    expect(confirmed).toContain('A 类至少 2 次');
    // The grade history names the people, not their ids.
    expect(confirmed).toContain('→ A（张三） — 已由 李四 确认');
  });
});
