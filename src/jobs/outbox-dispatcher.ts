import type { Locale, Person } from '../core/people.ts';
import type { Clock } from '../core/ports.ts';
import { translator } from '../i18n/translate.ts';
import type { Logger } from '../logger.ts';
import type { ClaimedRow, OutboxQueue, Settlement } from '../store/outbox-queue.ts';
import { noticeView } from '../views/notice-view.ts';
import type { View } from '../views/view.ts';

/** One way to reach people: a platform adapter, or the console. */
export interface Deliverer {
  name: string;
  canReach(person: Person): boolean;
  /**
   * Sends; answers where the message lives, if it can be updated later.
   * `key` is the same on every attempt of one message: a platform that supports it drops repeats.
   */
  send(person: Person, view: View, key?: string): Promise<MessageRef | void>;
  /** Replaces a message sent before (chat.update, im.message.patch). */
  update?(ref: MessageRef, view: View): Promise<void>;
  /** True when a failure will not mend with time (the user is gone, the bot was blocked). */
  isPermanent(error: unknown): boolean;
}

/** Where a sent message lives on its platform (Slack: channel and ts; Feishu: message_id). */
export type MessageRef = Record<string, string>;

export interface DispatchReport {
  sent: number;
  retried: number;
  failed: number;
}

export interface DispatcherOptions {
  /** The outbox rows to claim, renew and settle (src/store/outbox-queue.ts). */
  queue: OutboxQueue;
  deliverers: Deliverer[];
  clock: Clock;
  logger: Logger;
  defaultLocale: Locale;
  /** How long a claim lasts: a dispatcher that died mid-send lets its rows go after this. */
  leaseMs?: number;
  maxAttempts?: number;
  batch?: number;
  /** Told how each row's attempt ended, by platform (the metrics count it). */
  observer?: { delivered(platform: string, outcome: keyof DispatchReport): void };
}

/**
 * Sends what the outbox holds. Rows are claimed with FOR UPDATE SKIP LOCKED
 * in one statement, so two dispatchers (two bot instances) never take the
 * same row; a claim is a lease, so a row whose dispatcher died is taken again
 * once the lease runs out. Nothing is sent inside a transaction.
 */
export function createOutboxDispatcher(opts: DispatcherOptions) {
  const { queue, clock, logger } = opts;
  const leaseMs = opts.leaseMs ?? 60_000;
  const maxAttempts = opts.maxAttempts ?? 8;

  const leaseFromNow = () => new Date(clock.now().getTime() + leaseMs);

  /**
   * A row is ours while it is 'sending' with the attempt count we set. Its
   * lease is renewed just before its send: a batch whose sends are slow does
   * not let its later rows be taken by another dispatcher, and a row another
   * dispatcher took meanwhile (its lease ran out) is skipped, not sent twice.
   */
  const renew = (id: number, attempts: number) => queue.renew(id, attempts, leaseFromNow());
  const settle = (id: number, attempts: number, change: Settlement) => queue.settle(id, attempts, change, clock.now());

  /**
   * An update goes to the message the original row sent, on its platform.
   * Not sent yet: the update waits for it. Never sent: there is nothing to update.
   */
  async function updateInPlace(row: ClaimedRow, view: View): Promise<keyof DispatchReport> {
    const original = await queue.original(row.updateOf as number);
    if (original && (original.status === 'pending' || original.status === 'sending') && row.attempts < maxAttempts) {
      await settle(row.id, row.attempts, { status: 'pending', error: 'waiting for the original message', retryAt: new Date(clock.now().getTime() + 2000) });
      return 'retried';
    }
    const deliverer = opts.deliverers.find((d) => d.name === original?.platform);
    if (original?.status !== 'sent' || !original.ref || !deliverer?.update) {
      await settle(row.id, row.attempts, { status: 'failed', error: 'the original message was not delivered or cannot be updated' });
      return 'failed';
    }
    try {
      await deliverer.update(original.ref, view);
      await settle(row.id, row.attempts, { status: 'sent', platform: deliverer.name });
      return 'sent';
    } catch (error) {
      return failOrRetry(row, deliverer, error);
    }
  }

  /** A send or an update the platform refused: failed for good when it will not mend or tries are used up, else due again later. */
  async function failOrRetry(row: { id: number; attempts: number }, deliverer: Deliverer, error: unknown): Promise<'failed' | 'retried'> {
    const reason = error instanceof Error ? error.message : String(error);
    if (deliverer.isPermanent(error) || row.attempts >= maxAttempts) {
      await settle(row.id, row.attempts, { status: 'failed', platform: deliverer.name, error: reason });
      return 'failed';
    }
    // 2, 4, 8 … seconds, at most ten minutes.
    const delay = Math.min(600_000, 2000 * 2 ** (row.attempts - 1));
    await settle(row.id, row.attempts, { status: 'pending', error: reason, retryAt: new Date(clock.now().getTime() + delay) });
    return 'retried';
  }

  /** Claims what is due and sends it; every row ends sent, due again later, or failed with its reason. */
  async function dispatchOnce(): Promise<DispatchReport> {
    const report: DispatchReport = { sent: 0, retried: 0, failed: 0 };
    const count = (outcome: keyof DispatchReport, platform: string) => {
      report[outcome]++;
      opts.observer?.delivered(platform, outcome);
    };
    const rows = await queue.claim(opts.batch ?? 50, clock.now(), leaseFromNow());
    // Everyone the batch is for, in one read.
    const byId = await queue.people([...new Set(rows.map((row) => row.personId))]);
    for (const row of rows) {
      const person = byId.get(row.personId) ?? null;
      const deliverer = person ? opts.deliverers.find((d) => d.canReach(person)) : undefined;
      if (!person || !deliverer) {
        await settle(row.id, row.attempts, { status: 'failed', error: person ? 'no platform reaches this person' : 'person not in the directory' });
        count('failed', 'none');
        continue;
      }
      if (!(await renew(row.id, row.attempts))) continue;
      const locale = person.locale ?? opts.defaultLocale;
      const view = noticeView(translator(locale), locale, row.notice);
      if (row.updateOf !== null) {
        count(await updateInPlace(row, view), deliverer.name);
        continue;
      }
      try {
        const ref = await deliverer.send(person, view, `outbox-${row.id}`);
        await settle(row.id, row.attempts, { status: 'sent', platform: deliverer.name, ref });
        count('sent', deliverer.name);
      } catch (error) {
        count(await failOrRetry(row, deliverer, error), deliverer.name);
      }
    }
    if (report.sent || report.retried || report.failed) logger.info({ ...report }, 'outbox dispatched');
    if (report.failed) logger.warn({ failed: report.failed }, 'outbox messages failed for good');
    return report;
  }

  // One run at a time; kicks during a run ask for one more run after it, not one each.
  let running: Promise<void> | null = null;
  let again = false;
  const run = async (): Promise<void> => {
    do {
      again = false;
      await dispatchOnce().catch((err: unknown) => logger.error({ err }, 'outbox dispatch failed'));
    } while (again);
    running = null;
  };
  let timer: NodeJS.Timeout | null = null;
  return {
    dispatchOnce,
    /** Sends soon: called after a change, so a notice leaves within the contract's 2 seconds. */
    kick(): Promise<void> {
      if (running) again = true;
      else running = run();
      return running;
    },
    /** Also looks every `everyMs` for retries that have come due. */
    start(everyMs = 1000) {
      timer ??= setInterval(() => void this.kick(), everyMs);
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}

export type OutboxDispatcher = ReturnType<typeof createOutboxDispatcher>;
