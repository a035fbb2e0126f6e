import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHART_HEIGHT, CHART_WIDTH } from '../../adapters/slack/chart-png.ts';
import { eventCallback, interactivity, slashCommand } from '../fakes/slack-signing.ts';
import { addCompany, addContract } from '../support/performance-data.ts';
import { readPng } from '../support/png-image.ts';
import { backToCheckpoint, checkpoint } from '../support/reset-database.ts';
import { slackFixture, type SlackFixture } from '../support/slack-fixture.ts';
import { pgliteBackend } from '../support/test-database.ts';

const BOARD = '华东 排行榜 · 销售目标达成率';

/** Slack shows no charts of its own: the bot draws each as a PNG and shares it after its reply. */
describe('KPI charts on Slack', () => {
  let f: SlackFixture;
  beforeAll(async () => {
    f = await slackFixture(pgliteBackend);
    const omega = await addCompany(f.database.db, '欧米伽电子', 'zhangsan', '华东');
    await addContract(f.database.db, { companyId: omega, ownerId: 'zhangsan', region: '华东', yuan: 200_000, signedAt: '2026-11-10T10:00:00+08:00', due: '2026-12-30', newClient: false });
    await checkpoint(f.database.db);
  });
  beforeEach(async () => {
    await backToCheckpoint(f.database.db);
    f.api.calls.length = 0;
  });
  afterAll(() => f.close());

  const index = (method: string) => f.api.calls.findIndex((c) => c.method === method);

  it('answers /kpi in a channel at once, and shares the chart in the asker\'s DM, not in the channel where everyone would see it', async () => {
    const res = await f.post(slashCommand({ command: '/kpi', text: '', user_id: f.slackId('lisi'), channel_id: 'C_SALES' }));
    expect(res.status).toBe(200);
    expect(res.json.response_type).toBe('ephemeral');
    expect(JSON.stringify(res.json.blocks)).toContain(BOARD);
    const [done] = await f.api.waitFor('files.completeUploadExternal');
    expect(done!.args.channel_id).toBe(`D_${f.slackId('lisi')}`);
    const [upload] = f.api.completedUploads();
    expect(upload).toMatchObject({ filename: 'chart.png', title: BOARD });
    const image = readPng(upload!.bytes);
    expect([image.width, image.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
  });

  it("lets a manager tap KPI on the Home tab: the team's figures in the DM, the chart's picture after them", async () => {
    await f.post(eventCallback('Ev_HOME_KPI', { type: 'app_home_opened', user: f.slackId('lisi'), channel: 'D1', tab: 'home', event_ts: '1' }));
    const [home] = await f.api.waitFor('views.publish');
    const button = home!.args.view.blocks.flatMap((b: any) => b.elements ?? []).find((e: any) => e.text?.text === '业绩');
    expect(button).toMatchObject({ type: 'button', value: '/kpi' });
    // A button of the Home tab has no response_url: the answer goes to the DM.
    await f.post(interactivity({ type: 'block_actions', user: { id: f.slackId('lisi') }, trigger_id: 'trigger-home-kpi', view: { type: 'home' }, actions: [{ type: 'button', action_id: button.action_id, block_id: 'b', value: '/kpi', action_ts: '1' }] }));
    await f.api.waitFor('files.completeUploadExternal');
    const posted = f.api.callsOf('chat.postMessage').find((c) => JSON.stringify(c.args.blocks).includes(BOARD));
    expect(posted!.args.channel).toBe(`D_${f.slackId('lisi')}`);
    expect(f.api.completedUploads()[0]).toMatchObject({ title: BOARD, channel: `D_${f.slackId('lisi')}` });
    expect(index('chat.postMessage')).toBeLessThan(index('files.getUploadURLExternal'));
  });

  it('answers a direct message with the figures, then shares the chart in that DM', async () => {
    await f.post(eventCallback('Ev_DM_KPI', { type: 'message', channel_type: 'im', channel: 'D_ZHANG', user: f.slackId('zhangsan'), text: '业绩', ts: '3.1', event_ts: '3.1' }));
    await f.api.waitFor('files.completeUploadExternal');
    expect(f.api.completedUploads()).toMatchObject([{ title: '张三 · 近 6 个月销售目标达成率', channel: 'D_ZHANG' }]);
    expect(index('chat.postMessage')).toBeLessThan(index('files.getUploadURLExternal'));
  });

  it('shares no picture with a reply that has no chart', async () => {
    await f.post(slashCommand({ command: '/leads', text: 'today', user_id: f.slackId('zhangsan') }));
    await new Promise((r) => setTimeout(r, 300));
    expect(f.api.callsOf('files.getUploadURLExternal')).toEqual([]);
  });
});
