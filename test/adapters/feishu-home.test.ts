import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REUSE_WITHIN_MS } from '../../adapters/feishu/home-messages.ts';
import { cardAction, chatEntered, menuEvent } from '../fakes/feishu-events.ts';
import { VERIFICATION_TOKEN, feishuFixture, type FeishuFixture } from '../support/feishu-fixture.ts';
import { pgliteBackend } from '../support/test-database.ts';
import { buttons, cardText } from '../contract/feishu-driver.ts';

const LEAD = '线索 钱塘首页测试有限公司 联系人:沈经理 电话:13588887777 规模:120人 行业地位:区域龙头';

describe('the overview on Feishu: the bot menu and opening the chat', () => {
  let f: FeishuFixture;
  beforeAll(async () => {
    f = await feishuFixture(pgliteBackend);
  });
  afterAll(() => f.close());

  /** New messages the bot sent to this person by open_id since `from` (not replies, not updates). */
  const sentTo = (openId: string, from = 0) =>
    f.api.messages().slice(from).filter((c) => c.method === 'POST' && c.query.receive_id_type === 'open_id' && c.body?.receive_id === openId);
  const waitSent = async (openId: string, from: number, count = 1) => {
    const deadline = Date.now() + 5000;
    while (sentTo(openId, from).length < count) {
      if (Date.now() > deadline) throw new Error(`no message to ${openId}; calls: ${f.api.calls.map((c) => `${c.method} ${c.path}`).join(', ')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return sentTo(openId, from);
  };
  /** Lets anything the bot might still send arrive before counting what it sent. */
  const settle = () => new Promise((r) => setTimeout(r, 200));
  const advance = (ms: number) => f.clock.set(new Date(f.clock.now().getTime() + ms).toISOString());

  it('shows the overview with a Refresh button when a person taps the menu item keyed home', async () => {
    const from = f.api.messages().length;
    const res = await f.deliver(menuEvent({ token: VERIFICATION_TOKEN, openId: f.openId('zhangsan'), eventKey: 'home' }));
    expect(res.status).toBe(200);
    const [card] = await waitSent(f.openId('zhangsan'), from);
    const text = cardText(card!.body.content);
    expect(text).toContain('今日概览 · 张三');
    expect(text).toContain('今日进度 0/5');
    expect(buttons(card!.body.content).map((b) => [b.text.content, b.behaviors[0].value])).toContainEqual(['刷新', { home: 'refresh' }]);
  });

  it('runs the command a menu key names: a manager taps KPI and gets their figures, in their chat with the bot', async () => {
    const from = f.api.messages().length;
    await f.deliver(menuEvent({ token: VERIFICATION_TOKEN, openId: f.openId('lisi'), eventKey: 'kpi' }));
    const [card] = await waitSent(f.openId('lisi'), from);
    expect(cardText(card!.body.content)).toContain('业绩');
    expect(cardText(card!.body.content)).not.toContain('今日概览');
  });

  it('reads underscores in a menu key as spaces, and answers a key that names no command as an unknown command', async () => {
    const from = f.api.messages().length;
    await f.deliver(menuEvent({ token: VERIFICATION_TOKEN, openId: f.openId('zhangsan'), eventKey: 'leads_week' }));
    expect(cardText((await waitSent(f.openId('zhangsan'), from))[0]!.body.content)).toContain('本周');
    const next = f.api.messages().length;
    await f.deliver(menuEvent({ token: VERIFICATION_TOKEN, openId: f.openId('zhangsan'), eventKey: 'nosuchthing' }));
    expect(cardText((await waitSent(f.openId('zhangsan'), next))[0]!.body.content)).toContain('nosuchthing');
  });

  it('refreshes the overview in place: the Refresh answer replaces the card with fresh figures and sends nothing new', async () => {
    const from = f.api.messages().length;
    await f.deliver(menuEvent({ token: VERIFICATION_TOKEN, openId: f.openId('zhangsan'), eventKey: 'home' }));
    const shown = (await waitSent(f.openId('zhangsan'), from))[0]!.messageId!;
    await f.bot.handleText(f.as('zhangsan'), LEAD);
    const before = f.api.messages().length;
    const res = await f.deliver(cardAction({ token: VERIFICATION_TOKEN, openId: f.openId('zhangsan'), value: { home: 'refresh' }, messageId: shown }));
    expect(res.json.toast.type).toBe('success');
    expect(res.json.card.type).toBe('raw');
    expect(cardText(res.json.card.data)).toContain('今日进度 1/5');
    expect(buttons(res.json.card.data).map((b) => b.behaviors[0].value)).toContainEqual({ home: 'refresh' });
    await settle();
    expect(f.api.messages().length).toBe(before);
  });

  it('answers Refresh within 3 seconds when the overview is slow, then updates the same card (PATCH) when it is ready', async () => {
    const { createFeishuAdapter } = await import('../../adapters/feishu/feishu-adapter.ts');
    const { deliveryLog } = await import('../../src/bot/deliveries.ts');
    const { identify } = await import('../../src/core/identity.ts');
    const from = f.api.messages().length;
    await f.deliver(menuEvent({ token: VERIFICATION_TOKEN, openId: f.openId('sunqi'), eventKey: 'home' }));
    const shown = (await waitSent(f.openId('sunqi'), from))[0]!.messageId!;
    // The real bot behind a delay, as a slow database would make it.
    const slowBot = { ...f.bot, home: async (...args: Parameters<typeof f.bot.home>) => {
      await new Promise((r) => setTimeout(r, 3200));
      return f.bot.home(...args);
    } };
    const adapter = createFeishuAdapter({
      bot: slowBot,
      config: { appId: 'cli_slow_home', appSecret: 's', encryptKey: undefined, verificationToken: undefined, mode: 'ws', domain: f.api.baseUrl },
      identify: (id) => identify(f.deps, 'feishu', id),
      deliveries: deliveryLog(f.deps.store, f.clock),
      logger: f.deps.logger,
    });
    const patches = f.api.patches().length;
    const started = Date.now();
    const answer = (await adapter.dispatcher.invoke(cardAction({ token: '', openId: f.openId('sunqi'), value: { home: 'refresh' }, messageId: shown }), { needCheck: false })) as any;
    expect(Date.now() - started).toBeLessThan(3000);
    expect(answer.toast.content).toContain('正在处理');
    expect(answer.card).toBeUndefined();
    const deadline = Date.now() + 6000;
    while (f.api.patches().length === patches && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const [patch] = f.api.patches().slice(patches);
    expect(patch?.messageId).toBe(shown);
    expect(cardText(patch!.body.content)).toContain('今日概览 · 孙七');
    expect(sentTo(f.openId('sunqi'), from)).toHaveLength(1);
  });

  it('sends the overview when a person opens the chat, and on opening it again updates that card (PATCH) instead of sending another', async () => {
    const openId = f.openId('zhaoliu');
    const from = f.api.messages().length;
    await f.deliver(chatEntered({ token: VERIFICATION_TOKEN, openId }));
    const [first] = await waitSent(openId, from);
    expect(cardText(first!.body.content)).toContain('今日概览');
    const overview = first!.messageId!;

    // Opened again at once, and again an hour later while the overview is still the chat's last message: updated, never resent.
    const patchesBefore = f.api.patches().length;
    await f.deliver(chatEntered({ token: VERIFICATION_TOKEN, openId, lastMessageId: overview }));
    advance(60 * 60_000);
    await f.deliver(chatEntered({ token: VERIFICATION_TOKEN, openId, lastMessageId: overview }));
    await settle();
    expect(sentTo(openId, from)).toHaveLength(1);
    const patches = f.api.patches().slice(patchesBefore);
    expect(patches.map((p) => p.messageId)).toEqual([overview, overview]);
    expect(cardText(patches[0]!.body.content)).toContain('今日概览');
  });

  it('updates a recent overview even when other messages came after it, and sends a new one once it is older than the window', async () => {
    const openId = f.openId('wujiu');
    const from = f.api.messages().length;
    await f.deliver(chatEntered({ token: VERIFICATION_TOKEN, openId }));
    const overview = (await waitSent(openId, from))[0]!.messageId!;

    const patchesBefore = f.api.patches().length;
    advance(REUSE_WITHIN_MS - 60_000);
    await f.deliver(chatEntered({ token: VERIFICATION_TOKEN, openId, lastMessageId: 'om_in_later' }));
    await settle();
    expect(sentTo(openId, from)).toHaveLength(1);
    expect(f.api.patches().slice(patchesBefore).map((p) => p.messageId)).toEqual([overview]);

    advance(REUSE_WITHIN_MS + 60_000);
    await f.deliver(chatEntered({ token: VERIFICATION_TOKEN, openId, lastMessageId: 'om_in_even_later' }));
    expect(await waitSent(openId, from, 2)).toHaveLength(2);
  });

  it('sends a new overview when the last one can no longer be updated', async () => {
    const openId = f.openId('zhengshi');
    const from = f.api.messages().length;
    await f.deliver(chatEntered({ token: VERIFICATION_TOKEN, openId }));
    const overview = (await waitSent(openId, from))[0]!.messageId!;
    // Feishu refuses the update (a message recalled, or older than 14 days).
    f.api.failNextSends({ status: 200, code: 230001 });
    await f.deliver(chatEntered({ token: VERIFICATION_TOKEN, openId, lastMessageId: overview }));
    expect(await waitSent(openId, from, 2)).toHaveLength(2);
  });

  it('has its effect once when Feishu delivers the same chat-entered or menu event again', async () => {
    const openId = f.openId('chener');
    const from = f.api.messages().length;
    const entered = chatEntered({ token: VERIFICATION_TOKEN, openId, eventId: 'ev_entered_twice' });
    await f.deliver(entered);
    await waitSent(openId, from);
    advance(REUSE_WITHIN_MS + 60_000);
    const patchesBefore = f.api.patches().length;
    await f.deliver(entered);
    const menu = menuEvent({ token: VERIFICATION_TOKEN, openId, eventKey: 'home', eventId: 'ev_menu_twice' });
    await f.deliver(menu);
    await f.deliver(menu);
    await settle();
    expect(sentTo(openId, from)).toHaveLength(2);
    expect(f.api.patches().length).toBe(patchesBefore);
  });

  it('gives someone not in the directory the stranger view, from the menu and on opening the chat', async () => {
    const from = f.api.messages().length;
    await f.deliver(menuEvent({ token: VERIFICATION_TOKEN, openId: 'ou_menu_stranger', eventKey: 'kpi' }));
    const [menuAnswer] = await waitSent('ou_menu_stranger', from);
    expect(cardText(menuAnswer!.body.content)).toContain('不在本部门的人员目录');
    expect(cardText(menuAnswer!.body.content)).toContain('ou_menu_stranger');
    await f.deliver(chatEntered({ token: VERIFICATION_TOKEN, openId: 'ou_entered_stranger' }));
    const [entered] = await waitSent('ou_entered_stranger', from);
    expect(cardText(entered!.body.content)).toContain('不在本部门的人员目录');
    expect(buttons(entered!.body.content)).toEqual([]);
  });
});
