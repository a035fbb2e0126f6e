import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatDriver, DriverFactory } from './chat-driver.ts';
import { consoleDriver } from './console-driver.ts';
import { feishuDriver } from './feishu-driver.ts';
import { slackDriver } from './slack-driver.ts';

/**
 * Every command of contract.md beyond a day's leads, typed in Chinese on
 * every adapter: a deal from first contact to signed, its contract through
 * legal, a payment, an after-sales ticket, the review figures, a monthly
 * goal, finance's lock. Forms are filled where a person would meet them.
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
/** The newest message to a person once it says `text` (an earlier message may still be the newest for a moment). */
async function deliveredSaying(d: ChatDriver, personId: string, text: string): Promise<string> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const message = await d.delivered(personId);
    if (message.includes(text) || Date.now() > deadline) return message;
    await new Promise((r) => setTimeout(r, 20));
  }
}
const NEEDS = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`q${i + 1}`, `回答${i + 1}`]));

describe.each(drivers)('every command on %s', (_name, makeDriver) => {
  let d: ChatDriver;
  let deal = '';
  let contract = '';
  beforeAll(async () => {
    d = await makeDriver();
    expect(await d.send('zhangsan', `/线索 ${COMPANY} 联系人:陈工 电话:13600001111 规模:300人 行业地位:龙头`)).toContain('线索已保存');
  });
  afterAll(() => d.close());

  it('opens a deal and moves it, naming what a gate still needs (PIPE-1, PIPE-2)', async () => {
    const opened = await d.send('zhangsan', `/商机 新建 ${COMPANY} 金额:50万`);
    expect(opened).toContain(`已为「${COMPANY}」新建商机`);
    deal = idAfter(opened, '新建商机');
    expect(await d.send('zhangsan', `/商机 ${deal} 下一步`)).toContain('第 2/5 阶段');
    const refused = await d.send('zhangsan', `/商机 ${deal} 下一步`);
    expect(refused).toContain('还不能进入「方案制定」');
    expect(refused).toContain('1');
  });

  it('takes the needs checklist through its form, then the proposal, to negotiation (PIPE-2, PIPE-3)', async () => {
    const saved = await d.submitForm('zhangsan', `/商机 ${deal} 需求`, { ...NEEDS, method: 'phone' });
    expect(saved).toContain('已答 10/10');
    expect(await d.send('zhangsan', `/商机 ${deal} 下一步`)).toContain('第 3/5 阶段');
    await d.send('zhangsan', `/商机 ${deal} 方案 产品组合:数控机床+运维 价格策略:首年九折 服务承诺:48小时上门`);
    expect(await d.send('zhangsan', `/商机 ${deal} 下一步`)).toContain('第 4/5 阶段');
    expect(await d.send('zhangsan', '/商机列表')).toContain(COMPANY);
  });

  it('refuses a contract naming every broken term, and takes a good one through its form (CON-1)', async () => {
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
    contract = idAfter(drafted, '合同草稿');
  });

  it('sends the contract to legal, who approve it from the card; the owner signs it and the deal is won (CON-2, PIPE-4)', async () => {
    const submitted = await d.send('zhangsan', `/合同 ${contract} 提交`);
    expect(submitted).toContain('已提交法务审核');
    const approval = idAfter(submitted, '审批单');
    expect(await deliveredSaying(d, 'luming', COMPANY)).toContain(COMPANY);
    expect(await d.send('luming', `/审批 同意 ${approval}`)).toContain('已通过');
    expect(await d.send('zhangsan', `/合同 ${contract} 已签`)).toContain(`合同 #${contract} 已签署`);
    expect(await d.send('zhangsan', `/商机 ${deal}`)).toContain('5/5');
  });

  it('records a payment by finance and tells the owner (CON-3)', async () => {
    expect(await d.send('qianhui', `/回款 ${contract} 金额:20万`)).toContain('已登记回款');
    expect(await deliveredSaying(d, 'zhangsan', '回款')).toContain(COMPANY);
    expect(await d.send('qianhui', `/回款 ${contract} 金额:40万`)).toContain('30');
  });

  it('opens, answers and closes an after-sales ticket (CLI-4)', async () => {
    const opened = await d.send('zhangsan', `/工单 ${COMPANY} 主轴异响`);
    expect(opened).toContain('请在');
    const ticket = idAfter(opened, '售后工单');
    expect(await d.send('zhangsan', `/工单 ${ticket} 回复 已安排工程师上门`)).toContain('已响应');
    expect(await d.send('zhangsan', `/工单 ${ticket} 关闭`)).toContain('已关闭');
  });

  it('shows the review figures, sets and agrees a monthly goal, locks a month, and refuses a plan nobody owes (KPI-1..4)', async () => {
    const kpi = await d.send('zhangsan', '/业绩');
    expect(kpi).toContain('业绩');
    expect(kpi).toContain('销售额');
    expect(await d.send('lisi', '/目标 @zhangsan 销售额:40万 新客户:3')).toContain('张三');
    expect(await deliveredSaying(d, 'zhangsan', '目标')).toContain('40');
    expect(await d.send('zhangsan', '/目标 同意')).toContain('已确认');
    expect(await d.send('qianhui', '/财务 锁定 2026-10')).toContain('已锁定');
    expect(await d.send('zhangsan', '/改进 多拜访老客户')).toContain('无需提交改进方案');
  });
});
