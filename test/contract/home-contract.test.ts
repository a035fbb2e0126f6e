import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatDriver, DriverFactory } from './chat-driver.ts';
import { feishuDriver } from './feishu-driver.ts';
import { slackDriver } from './slack-driver.ts';

/**
 * The first screen reads the same where a platform has one: Slack's Home
 * tab, and the Feishu bot menu's Home (the console has none: there `/leads`
 * and `/approvals` are typed).
 */
const drivers: [string, DriverFactory][] = [
  ['slack', slackDriver],
  ['feishu', feishuDriver],
];

describe.each(drivers)('the overview on %s', (_name, makeDriver) => {
  let d: ChatDriver;
  beforeAll(async () => {
    d = await makeDriver();
  });
  beforeEach(() => d.reset());
  afterAll(() => d.close());

  it("shows a salesperson today's progress and their request pending, and their manager what waits on them", async () => {
    await d.arrange('zhangsan', '/lead 南京首页仪器有限公司 contact:刘工 phone:13822224444 size:80人 position:细分龙头', '线索已保存');
    await d.arrange('zhangsan', '/expense 5000 客户样品 event:季度拜访', '等待 李四 审批');

    const mine = await d.home!('zhangsan');
    expect(mine).toContain('今日概览 · 张三');
    expect(mine).toContain('今日进度 1/5');
    expect(mine).toContain('我的申请在审批中（1）');

    const manager = await d.home!('lisi');
    expect(manager).toContain('今日概览 · 李四');
    expect(manager).toContain('等我审批（1）');
  });
});
