import type { Env } from '../config/env.ts';
import type { PeopleResolver } from '../core/directory/match-people.ts';
import type { Person, Platform } from '../core/people.ts';
import type { Logger } from '../logger.ts';
import type { Handler } from '../server.ts';
import type { Deliverer } from '../jobs/outbox-dispatcher.ts';
import type { Bot } from './bot.ts';
import type { DeliveryLog } from './deliveries.ts';

/**
 * The one face adapters use. What a platform adapter may know of the house
 * is what this file exports: the boundary test holds adapters/ to it, to the
 * renderers' helpers of src/views (src/views/view.ts comes through here)
 * and to src/i18n.
 */

// The bot: a person's text or submitted form in, a View in their language out.
export type { Bot };
// Who is asking: a person of the directory, on one platform.
export type { Actor } from '../core/ports.ts';
export type { Locale, Person, Platform } from '../core/people.ts';
// The replies to lay out (Block Kit, a Feishu card, terminal text).
export type { Block, Button, ChartBlock, FileMime, FileToSend, FormFieldView, FormView, TableBlock, TableColumn, Tone, View } from '../views/view.ts';
export { fileBytes } from '../views/view.ts';
// A file a person sends with a command (`/import leads`), and how large one the bot takes.
export type { AttachedFile } from '../commands/family.ts';
export { MAX_IMPORT_BYTES } from '../commands/imports/import-limits.ts';
export { importPath } from '../commands/imports/import-path.ts';
// The forms a reply may open, and how much the bot reads from one field.
export { isFormName, type FormName } from '../commands/registry.ts';
export { MAX_MESSAGE_CHARS } from '../grammar/read-command.ts';
// Deliveries a platform may make again: each has its effect once.
export type { Delivery } from './deliver-once.ts';
export type { DeliveryLog };
// Platforms want an answer within seconds; slow work answers later.
export { replyWithin } from './reply-within.ts';
// How the outbox reaches people through an adapter.
export type { Deliverer, MessageRef } from '../jobs/outbox-dispatcher.ts';
export type { Logger };
export type { Handler };
// People the org file names by e-mail or mobile: how a platform says who they are.
export type { ContactAnswer, ContactQuery, PeopleResolver } from '../core/directory/match-people.ts';
// A start-up problem the operator must fix: stops the bot with its one line.
export { ConfigError } from '../config/config-error.ts';

/** The SLACK_* settings, as src/config/env.ts reads them. */
export type SlackSettings = NonNullable<Env['slack']>;
/** The FEISHU_* settings, as src/config/env.ts reads them. */
export type FeishuSettings = NonNullable<Env['feishu']>;

/** What every adapter is built with (src/platforms.ts gives it). */
export interface AdapterContext {
  bot: Bot;
  /** Who a user id of this platform is in the directory (the console's ids are the directory's own), or null. */
  identify(platformId: string): Promise<Person | null>;
  /** Receipts of deliveries that have no command to record them (the Home tab, a stranger's message). */
  deliveries: DeliveryLog;
  logger: Logger;
}

/**
 * A way into the bot: Slack, Feishu, the console. src/main.ts starts every
 * adapter the environment configures the same way: mounts its routes on the
 * one HTTP server, gives its deliverer to the outbox, starts it, and stops it
 * on the way out.
 */
export interface Adapter {
  /** Paths on the bot's one HTTP server, `'POST /slack/events'`; none in Socket Mode, long connection or the console. */
  routes: Record<string, Handler>;
  /** How the outbox reaches people through this adapter. */
  deliverer: Deliverer;
  /** Starts receiving (a socket, a long connection, the terminal); throws when it cannot. */
  start(): Promise<void>;
  /** Stops receiving, once what is in flight is answered. Safe on an adapter that never started. */
  stop(): Promise<void>;
  /**
   * Settles when this adapter's end is the bot's end: the console's at /quit
   * or the end of its input. A platform has none: it runs until the process
   * is told to stop.
   */
  ended?: Promise<void>;
  /**
   * The state of the connection the adapter receives through, for /healthz:
   * Slack's Socket Mode (`connecting`, `connected`, `reconnecting`,
   * `disconnected`, …) or Feishu's long connection (`idle`, `connecting`,
   * `connected`, `reconnecting`, `failed`). None in webhook mode or the console.
   */
  connection?: () => string;
  /**
   * Asks this adapter's platform who has the org file's e-mails and mobiles
   * (the people whose entry gives no id of this platform). Called at start
   * and by `npm run org -- import`, before the adapter starts. The console has none.
   */
  resolvePeople?: { platform: Platform; resolve: PeopleResolver };
  /** The adapter is of use without the HTTP server (the console chat): a port in use costs /healthz, not the start. */
  worksWithoutHttp?: boolean;
}
