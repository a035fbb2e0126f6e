import type { RequestListener } from 'node:http';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver } from '@slack/bolt';
import {
  MAX_IMPORT_BYTES,
  replyWithin,
  type Actor,
  type Adapter,
  type AdapterContext,
  type AttachedFile,
  type ChartBlock,
  type FileToSend,
  type Person,
  type SlackSettings,
  type View,
} from '../../src/bot/face.ts';
import { translator } from '../../src/i18n/translate.ts';
import { faultView } from '../../src/views/problem-views.ts';
import { strangerView as stranger } from '../../src/views/stranger-view.ts';
import { LIMITS, renderBlocks } from './block-kit.ts';
import { answerModal, COMPANY_ACTION, companyOption, fieldErrors, formModal, formNameOf, modalContext, submittedValues } from './modal.ts';
import { OPEN_FORM_ACTION, readOpenFormValue } from './open-form.ts';
import { SHORTCUTS, shortcutCommand } from './shortcuts.ts';
import { typedText } from './message-text.ts';
import { slackPeopleResolver } from './resolve-people.ts';
import { uploadFile } from './upload-file.ts';

/** `identify` takes a Slack user id. */
export interface SlackAdapterOptions extends AdapterContext {
  config: SlackSettings;
  /** Web API retries; production keeps trying for about two minutes, tests turn it down. */
  retryConfig?: { retries: number; factor?: number; minTimeout?: number; maxTimeout?: number };
  /** Bot ids for the App constructor, so it does not call auth.test at start. */
  botId?: string;
  botUserId?: string;
  /** Told of each rate-limit answer (HTTP 429) from the Web API, before Bolt's client waits it out and retries (the metrics count them). */
  onRateLimited?: () => void;
}

export interface SlackAdapter extends Adapter {
  app: InstanceType<typeof App>;
  /** Mounted at POST /slack/events on the bot's one server (HTTP mode only): `routes` holds it. */
  requestListener: RequestListener | null;
  /**
   * A message to someone else (an approval card, a reminder), in their DM.
   * 429 answers are waited out (Retry-After) and other failures retried with
   * backoff by the Web API client; what still fails is thrown to the caller.
   */
  sendTo(person: Person, view: View): Promise<{ channel: string; ts: string }>;
  /** Replaces a message sent before (a card whose request was decided). */
  update(ref: { channel?: string; ts?: string }, view: View): Promise<void>;
}

/** The umbrella command: `/crm <any command>`, for names Slack keeps for itself (/remind, /leave). */
export const UMBRELLA_COMMAND = '/crm';
/** Slack shows an error when a request is not acknowledged within 3 s; answer inline only if the work is done by then. */
const INLINE_WITHIN_MS = 2500;
/** Interactivity payloads are small; a large body is refused before it is parsed. */
const BODY_LIMIT = 100 * 1024;

/**
 * Slack on the real Bolt: slash commands, buttons, modals, direct messages
 * and the Home tab, all turned into calls on the one Bot. Thin on purpose:
 * identity, transport and Block Kit here; every rule in the core.
 */
export function createSlackAdapter(opts: SlackAdapterOptions): SlackAdapter {
  const { bot, config, logger } = opts;
  const clientOptions = {
    ...(config.apiUrl && { slackApiUrl: config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/` }),
    retryConfig: opts.retryConfig ?? { retries: 6, factor: 2, minTimeout: 1000, maxTimeout: 30_000 },
    // A hung connection must not hold a reply (or the outbox) for ever.
    timeout: 10_000,
    // The client waits out a 429 itself and tells only its own emitter, which the per-request clients Bolt makes do not share; their fetch they do.
    ...(opts.onRateLimited && { fetch: countingRateLimits(opts.onRateLimited) }),
  };
  const identity = { tokenVerificationEnabled: false, botId: opts.botId ?? 'B_POLICY_BOT', botUserId: opts.botUserId ?? 'U_POLICY_BOT' };
  const socketMode = Boolean(config.appToken);
  const socket = socketMode ? new SocketModeReceiver({ appToken: config.appToken ?? '', logLevel: LogLevel.ERROR }) : undefined;
  // The socket's last state, as its client reports it: /healthz shows it (Adapter.connection).
  let socketState = 'disconnected';
  for (const state of ['connecting', 'authenticated', 'connected', 'reconnecting', 'disconnecting', 'disconnected'] as const) {
    socket?.client.on(state, () => (socketState = state));
  }
  const receiver = socketMode
    ? undefined
    : new HTTPReceiver({ signingSecret: config.signingSecret ?? '', endpoints: '/slack/events', bodyLimit: BODY_LIMIT, logLevel: LogLevel.ERROR });
  const app = new App({
    token: config.botToken,
    ...(socket ? { receiver: socket } : { receiver }),
    clientOptions,
    logLevel: LogLevel.ERROR,
    // Bolt's conversation store keeps per-channel state we never read; it costs a lookup per request.
    convoStore: false,
    ...identity,
  });

  const actorOf = async (userId: string): Promise<Actor | null> => {
    const person = await opts.identify(userId);
    return person ? { person, platform: 'slack' } : null;
  };
  const strangerView = (userId: string): View => stranger(translator(bot.localeOf(null)), 'slack', userId);
  const blocksOf = (view: View, actor: Actor | null, max: number = LIMITS.messageBlocks) =>
    renderBlocks(view, translator(bot.localeOf(actor)), max);

  /**
   * Who is asking, then the work for them: a stranger is told so, and a fault
   * on the way (the database away while the person is not cached) is
   * answered with "try again" instead of no answer at all.
   */
  const answering = (userId: string, work: (actor: Actor) => Promise<View>): Promise<{ actor: Actor | null; view: View }> =>
    (async () => {
      const actor = await actorOf(userId);
      return { actor, view: actor ? await work(actor) : strangerView(userId) };
    })().catch((error: unknown) => {
      logger.error({ err: error, user: userId }, 'slack request failed');
      return { actor: null, view: faultView(translator(bot.localeOf(null))) };
    });

  /** A reply in the person's own DM: for the Home tab and finished modals, which have no response_url. */
  async function sendDirect(userId: string, view: View, actor: Actor | null): Promise<{ channel: string; ts: string }> {
    const opened = await app.client.conversations.open({ users: userId });
    const channel = opened.channel?.id;
    if (!channel) throw new Error('conversations.open returned no channel');
    const posted = await app.client.chat.postMessage({ channel, ...blocksOf(view, actor) });
    await sendCharts(posted.channel ?? channel, view);
    return { channel: posted.channel ?? channel, ts: posted.ts ?? '' };
  }

  /**
   * The reply's charts as pictures, after the reply itself: drawing is CPU
   * work that must not hold Slack's 3-second answer. The message already
   * holds the same figures as text, so a picture that cannot be sent is
   * logged, not retried for ever, and never stops the reply.
   */
  async function sendCharts(channel: string, view: View): Promise<void> {
    const charts = view.blocks.filter((b): b is ChartBlock => b.type === 'chart');
    if (!charts.length) return;
    // ECharts and resvg load with the first chart: a bot nobody asks for one keeps some 20 MB less at rest.
    const { chartPng } = await import('./chart-png.ts');
    for (const chart of charts) {
      await chartPng(chart).then((png) => uploadPng(channel, png, chart.title)).catch((error: unknown) => logger.warn({ err: error, channel }, 'slack chart not drawn or not shared'));
    }
  }

  /** The charts of a reply Slack shows only to the asker (ephemeral): into their DM, since a file shared in a channel is everyone's. */
  async function sendChartsToDm(userId: string, view: View): Promise<void> {
    if (!view.blocks.some((b) => b.type === 'chart')) return;
    const opened = await app.client.conversations.open({ users: userId }).catch((error: unknown) => {
      logger.warn({ err: error, user: userId }, 'slack chart DM failed');
      return null;
    });
    if (opened?.channel?.id) await sendCharts(opened.channel.id, view);
  }

  /** A slash command's file (an export) goes to the person's DM with the bot, wherever the command was typed. */
  const shareFile = async (userId: string, file: FileToSend) => {
    try {
      const opened = await app.client.conversations.open({ users: userId });
      if (!opened.channel?.id) throw new Error('conversations.open returned no channel');
      await uploadFile(app.client, opened.channel.id, file);
    } catch (err) {
      logger.error({ err, user: userId }, 'slack file upload failed');
    }
  };

  // Slash commands: /lead …, /线索 is not possible in Slack, so /crm 线索 … carries any command in any language.
  app.command(/.*/, async ({ command, ack, respond, client }) => {
    const text = command.command === UMBRELLA_COMMAND ? command.text.trim() || '/help' : `${command.command} ${command.text}`;
    // Finding the person is part of the work that must be answered within Slack's 3 s.
    // A replayed request carries the same trigger_id: its effect is had once.
    // A channel's or a group DM's command is not a direct message: the bot sends no file there (SEC-2).
    const conversation = command.channel_id.startsWith('D') ? ('direct' as const) : ('group' as const);
    const answer = answering(command.user_id, (actor) => bot.handleText({ ...actor, conversation }, text, { source: 'slack', id: command.trigger_id }));
    await replyWithin(INLINE_WITHIN_MS, answer, {
      inTime: async ({ actor, view }) => {
        if (view.file) void shareFile(command.user_id, view.file);
        if (view.form && actor) {
          await ack();
          await client.views.open({ trigger_id: command.trigger_id, view: formModal(view.form, { channel: command.channel_id }) });
        } else {
          await ack({ response_type: 'ephemeral', ...blocksOf(view, actor) });
          await sendChartsToDm(command.user_id, view);
        }
      },
      late: async (pending) => {
        await ack();
        const { actor, view } = await pending;
        await respond({ response_type: 'ephemeral', ...blocksOf(view, actor) });
        await sendChartsToDm(command.user_id, view);
        if (view.file) await shareFile(command.user_id, view.file);
      },
    });
  });

  // A button runs the command it carries, as if the person had typed it.
  app.action(/^run:/, async ({ ack, body, action, respond, client }) => {
    await ack();
    if (action.type !== 'button' || !action.value) return;
    const actor = await actorOf(body.user.id);
    if (!actor) return void (await sendDirect(body.user.id, strangerView(body.user.id), null));
    const triggerId = 'trigger_id' in body ? body.trigger_id : undefined;
    const view = await bot.handleText(actor, action.value, triggerId ? { source: 'slack', id: triggerId } : undefined);
    if (view.form && triggerId) {
      const channel = 'channel' in body && body.channel ? body.channel.id : null;
      await client.views.open({ trigger_id: triggerId, view: formModal(view.form, { channel }) });
    } else if ('response_url' in body && body.response_url) {
      await respond({ response_type: 'ephemeral', replace_original: false, ...blocksOf(view, actor) });
      await sendChartsToDm(body.user.id, view);
    } else {
      await sendDirect(body.user.id, view, actor);
    }
  });

  // A message's "fill in the form" button: the modal it could not be, filled in as the reply was.
  app.action(OPEN_FORM_ACTION, async ({ ack, body, action, client }) => {
    await ack();
    if (action.type !== 'button' || !action.value || !('trigger_id' in body)) return;
    const actor = await actorOf(body.user.id);
    if (!actor) return void (await sendDirect(body.user.id, strangerView(body.user.id), null));
    const opened = readOpenFormValue(action.value);
    const view = await bot.openForm(actor, opened?.form ?? '', opened?.values ?? {});
    const channel = 'channel' in body && body.channel ? body.channel.id : null;
    if (view.form) await client.views.open({ trigger_id: body.trigger_id, view: formModal(view.form, { channel }) });
    else await sendDirect(body.user.id, view, actor);
  });

  // A submitted modal: field errors keep it open; anything else closes it and answers where the command came from.
  app.view(/^form:/, async ({ ack, body, view }) => {
    const form = formNameOf(view.callback_id);
    if (!form) {
      await ack();
      return void (await sendDirect(body.user.id, strangerView(body.user.id), null));
    }
    const { channel } = modalContext(view.private_metadata);
    const answer = async ({ actor, view: result }: { actor: Actor | null; view: View }) => {
      // An ephemeral reply needs the bot in that channel; where it is not, the answer goes to the DM instead of nowhere.
      const ephemeral = channel
        ? await app.client.chat.postEphemeral({ channel, user: body.user.id, ...blocksOf(result, actor) }).then(() => true, () => false)
        : false;
      if (ephemeral) await sendChartsToDm(body.user.id, result);
      else await sendDirect(body.user.id, result, actor);
    };
    // Field errors keep the modal open, if they are known within Slack's 3 s; slower work closes it and answers after.
    const submitted = submittedValues(view.state.values);
    const delivery = 'trigger_id' in body ? { source: 'slack' as const, id: body.trigger_id } : undefined;
    await replyWithin(INLINE_WITHIN_MS, answering(body.user.id, async (actor) => bot.submitForm(actor, form, await asPeople(submitted), delivery)), {
      inTime: async (result) => {
        if (result.view.form) return ack({ response_action: 'errors', errors: fieldErrors(result.view.form) });
        await ack();
        await answer(result);
      },
      late: async (pending) => {
        await ack();
        await answer(await pending);
      },
    });
  });

  /**
   * The shortcuts (shortcuts.ts): the lead form in a modal, filled in from the
   * message for "Save as lead". Slack's trigger lasts 3 s, so the modal opens
   * at once; what is read is only read: nothing is saved until the form is
   * submitted (then as any lead form). A stranger, or a message with nothing
   * to read, is answered in a modal too.
   */
  for (const callbackId of Object.values(SHORTCUTS)) {
    app.shortcut(callbackId, async ({ shortcut, ack, client }) => {
      await ack();
      const fromMessage = shortcut.type === 'message_action';
      const text = shortcutCommand(callbackId, fromMessage ? shortcut.message.text : undefined);
      const { actor, view } = await answering(shortcut.user.id, (actor) => bot.handleText(actor, text));
      // After the form, the answer goes where the message was (shown only to this person), or to the DM.
      const modal = view.form && actor ? formModal(view.form, { channel: fromMessage ? shortcut.channel.id : null }) : answerModal(view, translator(bot.localeOf(actor)));
      await client.views.open({ trigger_id: shortcut.trigger_id, view: modal });
    });
  }

  /**
   * A person picker holds a Slack user: the bot reads people as `@id` of the
   * directory. Someone not in it stays their Slack id, which the command
   * then refuses as a person it does not know.
   */
  async function asPeople({ values, users }: ReturnType<typeof submittedValues>): Promise<Record<string, string | undefined>> {
    const people = await Promise.all(Object.entries(users).map(async ([key, userId]) => [key, (await opts.identify(userId))?.id ?? userId] as const));
    return { ...values, ...Object.fromEntries(people.map(([key, id]) => [key, `@${id}`])) };
  }

  // A company picker's options, as the person types (the Options Load URL, or Socket Mode): their own companies, at most 100.
  app.options<'block_suggestion'>({ type: 'block_suggestion', action_id: COMPANY_ACTION }, async ({ body, ack }) => {
    const names = await actorOf(body.user.id)
      .then((actor) => (actor ? bot.companyChoices(actor, body.value ?? '') : []))
      .catch((error: unknown) => {
        // The list must answer within 3 s: an empty one, rather than none, when the database is away.
        logger.error({ err: error, user: body.user.id }, 'slack options load failed');
        return [];
      });
    await ack({ options: names.flatMap((name) => companyOption(name) ?? []) });
  });

  // Events are retried by Slack when not acknowledged in time: each event id has its effect once.
  const firstDelivery = async (body: { event_id?: string }) => !body.event_id || (await opts.deliveries.firstTime('slack', body.event_id));

  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home' || !(await firstDelivery(body))) return;
    const actor = await actorOf(event.user);
    const view = actor ? await bot.home(actor) : strangerView(event.user);
    // A home view takes only type, blocks, private_metadata, callback_id and external_id: any other property (a fallback `text`) is invalid_arguments.
    const { blocks } = blocksOf(view, actor, LIMITS.surfaceBlocks);
    await client.views.publish({ user_id: event.user, view: { type: 'home', blocks } });
  });

  /**
   * A file shared in the DM (`/import leads`): fetched from its
   * url_private_download with the bot token (files:read); one larger than
   * the bot takes is not fetched, only its size handed over.
   */
  async function downloaded(shared: SharedFile): Promise<AttachedFile> {
    const size = shared.size ?? 0;
    const name = shared.name ?? 'file';
    const url = shared.url_private_download ?? shared.url_private;
    if (size > MAX_IMPORT_BYTES || !url) return { name, size, bytes: null };
    const res = await fetch(url, { headers: { authorization: `Bearer ${config.botToken}` }, signal: AbortSignal.timeout(10_000) });
    // Without a valid token Slack answers its sign-in page with 200: that is no spreadsheet.
    if (!res.ok || (res.headers.get('content-type') ?? '').startsWith('text/html')) throw new Error(`Slack file ${shared.id} download failed: ${res.status}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { name, size: Math.max(size, bytes.byteLength), bytes };
  }

  /**
   * A picture shared in a channel (files:write): files.getUploadURLExternal,
   * the upload, files.completeUploadExternal; Slack then shows it in the
   * conversation under its title.
   */
  async function uploadPng(channel: string, png: Buffer, title: string): Promise<void> {
    await app.client.filesUploadV2({ channel_id: channel, file: png, filename: 'chart.png', title });
  }

  // A direct message to the bot is a command, with or without the leading '/'; a file shared with it is for a command that takes one.
  app.message(async ({ message, body, say }) => {
    const shared = message.subtype === 'file_share' ? ((message as { files?: SharedFile[] }).files?.[0] ?? null) : null;
    if (message.channel_type !== 'im' || (message.subtype !== undefined && !shared) || !('user' in message) || !message.user) return;
    // The bot's own messages come back as events too: answering them would never end.
    if ('bot_id' in message && message.bot_id) return;
    const eventId = (body as { event_id?: string }).event_id;
    const actor = await actorOf(message.user);
    const text = 'text' in message && message.text ? typedText(message.text) : '';
    // A command records its event id with its effect; a stranger's message, which has none, before its answer.
    if (!actor && !(await firstDelivery({ event_id: eventId }))) return;
    const delivery = eventId ? { source: 'slack' as const, id: eventId } : undefined;
    const view = !actor
      ? strangerView(message.user)
      : shared
        ? await downloaded(shared).then(
            (file) => bot.handleFile({ ...actor, conversation: 'direct' }, file, text || null, delivery),
            (error: unknown) => {
              logger.error({ err: error, user: message.user }, 'slack file download failed');
              return faultView(translator(bot.localeOf(actor)));
            },
          )
        : await bot.handleText({ ...actor, conversation: 'direct' }, text, delivery);
    if (view.repeated) return;
    await say({ ...blocksOf(view, actor) });
    if (view.file) await uploadFile(app.client, message.channel, view.file);
    await sendCharts(message.channel, view);
  });

  app.error(async (error) => {
    logger.error({ err: error }, 'slack handler failed');
  });

  let started = false;
  const messaging: Pick<SlackAdapter, 'sendTo' | 'update'> = {
    async sendTo(person, view) {
      if (!person.slackId) throw new Error(`person ${person.id} has no Slack id`);
      return sendDirect(person.slackId, view, { person, platform: 'slack' });
    },
    async update(ref, view) {
      if (!ref.channel || !ref.ts) throw new Error('a Slack message reference needs channel and ts');
      await app.client.chat.update({ channel: ref.channel, ts: ref.ts, ...blocksOf(view, null) });
    },
  };

  return {
    app,
    requestListener: receiver ? receiver.requestListener : null,
    routes: receiver ? { 'POST /slack/events': receiver.requestListener } : {},
    ...messaging,
    // Who has an id here, and which failures will not mend.
    resolvePeople: { platform: 'slack', resolve: slackPeopleResolver(app.client) },
    deliverer: { name: 'slack', canReach: (p) => Boolean(p.slackId), send: messaging.sendTo, update: messaging.update, isPermanent: slackFailureIsPermanent },
    ...(socket && { connection: () => socketState }),
    start: async () => {
      if (socketMode) await app.start();
      started = true;
    },
    stop: async () => {
      if (socketMode && started) await app.stop();
    },
  };
}

/** What a message event's `files[]` says of a shared file, as far as the adapter reads it. */
interface SharedFile {
  id?: string;
  name?: string;
  size?: number;
  url_private?: string;
  url_private_download?: string;
}

/** Slack's answers that retrying will not mend: the person or the DM is gone, or the bot may not write. */
const SLACK_PERMANENT = new Set(['user_not_found', 'account_inactive', 'cannot_dm_bot', 'channel_not_found', 'not_in_channel', 'is_archived', 'invalid_auth', 'missing_scope']);
const slackFailureIsPermanent = (error: unknown): boolean => SLACK_PERMANENT.has(String((error as { data?: { error?: string } }).data?.error ?? ''));

/** The platform's fetch, telling `onRateLimited` of every 429 it answers. */
function countingRateLimits(onRateLimited: () => void): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (response.status === 429) onRateLimited();
    return response;
  };
}
