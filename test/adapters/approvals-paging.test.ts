import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardAction, textMessage } from '../fakes/feishu-events.ts';
import { interactivity, slackTriggerId, slashCommand } from '../fakes/slack-signing.ts';
import { VERIFICATION_TOKEN, feishuFixture, type FeishuFixture } from '../support/feishu-fixture.ts';
import { slackFixture, type SlackFixture } from '../support/slack-fixture.ts';
import { pgliteBackend } from '../support/test-database.ts';
import { cardText } from '../contract/feishu-driver.ts';
import { blockText } from '../contract/slack-driver.ts';

/** 34 expenses by zhangsan, each waiting on lisi (his regional manager): one more than a Feishu card holds unpaged. */
const WAITING = 34;
async function seed(f: { bot: FeishuFixture['bot']; as: FeishuFixture['as'] }): Promise<void> {
  for (let i = 1; i <= WAITING; i++) {
    const view = await f.bot.handleText(f.as('zhangsan'), `/expense 100 第${i}场展会样品`);
    expect(view.tone).toBe('success');
  }
}

describe('/审批 with 34 requests waiting, on Feishu against the strict fake', () => {
  let f: FeishuFixture;
  beforeAll(async () => {
    f = await feishuFixture(pgliteBackend);
    await seed(f);
  });
  // close() fails the suite if Feishu would have refused any card.
  afterAll(() => f.close());

  it('replies with the first page and a Next button that shows the second', async () => {
    const before = f.api.messages().length;
    await f.deliver(textMessage({ token: VERIFICATION_TOKEN, openId: f.openId('lisi'), text: '/审批' }));
    const first = (await f.api.waitForMessages(before + 1)).at(-1)!.body.content;
    expect(cardText(first)).toContain('第 1/4 页：第 1–10 项，共 34 项。');
    const next = first.body.elements.find((e: any) => e.tag === 'button' && e.text.content === '下一页');
    expect(next.behaviors[0].value).toEqual({ cmd: '/approvals page:2' });

    await f.deliver(cardAction({ token: VERIFICATION_TOKEN, openId: f.openId('lisi'), value: next.behaviors[0].value }));
    const second = (await f.api.waitForMessages(before + 2)).at(-1)!.body.content;
    expect(cardText(second)).toContain('第 2/4 页：第 11–20 项，共 34 项。');
    expect(second.body.elements.filter((e: any) => e.tag === 'button').map((e: any) => e.text.content)).toContain('上一页');
    expect(f.api.refused).toEqual([]);
  });
});

describe('/approvals with 34 requests waiting, on Slack against the strict fake', () => {
  let f: SlackFixture;
  beforeAll(async () => {
    f = await slackFixture(pgliteBackend);
    await seed(f);
  });
  afterAll(() => f.close());

  it('answers with the first page and a Next button whose answer is the second', async () => {
    const res = await f.post(slashCommand({ command: '/approvals', text: '', user_id: f.slackId('lisi') }));
    expect(blockText(res.json.blocks)).toContain('第 1/4 页：第 1–10 项，共 34 项。');
    const next = res.json.blocks.flatMap((b: any) => b.elements ?? []).find((e: any) => e.type === 'button' && e.value === '/approvals page:2');
    expect(next.text.text).toBe('下一页');

    await f.post(
      interactivity({
        type: 'block_actions',
        user: { id: f.slackId('lisi') },
        trigger_id: slackTriggerId(),
        response_url: f.api.responseUrl('next-page'),
        actions: [{ type: 'button', action_id: next.action_id, block_id: 'b', value: next.value, action_ts: '1' }],
      }),
    );
    const [answer] = await f.api.waitFor('response_url');
    expect(blockText(answer!.args.blocks)).toContain('第 2/4 页：第 11–20 项，共 34 项。');
    expect(f.api.refused).toEqual([]);
  });
});
