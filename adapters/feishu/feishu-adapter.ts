import { randomUUID } from 'node:crypto';
import { Client, EventDispatcher, LoggerLevel, WSClient, defaultHttpInstance } from '@larksuiteoapi/node-sdk';
import {
  isFormName,
  replyWithin,
  type Actor,
  type Adapter,
  type AdapterContext,
  type Delivery,
  type FeishuSettings,
  type Handler,
  type Person,
  type View,
} from '../../src/bot/face.ts';
import { translator } from '../../src/i18n/translate.ts';
import { faultView } from '../../src/views/problem-views.ts';
import { strangerView } from '../../src/views/stranger-view.ts';
import { renderCard, renderHomeCard, type ButtonValue } from './card.ts';
import { downloadMessageFile, fileOfMessage, sendFileTo } from './files.ts';
import { homeMessages } from './home-messages.ts';
import { menuCommand } from './menu.ts';
import { commandText } from './message-text.ts';
import { SendRateLimiter } from './rate-limiter.ts';
import { domainOf, feishuPeopleResolver } from './resolve-people.ts';
import { FeishuApiError, sendWithRetry, type RetryPolicy } from './send-with-retry.ts';
import { feishuWebhook } from './webhook.ts';

/** `identify` takes an open_id. */
export interface FeishuAdapterOptions extends AdapterContext {
  config: FeishuSettings;
  retry?: RetryPolicy;
  /** The time in ms, for how recent the last overview card is (home-messages.ts); tests pass the bot's clock. */
  now?: () => number;
  /**
   * Waits until a message to `recipient` may go under the app's limits. The
   * composition root gives one shared by every process on the database (the
   * limits are the app's); without it, this process's own limiter.
   */
  sendGate?: { acquire(recipient: string): Promise<void> };
  /** Told of each rate-limit answer from Feishu (the metrics count them). */
  onRateLimited?: () => void;
}

export interface FeishuAdapter extends Adapter {
  dispatcher: EventDispatcher;
  /** Mounted at POST /feishu/events in webhook mode: `routes` holds it. */
  requestListener: Handler | null;
  /** A message to someone else (an approval card, a reminder), to their open_id; `key` makes repeats of one message one. */
  sendTo(person: Person, view: View, key?: string): Promise<{ message_id: string }>;
  /** Replaces a card sent before (im.message.patch). */
  update(ref: { message_id?: string }, view: View): Promise<void>;
}

/** What the SDK hands a handler: the v2 header and the event merged into one object. */
interface MessageEvent {
  event_id?: string;
  sender?: { sender_id?: { open_id?: string } };
  message?: {
    message_id: string;
    chat_id?: string;
    chat_type: 'p2p' | 'group' | string;
    message_type: string;
    content: string;
    mentions?: { key: string }[];
  };
}

interface CardActionEvent {
  event_id?: string;
  operator?: { open_id?: string };
  action?: { value?: ButtonValue; form_value?: Record<string, unknown> };
  context?: { open_message_id?: string; open_chat_id?: string };
}

/** application.bot.menu_v6: a tap on a bot menu item of type "push event" (menu.ts). */
interface MenuEvent {
  event_id?: string;
  operator?: { operator_id?: { open_id?: string } };
  event_key?: string;
}

/** im.chat.access_event.bot_p2p_chat_entered_v1: a person opened their chat with the bot. */
interface ChatEnteredEvent {
  event_id?: string;
  chat_id?: string;
  operator_id?: { open_id?: string };
  /** The chat's last message, whoever sent it. */
  last_message_id?: string;
}

/**
 * Feishu and Lark on the real SDK: one-to-one and @-mention messages are
 * commands, buttons and forms come back as card callbacks, and replies are
 * JSON 2.0 cards in the person's language. Each event has its effect once.
 */
export function createFeishuAdapter(opts: FeishuAdapterOptions): FeishuAdapter {
  const { bot, config, logger } = opts;
  const retry: RetryPolicy = { ...(opts.retry ?? { attempts: 5, baseMs: 1000 }), ...(opts.onRateLimited && { onRateLimited: opts.onRateLimited }) };
  // The SDK's axios instance waits for ever by default: a hung connection must not hold a reply (or the outbox).
  (defaultHttpInstance as unknown as { defaults: { timeout: number } }).defaults.timeout = 10_000;
  const client = new Client({ appId: config.appId, appSecret: config.appSecret, domain: domainOf(config.domain), loggerLevel: LoggerLevel.error });
  const dispatcher = new EventDispatcher({ encryptKey: config.encryptKey, verificationToken: config.verificationToken, loggerLevel: LoggerLevel.error });

  const actorOf = async (openId: string | undefined): Promise<Actor | null> => {
    const person = openId ? await opts.identify(openId) : null;
    return person ? { person, platform: 'feishu' } : null;
  };
  const t = (actor: Actor | null) => translator(bot.localeOf(actor));
  const stranger = (openId: string) => strangerView(t(null), 'feishu', openId);
  const card = (view: View, actor: Actor | null) => JSON.stringify(renderCard(view, t(actor)));

  /**
   * Each event id has its effect once: Feishu redelivers for hours when an
   * answer is late. A command hands its event id to the bot, which records it
   * with the command's effect; what has no effect (a stranger, a picture) is
   * recorded here before its answer. (Who sent it is settled before: the
   * signature in webhook mode, the authenticated connection in long-connection mode.)
   */
  const firstDelivery = async (event: { event_id?: string }) => !event.event_id || (await opts.deliveries.firstTime('feishu', event.event_id));
  const deliveryOf = (event: { event_id?: string }): Delivery | undefined => (event.event_id ? { source: 'feishu', id: event.event_id } : undefined);

  // Every send waits its turn under the app's limits (50/s, 1,000/min, 5/s to one chat), then retries what is still refused.
  const limiter = opts.sendGate ?? new SendRateLimiter();
  // `uuid` lets Feishu drop a repeat of a create that we retried after a timeout (within an hour).
  const toPerson = async (openId: string, view: View, actor: Actor | null, key: string = randomUUID()) => {
    await limiter.acquire(openId);
    return sendWithRetry(
      () =>
        client.im.message.create({
          params: { receive_id_type: 'open_id' },
          data: { receive_id: openId, msg_type: 'interactive', content: card(view, actor), uuid: key.slice(0, 50) },
        }),
      retry,
    );
  };
  /** Replaces a card the bot sent (im.message.patch); Feishu takes only cards of the last 14 days. */
  const patchCard = (messageId: string, content: string) =>
    sendWithRetry(() => client.im.message.patch({ path: { message_id: messageId }, data: { content } }), retry);
  const replyTo = async (messageId: string, chat: string, view: View, actor: Actor | null) => {
    await limiter.acquire(chat);
    return sendWithRetry(() => client.im.message.reply({ path: { message_id: messageId }, data: { msg_type: 'interactive', content: card(view, actor) } }), retry);
  };

  /**
   * Contact data never goes into a group (SEC-2): a card that holds it, or a
   * form that will ask for it, goes to the person, with a note in the group.
   */
  async function answer(message: NonNullable<MessageEvent['message']>, openId: string, view: View, actor: Actor | null) {
    const chat = message.chat_id ?? openId;
    await answerCard(message, chat, openId, view, actor);
    // A reply's file (refused rows, an export) goes to the person who asked, never into a group.
    if (view.file) {
      await limiter.acquire(openId);
      await sendFileTo(client, openId, view.file, retry);
    }
  }

  async function answerCard(message: NonNullable<MessageEvent['message']>, chat: string, openId: string, view: View, actor: Actor | null) {
    if (message.chat_type === 'group' && (view.sensitive || view.form)) {
      await toPerson(openId, view, actor);
      const note = t(actor)(view.form ? 'feishu.form_sent_privately' : 'feishu.sent_privately');
      await replyTo(message.message_id, chat, { tone: 'info', blocks: [{ type: 'text', text: note }] }, actor);
    } else {
      await replyTo(message.message_id, chat, view, actor);
    }
  }

  async function onMessage(event: MessageEvent) {
    const message = event.message;
    const openId = event.sender?.sender_id?.open_id;
    if (!message || !openId) return;
    // In a group the bot hears only what is addressed to it.
    if (message.chat_type === 'group' && !message.mentions?.length) return;
    const text = commandText(message);
    // A file in the one-to-one chat is for the command that waits for one (`/导入 线索`); a group's files are not the bot's.
    const sent = message.chat_type === 'p2p' ? fileOfMessage(message) : null;
    let actor: Actor | null;
    try {
      actor = await actorOf(openId);
      // A command records its event id with its effect (the bot); anything else before its answer.
      if ((!actor || (text === null && !sent)) && !(await firstDelivery(event))) return;
    } catch (err) {
      // The database is away: say so, rather than leave the person without an answer.
      logger.error({ err }, 'feishu message failed');
      return answer(message, openId, faultView(t(null)), null);
    }
    if (!actor) return answer(message, openId, stranger(openId), null);
    // Where it was asked: an export is for a one-to-one chat only (SEC-2).
    actor = { ...actor, conversation: message.chat_type === 'p2p' ? 'direct' : 'group' };
    if (sent) {
      const view = await downloadMessageFile(client, message.message_id, sent).then(
        (file) => bot.handleFile(actor, file, null, deliveryOf(event)),
        (err: unknown) => {
          logger.error({ err, message: message.message_id }, 'feishu file download failed');
          return faultView(t(actor));
        },
      );
      if (view.repeated) return;
      return answer(message, openId, view, actor);
    }
    const view = text === null ? { tone: 'info' as const, blocks: [{ type: 'text' as const, text: t(actor)('feishu.unsupported_message') }] } : await bot.handleText(actor, text, deliveryOf(event));
    if (view.repeated) return;
    await answer(message, openId, view, actor);
  }

  /**
   * What the pickers of a form hand back, as the commands read it: a date
   * picker's `2026-12-10 +0800` is its date; a person picker's open_id is
   * the person of the directory (`@id`), or stays the open_id, which the
   * command refuses as someone it does not know.
   */
  async function asPickedValues(values: Record<string, string | undefined>, button: ButtonValue): Promise<Record<string, string | undefined>> {
    const picked = { ...values };
    for (const key of button.dates ?? []) {
      const date = /^(\d{4}-\d{2}-\d{2})(\s|$)/.exec(picked[key]?.trim() ?? '')?.[1];
      if (date) picked[key] = date;
    }
    for (const key of button.people ?? []) {
      const openId = picked[key]?.trim();
      if (openId) picked[key] = `@${(await opts.identify(openId))?.id ?? openId}`;
    }
    return picked;
  }

  async function onCardAction(event: CardActionEvent) {
    const openId = event.operator?.open_id;
    let actor: Actor | null;
    try {
      actor = await actorOf(openId);
    } catch (err) {
      logger.error({ err }, 'feishu card action failed');
      return { toast: { type: 'error', content: t(null)('fault.unavailable') } };
    }
    const tr = t(actor);
    if (!actor || !openId) return { toast: { type: 'error', content: tr('refusal.not_in_directory') } };
    const delivery = deliveryOf(event);
    const value = event.action?.value ?? {};
    if (value.home === 'refresh') return onRefresh(event, actor, openId);
    const later = (view: View) => void toPerson(openId, view, actor).catch((err: unknown) => logger.error({ err }, 'feishu send failed'));
    // Feishu wants the callback answered within 3 s: slower work answers "working on it" and sends its result when done.
    const working = { toast: { type: 'info', content: tr('toast.working') } };
    let answer: unknown = { toast: { type: 'success', content: tr('toast.done') } };
    const form = value.form;
    if (form && isFormName(form)) {
      const values = Object.fromEntries(Object.entries(event.action?.form_value ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]));
      await replyWithin(2500, asPickedValues(values, value).then((picked) => bot.submitForm(actor, form, picked, delivery)), {
        inTime: async (view) => {
          if (view.repeated) answer = { toast: { type: 'info', content: tr('toast.done') } };
          else if (view.form) answer = { toast: { type: 'error', content: tr('toast.fix_form') }, card: { type: 'raw', data: renderCard(view, tr) } };
          else if (view.sensitive) {
            later(view);
            answer = { toast: { type: 'success', content: tr('feishu.sent_privately') } };
          } else answer = { toast: { type: 'success', content: tr('toast.done') }, card: { type: 'raw', data: renderCard(view, tr) } };
        },
        late: async (pending) => {
          answer = working;
          void pending.then((view) => view.repeated || later(view));
        },
      });
      return answer;
    }
    if (value.cmd) {
      // The answer is a message of its own, sent after the callback is answered.
      const messageId = event.context?.open_message_id;
      const send = (view: View) =>
        view.repeated
          ? undefined
          : void (view.sensitive || !messageId ? toPerson(openId, view, actor) : replyTo(messageId, event.context?.open_chat_id ?? openId, view, actor)).catch(
          (err: unknown) => logger.error({ err }, 'feishu send failed'),
        );
      await replyWithin(2500, bot.handleText(actor, value.cmd, delivery), {
        inTime: async (view) => send(view),
        late: async (pending) => {
          answer = working;
          void pending.then(send);
        },
      });
    }
    return answer;
  }

  const homes = homeMessages(opts.now);
  /** People whose overview is being sent now: a second opening meanwhile would send a second one. */
  const opening = new Set<string>();

  /**
   * The person's overview, in their chat with the bot. `lastMessageId`: the
   * chat's last message when the person opened the chat; then the overview
   * sent last is updated in place if it is still at the bottom or is recent
   * (home-messages.ts), and only otherwise is a new one sent. Without it (the
   * menu's Home, asked for on purpose) a new one is sent. A stranger is
   * answered the same way, with the stranger view.
   */
  async function showHome(openId: string, actor: Actor | null, reuse: { lastMessageId: string | undefined } | null) {
    if (opening.has(openId)) return;
    opening.add(openId);
    try {
      const tr = t(actor);
      const content = JSON.stringify(actor ? renderHomeCard(await bot.home(actor), tr) : renderCard(stranger(openId), tr));
      const earlier = reuse ? homes.reusable(openId, reuse.lastMessageId) : null;
      if (earlier) {
        try {
          await patchCard(earlier, content);
          return homes.remember(openId, earlier);
        } catch (err) {
          // Deleted, or older than Feishu lets a card be updated: a new one instead.
          logger.warn({ err, message: earlier }, 'feishu overview could not be updated; sending a new one');
          homes.forget(openId);
        }
      }
      await limiter.acquire(openId);
      const sent = await sendWithRetry(
        () => client.im.message.create({ params: { receive_id_type: 'open_id' }, data: { receive_id: openId, msg_type: 'interactive', content, uuid: randomUUID() } }),
        retry,
      );
      if (sent?.message_id) homes.remember(openId, sent.message_id);
    } finally {
      opening.delete(openId);
    }
  }

  /** Opening the chat with the bot: the overview, kept to one card (see showHome). Each event once. */
  async function onChatEntered(event: ChatEnteredEvent) {
    const openId = event.operator_id?.open_id;
    if (!openId || !(await firstDelivery(event))) return;
    await showHome(openId, await actorOf(openId), { lastMessageId: event.last_message_id });
  }

  /** A bot menu tap: `home` is the overview, any other key a command (menu.ts), answered in the chat with the bot. */
  async function onMenu(event: MenuEvent) {
    const openId = event.operator?.operator_id?.open_id;
    if (!openId) return;
    let actor: Actor | null;
    try {
      actor = await actorOf(openId);
    } catch (err) {
      // The database is away: say so, rather than leave the tap without an answer.
      logger.error({ err }, 'feishu menu failed');
      return void (await toPerson(openId, faultView(t(null)), null));
    }
    const command = menuCommand(event.event_key ?? '');
    // The overview and a stranger's answer have no effect to record their event with: recorded here.
    if ((!actor || command === null) && !(await firstDelivery(event))) return;
    if (!actor) return void (await toPerson(openId, stranger(openId), null));
    if (command === null) return showHome(openId, actor, null);
    const view = await bot.handleText(actor, command, deliveryOf(event));
    if (!view.repeated) await toPerson(openId, view, actor);
  }

  /** The overview card's Refresh: the answer replaces the card; if the overview is slow, the card is patched when it is ready. */
  async function onRefresh(event: CardActionEvent, actor: Actor, openId: string) {
    const tr = t(actor);
    const messageId = event.context?.open_message_id;
    if (messageId) homes.remember(openId, messageId);
    let answer: unknown = { toast: { type: 'info', content: tr('toast.working') } };
    await replyWithin(2500, bot.home(actor), {
      inTime: async (view) => {
        answer = { toast: { type: 'success', content: tr('toast.refreshed') }, card: { type: 'raw', data: renderHomeCard(view, tr) } };
      },
      late: async (pending) => {
        void pending
          .then((view) => messageId && patchCard(messageId, JSON.stringify(renderHomeCard(view, tr))))
          .catch((err: unknown) => logger.error({ err }, 'feishu overview refresh failed'));
      },
    });
    return answer;
  }

  const safely =
    <E>(handler: (event: E) => Promise<unknown>) =>
    async (event: E) => {
      try {
        return await handler(event);
      } catch (err) {
        logger.error({ err }, 'feishu handler failed');
        return undefined;
      }
    };
  // card.action.trigger is missing from the SDK's typed map; it dispatches it all the same.
  /** Feishu wants an answer within 3 s; a reply still being sent (rate limits, retries) goes on after it. */
  const within3s =
    <E>(handler: (event: E) => Promise<unknown>) =>
    (event: E) =>
      replyWithin(2500, safely(handler)(event), { inTime: async () => undefined, late: async () => undefined });
  dispatcher.register({
    'im.message.receive_v1': within3s(onMessage),
    'application.bot.menu_v6': within3s(onMenu),
    'im.chat.access_event.bot_p2p_chat_entered_v1': within3s(onChatEntered),
    'card.action.trigger': safely(onCardAction),
  } as Parameters<EventDispatcher['register']>[0]);

  const ws = config.mode === 'ws' ? new WSClient({ appId: config.appId, appSecret: config.appSecret, domain: domainOf(config.domain), loggerLevel: LoggerLevel.error }) : null;
  const messaging: Pick<FeishuAdapter, 'sendTo' | 'update'> = {
    async sendTo(person, view, key) {
      if (!person.feishuId) throw new Error(`person ${person.id} has no Feishu open_id`);
      const sent = await toPerson(person.feishuId, view, { person, platform: 'feishu' }, key);
      return { message_id: sent?.message_id ?? '' };
    },
    async update(ref, view) {
      if (!ref.message_id) throw new Error('a Feishu message reference needs message_id');
      const messageId = ref.message_id;
      await sendWithRetry(() => client.im.message.patch({ path: { message_id: messageId }, data: { content: card(view, null) } }), retry);
    },
  };

  const requestListener = config.mode === 'webhook' ? feishuWebhook(dispatcher, config.encryptKey ?? '', config.verificationToken ?? '') : null;
  return {
    dispatcher,
    requestListener,
    routes: requestListener ? { 'POST /feishu/events': requestListener } : {},
    ...messaging,
    resolvePeople: { platform: 'feishu', resolve: feishuPeopleResolver(client) },
    // Who has an open_id, and which refusals will not mend.
    deliverer: {
      name: 'feishu',
      canReach: (p) => Boolean(p.feishuId),
      send: messaging.sendTo,
      update: messaging.update,
      isPermanent: (e) => e instanceof FeishuApiError && !e.transient,
    },
    async start() {
      if (ws) await ws.start({ eventDispatcher: dispatcher });
    },
    ...(ws && { connection: () => ws.getConnectionStatus().state }),
    async stop() {
      ws?.close?.();
    },
  };
}

