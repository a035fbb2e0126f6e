import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatDriver, DriverFactory } from './chat-driver.ts';
import { consoleDriver } from './console-driver.ts';
import { feishuDriver } from './feishu-driver.ts';
import { slackDriver } from './slack-driver.ts';

/**
 * The same conversations on every adapter: what a salesperson does in a day
 * must read the same in the terminal, in Slack and in Feishu. Each starts
 * from the org alone and sets its own scene, so it passes run by itself.
 */
const drivers: [string, DriverFactory][] = [
  ['console', consoleDriver],
  ['slack', slackDriver],
  ['feishu', feishuDriver],
];

const LEAD = '/lead 南京钟山仪器有限公司 contact:刘工 phone:13822223333 size:80人 position:细分龙头';

describe.each(drivers)('the adapter contract on %s', (_name, makeDriver) => {
  let d: ChatDriver;
  beforeAll(async () => {
    d = await makeDriver();
  });
  beforeEach(() => d.reset());
  afterAll(() => d.close());
  /** 张三 has reported the lead of LEAD today. */
  const givenTheLead = () => d.arrange('zhangsan', LEAD, '线索已保存');

  it('reports a lead and shows it saved with today\'s progress', async () => {
    const reply = await d.send('zhangsan', LEAD);
    expect(reply).toContain('线索已保存');
    expect(reply).toContain('今日进度 1/5');
  });

  it("refuses a colleague's report of the same company, naming the owner and showing no contact", async () => {
    await givenTheLead();
    const reply = await d.send('zhaoliu', '/lead 南京钟山仪器 contact:王 phone:13900009999 size:1 position:无');
    expect(reply).toContain('张三');
    expect(reply).toContain('华东');
    expect(reply).not.toMatch(/13822223333|刘工/);
  });

  it('takes a lead through the form of a bare command', async () => {
    await givenTheLead();
    const reply = await d.submitForm('zhangsan', '/lead', { company: '无锡太湖环保', contact: '吴', phone: '13711112222', size: '50人', position: '新锐' });
    expect(reply).toContain('线索已保存');
    expect(reply).toContain('今日进度 2/5');
  });

  it('shows a field error of the form and stores nothing', async () => {
    const reply = await d.submitForm('zhangsan', '/lead', { company: '常州表单错误', contact: '吴', phone: 'abc', size: '50人', position: '新锐' });
    expect(reply).toContain('电话「abc」不是有效的电话号码');
    const stored = await d.fixture.database.db.selectFrom('companies').select('id').where('name', '=', '常州表单错误').execute();
    expect(stored).toEqual([]);
  });

  it("delivers a message to another person: the account manager hears of a new client", async () => {
    await givenTheLead();
    const reply = await d.send('lisi', '/client 南京钟山仪器 manager:@sunqi');
    expect(reply).toContain('孙七');
    const message = await d.delivered('sunqi', '新的专属客户');
    expect(message).toContain('新的专属客户');
    expect(message).toContain('李四 指派你为「南京钟山仪器有限公司」的专属客户经理');
  });

  it('takes an expense through its approval: the approver gets the card, a stranger and a second click change nothing, the requester is told', async () => {
    const submitted = await d.send('zhangsan', '/expense 5000 客户样品 event:季度拜访');
    expect(submitted).toContain('已提交，等待 李四 审批');
    const id = /#(\d+)/.exec(submitted)?.[1];
    expect(id).toBeDefined();
    expect(await d.delivered('lisi', `待你审批 · 费用 #${id}`)).toContain(`待你审批 · 费用 #${id}`);

    expect(await d.send('zhaoliu', `/approvals approve ${id}`)).toContain(`审批 #${id} 现在等待 李四 处理，你不能操作`);
    expect(await d.send('lisi', `/审批 同意 ${id}`)).toContain('已通过');
    expect(await d.delivered('zhangsan', `审批已通过 #${id}`)).toContain(`审批已通过 #${id}`);
    expect(await d.send('lisi', `/审批 拒绝 ${id} 原因:重复`)).toContain('这次操作没有生效');
  });

  it('refuses what would get around the approval rules, saying why, and sends a delegate what already waits (EXP-1, PROMO-1)', async () => {
    expect(await d.send('wangwu', '/expense 8000 部门团建')).toContain('expenses.top_approver');
    expect(await d.send('zhangsan', '/promo 冬季试用 start:2026-11-01')).toContain('推广的开始日期 2026-11-01 已经过去');
    expect(await d.send('lisi', '/delegate @zhangsan until:2026-11-30')).toContain('张三（销售）不能代你审批');
    const submitted = await d.send('zhaoliu', '/expense 3000 样品快递');
    const id = /#(\d+)/.exec(submitted)?.[1];
    expect(await d.send('lisi', '/委托 @zhouba 截止:2026-11-30')).toContain('已在等你的 1 项现在就发给 周八 了');
    expect(await d.delivered('zhouba', `待你审批 · 费用 #${id}`)).toContain(`待你审批 · 费用 #${id}`);
    expect(await d.send('zhouba', '/审批')).toContain(`#${id} 费用 样品快递 ¥3,000 · 赵六（代 李四 审批）`);
    expect(await d.send('zhouba', `/审批 同意 ${id}`)).toContain('已通过');
  });

  it('takes the date of an expense from the date picker of its form: a salesperson picks a day (issue 14)', async () => {
    const reply = await d.submitForm('zhangsan', '/expense', { amount: '5000', purpose: '客户样品', date: '2026-11-27' });
    expect(reply).toContain('已提交，等待 李四 审批');
    const stored = await d.fixture.database.db.selectFrom('approval_requests').select('on_date').where('requester_id', '=', 'zhangsan').execute();
    expect(stored.map((r) => String(r.on_date).slice(0, 10))).toEqual(['2026-11-27']);
  });

  it('takes a delegate from the person picker and the last day from the date picker of /delegate alone (APR-3)', async () => {
    const reply = await d.submitForm('lisi', '/delegate', { id: 'zhouba', until: '2026-11-30' });
    expect(reply).toContain('已委托 周八 代为审批，至 2026-11-30 止');
  });

  it('offers a salesperson their own company in the company picker of a form, and records the visit', async () => {
    await givenTheLead();
    const reply = await d.submitForm('zhangsan', '/visit', { company: '南京钟山仪器有限公司', method: 'phone' });
    expect(reply).toContain('拜访已记录');
    expect(reply).toContain('南京钟山仪器有限公司');
  });

  it('takes the account manager of a client from the person picker of the client form: the manager picks, the account manager hears', async () => {
    await givenTheLead();
    const reply = await d.submitForm('lisi', '/client', { company: '南京钟山仪器有限公司', manager: 'sunqi' });
    expect(reply).toContain('孙七');
    expect(await d.delivered('sunqi', '新的专属客户')).toContain('李四 指派你为「南京钟山仪器有限公司」的专属客户经理');
  });

  it('runs the command behind a button of a reply', async () => {
    await givenTheLead();
    const reply = await d.sendAndPress('zhangsan', '/client 南京钟山仪器', '记录拜访');
    expect(reply).toContain('拜访已记录');
    expect(reply).toContain('南京钟山仪器有限公司');
  });
});
