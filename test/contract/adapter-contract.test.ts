import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatDriver, DriverFactory } from './chat-driver.ts';
import { consoleDriver } from './console-driver.ts';
import { feishuDriver } from './feishu-driver.ts';
import { slackDriver } from './slack-driver.ts';
import { CHART_HEIGHT, CHART_WIDTH } from '../../adapters/slack/chart-png.ts';
import { addCompany, addContract } from '../support/performance-data.ts';
import { inkIn, readPng } from '../support/png-image.ts';

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

/**
 * The line of a reply that holds these cells of one table row, in order: a
 * Slack table block or Feishu table read row by row, or the console's aligned
 * columns. Undefined when no line does.
 */
function rowOf(reply: string, cells: string[]): string | undefined {
  return reply.split('\n').find((line) => {
    let from = 0;
    return cells.every((cell) => {
      const at = line.indexOf(cell, from);
      if (at < 0) return false;
      from = at + cell.length;
      return true;
    });
  });
}

/** Eleven companies no one would take for one another, one more than a page holds. */
const COMPANIES = ['北京朝阳精密机械', '上海浦东生物医药', '广州天河电子商务', '深圳南山软件科技', '杭州西湖茶叶贸易', '成都锦江餐饮供应链', '武汉光谷激光设备', '西安雁塔航空材料', '重庆渝中汽车配件', '苏州园区纳米材料', '天津滨海港口物流'];

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
    expect(rowOf(await d.send('zhouba', '/审批'), [`#${id}`, '费用', '样品快递', '¥3,000', '赵六', '我（代 李四 审批）'])).toBeDefined();
    expect(await d.send('zhouba', `/审批 同意 ${id}`)).toContain('已通过');
  });

  it('shows /leads week as a table, one page of ten, and the eleventh behind Next', async () => {
    for (const [i, company] of COMPANIES.entries()) {
      await d.arrange('zhangsan', `/lead ${company}有限公司 contact:联系人${i} phone:1390000${String(1000 + i)} size:50人 position:细分龙头`, '线索已保存');
    }
    const first = await d.send('zhangsan', '/leads week');
    expect(rowOf(first, ['日期', '公司', '区域'])).toBeDefined();
    expect(first).toContain('第 1/2 页：第 1–10 项，共 11 项。');
    const second = await d.sendAndPress('zhangsan', '/leads week', '下一页');
    expect(second).toContain('第 2/2 页：第 11–11 项，共 11 项。');
    // Every company is on one of the two pages, in a row with its region.
    for (const company of COMPANIES) expect(rowOf(`${first}\n${second}`, [`${company}有限公司`, '华东'])).toBeDefined();
  });

  it('shows /deals and /kpi team as tables', async () => {
    await givenTheLead();
    const opened = await d.send('zhangsan', '/deal new 南京钟山仪器 amount:50万');
    const id = /#(\d+)/.exec(opened)?.[1];
    expect(id).toBeDefined();
    const deals = await d.send('zhangsan', '/deals');
    expect(rowOf(deals, ['编号', '客户', '阶段', '金额', '下一步'])).toBeDefined();
    expect(rowOf(deals, [`#${id}`, '南京钟山仪器有限公司', '1/5', '¥50万'])).toBeDefined();
    const team = await d.send('lisi', '/kpi team');
    expect(rowOf(team, ['姓名', '销售额', '达成率', '新客户', '回款率', '考核'])).toBeDefined();
    expect(rowOf(team, ['张三', '¥0', '0.0%'])).toBeDefined();
  });

  it('shows /approvals as a table whose Approve button of a row decides that request', async () => {
    const submitted = await d.send('zhangsan', '/expense 5000 客户样品 event:季度拜访');
    const id = /#(\d+)/.exec(submitted)?.[1];
    const list = await d.send('lisi', '/approvals');
    expect(rowOf(list, ['编号', '类型', '事由', '金额', '申请人', '等待'])).toBeDefined();
    expect(rowOf(list, [`#${id}`, '费用', '客户样品', '¥5,000', '张三', '我'])).toBeDefined();
    expect(await d.sendAndPress('lisi', '/approvals', `同意 #${id}`)).toContain('已通过');
    expect(await d.delivered('zhangsan', `审批已通过 #${id}`)).toContain(`审批已通过 #${id}`);
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

  it("shows a manager the team's leaderboard and a salesperson the trend of their attainment as charts: a card chart, a picture, text lines, the same figures (KPI charts)", async () => {
    const db = d.fixture.database.db;
    const omega = await addCompany(db, '欧米伽电子', 'zhangsan', '华东');
    // 200,000 this month: 60% of a month's third of the 1,000,000 quarter, 20% of the quarter.
    await addContract(db, { companyId: omega, ownerId: 'zhangsan', region: '华东', yuan: 200_000, signedAt: '2026-11-10T10:00:00+08:00', due: '2026-12-30', newClient: false });

    expect(await d.send('lisi', '/业绩')).toContain('华东 · 2026Q4');
    const board = await d.chart('lisi', '华东 排行榜 · 销售目标达成率');
    expect(board.figures).toMatch(/张三[^\n]*月度[^\n]* 60%?(\s|$)/m);
    expect(board.figures).toMatch(/张三[^\n]*季度[^\n]* 20%?(\s|$)/m);

    expect(await d.send('zhangsan', '/kpi')).toContain('张三 · 2026Q4');
    const trend = await d.chart('zhangsan', '张三 · 近 6 个月销售目标达成率');
    expect(trend.figures).toMatch(/2026-11[^\n]* 60%?(\s|$)/m);

    // Slack shows no chart of its own: it gets the bot's picture, drawn with the shipped font.
    for (const chart of d.name === 'slack' ? [board, trend] : []) {
      const image = readPng(chart.png!);
      expect([image.width, image.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
      expect(inkIn(image, { x: 160, y: 0, width: CHART_WIDTH - 320, height: 44 })).toBeGreaterThan(300);
    }
    if (d.name !== 'slack') expect(board.png).toBeNull();
  });
});
