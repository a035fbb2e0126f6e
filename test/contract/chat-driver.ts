import { pino } from 'pino';
import { createOutboxDispatcher, type Deliverer } from '../../src/jobs/outbox-dispatcher.ts';
import type { BotFixture } from '../support/bot-fixture.ts';
import { outboxQueue } from '../../src/store/outbox-queue.ts';

/**
 * One adapter as a person uses it. The contract suite runs the same
 * scenarios through every driver: the console, Slack and Feishu.
 * Every method answers with the text the person reads.
 */
export interface ChatDriver {
  name: string;
  fixture: BotFixture;
  /** A person types a command. */
  send(personId: string, text: string): Promise<string>;
  /** A person types a command, then presses the button of the reply labelled `label`. */
  sendAndPress(personId: string, text: string, label: string): Promise<string>;
  /** A person opens the form of a bare command (`/lead`) and submits these values. */
  submitForm(personId: string, command: string, values: Record<string, string>): Promise<string>;
  /** Waits for the bot to send a message of its own to this person; its text. */
  delivered(personId: string): Promise<string>;
  close(): Promise<void>;
}

export type DriverFactory = () => Promise<ChatDriver>;

/** Runs the outbox after every command, as the bot does, through this platform's deliverer. */
export function wireOutbox(fixture: BotFixture, deliverer: Deliverer) {
  const dispatcher = createOutboxDispatcher({
    queue: outboxQueue(fixture.database.db),
    deliverers: [deliverer],
    clock: fixture.clock,
    logger: pino({ level: 'silent' }),
    defaultLocale: 'zh-CN',
  });
  fixture.deps.afterChange = () => void dispatcher.kick();
  return dispatcher;
}

export async function waitFor<T>(find: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
