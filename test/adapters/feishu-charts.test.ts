import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { menuEvent } from '../fakes/feishu-events.ts';
import { VERIFICATION_TOKEN, feishuFixture, type FeishuFixture } from '../support/feishu-fixture.ts';
import { addCompany, addContract } from '../support/performance-data.ts';
import { pgliteBackend } from '../support/test-database.ts';

/** Feishu draws a card's chart itself: the bot sends the chart component, and a manager can reach it from the bot's menu. */
describe('KPI charts on Feishu', () => {
  let f: FeishuFixture;
  beforeAll(async () => {
    f = await feishuFixture(pgliteBackend);
    const omega = await addCompany(f.database.db, '欧米伽电子', 'zhangsan', '华东');
    await addContract(f.database.db, { companyId: omega, ownerId: 'zhangsan', region: '华东', yuan: 200_000, signedAt: '2026-11-10T10:00:00+08:00', due: '2026-12-30', newClient: false });
  });
  afterAll(() => f.close());

  it("lets a manager tap KPI in the bot's menu: the team's card, with its leaderboard chart, comes to them, once however often Feishu delivers the tap", async () => {
    const tap = menuEvent({ token: VERIFICATION_TOKEN, openId: f.openId('lisi'), eventKey: 'kpi', eventId: 'ev_menu_kpi_1' });
    const before = f.api.messages().length;
    expect((await f.deliver(tap)).status).toBe(200);
    await f.api.waitForMessages(before + 1);
    const message = f.api.messages().slice(before)[0]!;
    expect(message.query.receive_id_type).toBe('open_id');
    expect(message.body.receive_id).toBe(f.openId('lisi'));
    const card = message.body.content;
    expect(card.header.title.content).toBe('华东 · 2026Q4 团队业绩');
    const chart = card.body.elements.find((e: any) => e.tag === 'chart');
    expect(chart.chart_spec.title.text).toBe('华东 排行榜 · 销售目标达成率');
    expect(chart.chart_spec.data[0].values).toContainEqual({ category: '张三', series: '2026-11 月度', value: 60 });

    await f.deliver(tap);
    await new Promise((r) => setTimeout(r, 300));
    expect(f.api.messages().length).toBe(before + 1);
  });

  it('reads the event key as a command, `_` for a space', async () => {
    const before = f.api.messages().length;
    await f.deliver(menuEvent({ token: VERIFICATION_TOKEN, openId: f.openId('zhangsan'), eventKey: 'leads_today' }));
    await f.api.waitForMessages(before + 1);
    expect(JSON.stringify(f.api.messages().slice(before)[0]!.body.content)).toContain('今日');
  });
});
