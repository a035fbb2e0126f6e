import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardAction, encryptEvent, textMessage } from '../fakes/feishu-events.ts';
import { ENCRYPT_KEY, VERIFICATION_TOKEN, feishuFixture, type FeishuFixture } from '../support/feishu-fixture.ts';
import { pgliteBackend } from '../support/test-database.ts';

/** Every plain text of a Feishu card, nested forms included. */
const cardText = (card: any): string => {
  const out: string[] = [card?.header?.title?.content ?? ''];
  const walk = (elements: any[] = []) => {
    for (const e of elements) {
      if (e.text?.content) out.push(e.text.content);
      if (e.label?.content) out.push(e.label.content);
      walk(e.elements);
    }
  };
  walk(card?.body?.elements);
  return out.join('\n');
};

const LEAD = '线索 杭州钱塘智造有限公司 联系人:沈经理 电话:13588889999 规模:120人 行业地位:区域龙头';

describe('Feishu on the real Lark SDK (webhook mode)', () => {
  let f: FeishuFixture;
  beforeAll(async () => {
    f = await feishuFixture(pgliteBackend);
  });
  afterAll(() => f.close());

  const lastMessage = async (count: number) => (await f.api.waitForMessages(count)).at(-1)!;

  it('answers the URL check with the decrypted challenge', async () => {
    const res = await fetch(`http://127.0.0.1:${f.http.port}/feishu/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ encrypt: encryptEvent(ENCRYPT_KEY, { challenge: 'ch-123', token: VERIFICATION_TOKEN, type: 'url_verification' }) }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'ch-123' });
  });

  it('takes a Chinese command without a slash in a one-to-one chat and replies with a card', async () => {
    const res = await f.deliver(textMessage({ token: VERIFICATION_TOKEN, openId: f.openId('zhangsan'), text: LEAD }));
    expect(res.status).toBe(200);
    const reply = await lastMessage(1);
    expect(reply.path).toMatch(/^\/open-apis\/im\/v1\/messages\/om_in_\d+\/reply$/);
    expect(reply.body.msg_type).toBe('interactive');
    expect(reply.body.content.schema).toBe('2.0');
    const text = cardText(reply.body.content);
    expect(text).toContain('线索已保存');
    expect(text).toContain('今日进度 1/5');
  });

  it('has its effect once when Feishu delivers the same event again', async () => {
    const event = textMessage({ token: VERIFICATION_TOKEN, openId: f.openId('zhangsan'), text: '线索 重投测试公司 联系人:林 电话:13511110000 规模:1 行业地位:1', eventId: 'ev_redelivered' });
    const before = f.api.messages().length;
    await f.deliver(event);
    await f.deliver(event);
    await f.api.waitForMessages(before + 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(f.api.messages().length).toBe(before + 1);
    const stored = await f.database.db.selectFrom('companies').select('id').where('name', '=', '重投测试公司').execute();
    expect(stored).toHaveLength(1);
  });

  it('refuses a forged signature with 401 and changes nothing', async () => {
    const before = f.api.messages().length;
    const res = await f.deliver(textMessage({ token: VERIFICATION_TOKEN, openId: f.openId('zhangsan'), text: '线索 伪造公司 联系人:林 电话:13511112222 规模:1 行业地位:1' }), { signWith: 'wrong-key' });
    expect(res.status).toBe(401);
    const stored = await f.database.db.selectFrom('companies').select('id').where('name', '=', '伪造公司').execute();
    expect(stored).toEqual([]);
    expect(f.api.messages().length).toBe(before);
  });

  it('refuses a correctly signed request replayed a day later', async () => {
    const res = await f.deliver(textMessage({ token: VERIFICATION_TOKEN, openId: f.openId('zhangsan'), text: '线索 重放公司 联系人:林 电话:13511113333 规模:1 行业地位:1' }), {
      timestamp: Math.floor(Date.now() / 1000) - 25 * 3600,
    });
    expect(res.status).toBe(401);
    expect(await f.database.db.selectFrom('companies').select('id').where('name', '=', '重放公司').execute()).toEqual([]);
  });

  it('hears a group message only when the bot is mentioned, the mention taken out', async () => {
    const before = f.api.messages().length;
    await f.deliver(textMessage({ token: VERIFICATION_TOKEN, openId: f.openId('zhangsan'), text: '帮助', chatType: 'group' }));
    await f.deliver(textMessage({ token: VERIFICATION_TOKEN, openId: f.openId('zhangsan'), text: '@_user_1 帮助', chatType: 'group', mentions: [{ key: '@_user_1', name: 'Policy Bot' }] }));
    const reply = await lastMessage(before + 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(f.api.messages().length).toBe(before + 1);
    expect(cardText(reply.body.content)).toContain('我能做什么');
  });

  it('never posts contact data into a group: the client card goes to the person, the group gets a note', async () => {
    const before = f.api.messages().length;
    await f.deliver(textMessage({ token: VERIFICATION_TOKEN, openId: f.openId('zhangsan'), text: '@_user_1 客户 杭州钱塘智造', chatType: 'group', mentions: [{ key: '@_user_1', name: 'Policy Bot' }] }));
    const sent = (await f.api.waitForMessages(before + 2)).slice(before);
    const [privately, inGroup] = sent;
    expect(privately!.path).toBe('/open-apis/im/v1/messages');
    expect(privately!.query.receive_id_type).toBe('open_id');
    expect(privately!.body.receive_id).toBe(f.openId('zhangsan'));
    expect(cardText(privately!.body.content)).toContain('135 8888 9999');
    expect(JSON.stringify(inGroup!.body)).not.toMatch(/13588889999|135 8888 9999|沈经理/);
    expect(cardText(inGroup!.body.content)).toContain('已私信');
  });

  it('sends a form asked for in a group privately, so no contact is typed into the group', async () => {
    const before = f.api.messages().length;
    await f.deliver(textMessage({ token: VERIFICATION_TOKEN, openId: f.openId('zhangsan'), text: '@_user_1 线索', chatType: 'group', mentions: [{ key: '@_user_1', name: 'Policy Bot' }] }));
    const [privately, inGroup] = (await f.api.waitForMessages(before + 2)).slice(before);
    expect(privately!.body.receive_id).toBe(f.openId('zhangsan'));
    expect(privately!.body.content.body.elements[0].tag).toBe('form');
    expect(cardText(inGroup!.body.content)).toContain('表单已私信发给你');
  });

  it('politely refuses someone not in the directory, in Chinese, storing nothing', async () => {
    const before = f.api.messages().length;
    await f.deliver(textMessage({ token: VERIFICATION_TOKEN, openId: 'ou_stranger', text: '线索 陌生公司 联系人:某 电话:13000000009 规模:1 行业地位:1' }));
    const reply = await lastMessage(before + 1);
    expect(cardText(reply.body.content)).toContain('不在本部门的人员目录');
    // The id an admin needs to add them, and nothing else about anyone.
    expect(cardText(reply.body.content)).toContain('你的飞书用户编号是 ou_stranger');
    expect(await f.database.db.selectFrom('companies').select('id').where('name', '=', '陌生公司').execute()).toEqual([]);
  });

  it('answers a message that is not text with a short help', async () => {
    const before = f.api.messages().length;
    await f.deliver(textMessage({ token: VERIFICATION_TOKEN, openId: f.openId('zhangsan'), text: '', messageType: 'image' }));
    expect(cardText((await lastMessage(before + 1)).body.content)).toContain('我只能读懂文字消息');
  });

  it('opens a form card for a bare command and takes its submission through the card callback', async () => {
    const before = f.api.messages().length;
    await f.deliver(textMessage({ token: VERIFICATION_TOKEN, openId: f.openId('zhangsan'), text: '/线索' }));
    const formCard = (await lastMessage(before + 1)).body.content;
    const form = formCard.body.elements.find((e: any) => e.tag === 'form');
    expect(form.elements.map((e: any) => e.name)).toEqual(['company', 'contact', 'phone', 'email', 'size', 'position', 'region', 'code', 'source', 'submit']);

    const bad = await f.deliver(cardAction({ token: VERIFICATION_TOKEN, openId: f.openId('zhangsan'), value: { form: 'lead' }, formValue: { company: '表单卡片公司', contact: '何', phone: 'abc', size: '10人', position: '新锐' } }));
    expect(bad.json.toast.type).toBe('error');
    expect(cardText(bad.json.card.data)).toContain('电话「abc」不是有效的电话号码');

    const good = await f.deliver(cardAction({ token: VERIFICATION_TOKEN, openId: f.openId('zhangsan'), value: { form: 'lead' }, formValue: { company: '表单卡片公司', contact: '何', phone: '13422223333', size: '10人', position: '新锐' } }));
    expect(good.json.toast.type).toBe('success');
    expect(cardText(good.json.card.data)).toContain('线索已保存');
  });

  it('runs the command of a card button once, even when the callback is delivered twice', async () => {
    const before = f.api.messages().length;
    const press = cardAction({ token: VERIFICATION_TOKEN, openId: f.openId('zhangsan'), value: { cmd: '/visit 杭州钱塘智造 method:phone' }, eventId: 'ev_press_twice' });
    const first = await f.deliver(press);
    const second = await f.deliver(press);
    expect(first.json.toast.type).toBe('success');
    expect(second.status).toBe(200);
    await f.api.waitForMessages(before + 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(f.api.messages().length).toBe(before + 1);
    const visits = await f.database.db.selectFrom('visits').select('id').execute();
    expect(visits).toHaveLength(1);
  });
});

describe('messages to other people on Feishu', () => {
  let f: FeishuFixture;
  beforeAll(async () => {
    f = await feishuFixture(pgliteBackend);
  });
  afterAll(() => f.close());

  const notice = { tone: 'info' as const, title: '提醒', blocks: [{ type: 'text' as const, text: '今天还差 2 家线索。' }] };

  it('go to the open_id with im.message.create', async () => {
    await f.adapter.sendTo(f.person('lisi'), notice);
    const [sent] = await f.api.waitForMessages(1);
    expect(sent!.query.receive_id_type).toBe('open_id');
    expect(sent!.body.receive_id).toBe(f.openId('lisi'));
  });

  it('are retried after HTTP 429 (waiting for the reset), code 99991400 and code 230020, and arrive once', async () => {
    f.api.calls.length = 0;
    f.api.failNextSends({ status: 429, resetSeconds: 1 }, { status: 200, code: 99991400 });
    const started = Date.now();
    await f.adapter.sendTo(f.person('lisi'), notice);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    f.api.failNextSends({ status: 200, code: 230020 });
    await f.adapter.sendTo(f.person('lisi'), notice);
    expect(f.api.messages().map((c) => c.method)).toEqual(['POST!', 'POST!', 'POST', 'POST!', 'POST']);
    // Every attempt of one message carries the same uuid, so Feishu drops a repeat of one that did arrive.
    const uuids = f.api.messages().map((c) => c.body.uuid);
    expect(new Set(uuids.slice(0, 3)).size).toBe(1);
    expect(uuids[3]).not.toBe(uuids[0]);
  });

  it('are retried after the connection is cut before any answer, and arrive once, under the same uuid', async () => {
    f.api.calls.length = 0;
    f.api.failNextSends({ status: 'reset' });
    await f.adapter.sendTo(f.person('lisi'), notice);
    expect(f.api.messages().map((c) => c.method)).toEqual(['POST!', 'POST']);
    expect(f.api.messages()[0]!.body.uuid).toBe(f.api.messages()[1]!.body.uuid);
  });

  it('are retried when no answer comes within the client timeout (10 s), and arrive once, under the same uuid', async () => {
    f.api.calls.length = 0;
    f.api.failNextSends({ status: 'hang' });
    await f.adapter.sendTo(f.person('lisi'), notice);
    expect(f.api.messages().map((c) => c.method)).toEqual(['POST!', 'POST']);
    expect(f.api.messages()[0]!.body.uuid).toBe(f.api.messages()[1]!.body.uuid);
  }, 30_000);

  it('are given up by the outbox only for refusals that retrying cannot mend', async () => {
    const { FeishuApiError } = await import('../../adapters/feishu/send-with-retry.ts');
    expect(f.adapter.deliverer.isPermanent(new FeishuApiError(230002, 200, 'bot not in chat'))).toBe(true);
    expect(f.adapter.deliverer.isPermanent(new FeishuApiError(99991400, 200, 'too fast'))).toBe(false);
    expect(f.adapter.deliverer.isPermanent(new FeishuApiError(0, 503, 'unavailable'))).toBe(false);
  });

  it('fail loudly on a refusal that retrying cannot mend', async () => {
    f.api.failNextSends({ status: 200, code: 230002 });
    await expect(f.adapter.sendTo(f.person('lisi'), notice)).rejects.toThrow(/230002/);
  });
});

describe('Feishu over the long connection', () => {
  let f: FeishuFixture;
  beforeAll(async () => {
    f = await feishuFixture(pgliteBackend);
  });
  afterAll(() => f.close());

  it('serves no HTTP path and handles what the connection hands to the same dispatcher', async () => {
    const { createFeishuAdapter } = await import('../../adapters/feishu/feishu-adapter.ts');
    const { deliveryLog } = await import('../../src/bot/deliveries.ts');
    const { identify } = await import('../../src/core/identity.ts');
    const ws = createFeishuAdapter({
      bot: f.bot,
      config: { appId: 'cli_ws_mode', appSecret: 's', encryptKey: undefined, verificationToken: undefined, mode: 'ws', domain: f.api.baseUrl },
      identify: (id) => identify(f.deps, 'feishu', id),
      deliveries: deliveryLog(f.deps.store, f.clock),
      logger: f.deps.logger,
    });
    expect(ws.requestListener).toBeNull();
    // The WSClient decodes frames into exactly this call (the SDK's own path, without a signature).
    await ws.dispatcher.invoke(textMessage({ token: '', openId: f.openId('zhangsan'), text: 'help' }), { needCheck: false });
    const [reply] = await f.api.waitForMessages(1);
    expect(cardText(reply!.body.content)).toContain('我能做什么');
  });
});

describe('Feishu callbacks and slow work', () => {
  let f: FeishuFixture;
  beforeAll(async () => {
    f = await feishuFixture(pgliteBackend);
  });
  afterAll(() => f.close());

  it('answers a card click within 3 seconds even when the work takes longer, and sends the result after', async () => {
    const { createFeishuAdapter } = await import('../../adapters/feishu/feishu-adapter.ts');
    const { deliveryLog } = await import('../../src/bot/deliveries.ts');
    const { identify } = await import('../../src/core/identity.ts');
    // The real bot behind a delay, as a slow database would make it.
    const slowBot = { ...f.bot, handleText: async (...args: Parameters<typeof f.bot.handleText>) => {
      await new Promise((r) => setTimeout(r, 3200));
      return f.bot.handleText(...args);
    } };
    const adapter = createFeishuAdapter({
      bot: slowBot,
      config: { appId: 'cli_slow_work', appSecret: 's', encryptKey: undefined, verificationToken: undefined, mode: 'ws', domain: f.api.baseUrl },
      identify: (id) => identify(f.deps, 'feishu', id),
      deliveries: deliveryLog(f.deps.store, f.clock),
      logger: f.deps.logger,
    });
    const started = Date.now();
    const answer = (await adapter.dispatcher.invoke(cardAction({ token: '', openId: f.openId('zhangsan'), value: { cmd: '/help' } }), { needCheck: false })) as { toast: { content: string } };
    expect(Date.now() - started).toBeLessThan(3000);
    expect(answer.toast.content).toContain('正在处理');
    const [reply] = await f.api.waitForMessages(1, 6000);
    expect(cardText(reply!.body.content)).toContain('我能做什么');
  });
});
