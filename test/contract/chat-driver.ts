import { pino } from 'pino';
import { createOutboxDispatcher, type Deliverer, type OutboxDispatcher } from '../../src/jobs/outbox-dispatcher.ts';
import type { BotFixture } from '../support/bot-fixture.ts';
import { backToCheckpoint, checkpoint } from '../support/reset-database.ts';
import { viewText } from '../support/view-text.ts';
import { JOBS } from '../../src/jobs/registry.ts';
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
  /** A person opens their first screen (Slack's Home tab, the Feishu menu's Home), where the platform has one; its text. */
  home?(personId: string): Promise<string>;
  /** A person opens the form of a bare command (`/lead`) and submits these values. */
  submitForm(personId: string, command: string, values: Record<string, string>): Promise<string>;
  /**
   * The chart titled `title` shown with the reply to this person's last command, as their platform shows it.
   * Waits for a picture sent after the reply; fails, naming the charts there were, when there is none.
   */
  chart(personId: string, title: string): Promise<ChartSeen>;
  /**
   * Waits for a message the bot sends of its own to this person, after the last command typed here,
   * that says `saying`; its text. Fails, naming what it waited for and what the person got instead,
   * when none comes: a notice that is never sent must not pass for an older one.
   */
  delivered(personId: string, saying: string): Promise<string>;
  /**
   * Sets a scene before a scenario: the command goes straight to the bot, not through this adapter,
   * and must answer with `expecting`, else it fails; its notices are sent before it returns.
   */
  arrange(personId: string, text: string, expecting: string): Promise<string>;
  /** A job of the schedule runs at `at`, as the bot's scheduler runs it; its notices go out through this adapter. */
  runJob(name: string, at: string): Promise<void>;
  /** A database holding the org and nothing else, as on the first day: each scenario starts from it. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export type DriverFactory = () => Promise<ChatDriver>;

/** A chart as a person meets it. */
export interface ChartSeen {
  title: string;
  /** The figures as the person reads them: the console's lines, Slack's text beside the picture, the Feishu chart's data. */
  figures: string;
  /** The picture, where the platform is sent one (Slack); null where it draws the chart itself (Feishu) or shows text (console). */
  png: Buffer | null;
}

/** A message the bot sent of its own accord, as the person it went to reads it. */
export interface Delivery {
  to: string;
  text: string;
}

/** What a platform's driver does itself; `chatDriver` adds what every platform shares. */
export interface PlatformDriver extends Omit<ChatDriver, 'delivered' | 'arrange' | 'runJob' | 'reset'> {
  /** Every message the bot has sent of its own to anyone on this platform, oldest first. */
  deliveries(): Delivery[];
}

/** Runs the outbox after every command, as the bot does, through this platform's deliverer. */
export function wireOutbox(fixture: BotFixture, deliverer: Deliverer): OutboxDispatcher {
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

/**
 * A platform's driver with what every platform shares: each command marks where its
 * notices start, `delivered` looks only after that mark, and scenes are set through the bot.
 */
export async function chatDriver(platform: PlatformDriver, dispatcher: OutboxDispatcher): Promise<ChatDriver> {
  const { fixture } = platform;
  // The first day: the org and nothing else, which `reset` brings back.
  await checkpoint(fixture.database.db);
  const startedAt = fixture.clock.now().toISOString();
  let mark = 0;
  let lastCommand = '(no command yet)';
  const marking =
    <A extends [string, string, ...unknown[]]>(act: (...args: A) => Promise<string>) =>
    (...args: A): Promise<string> => {
      mark = platform.deliveries().length;
      lastCommand = `${args[0]}: ${args[1]}`;
      return act(...args);
    };
  return {
    name: platform.name,
    fixture,
    send: marking(platform.send),
    sendAndPress: marking(platform.sendAndPress),
    submitForm: marking(platform.submitForm),
    ...(platform.home && { home: platform.home }),
    chart: (personId, title) => platform.chart(personId, title),
    async delivered(personId, saying) {
      const since = mark;
      const toThem = () => platform.deliveries().slice(since).filter((m) => m.to === personId);
      const found = await waitFor(() => toThem().findLast((m) => m.text.includes(saying)), `a message to ${personId} saying "${saying}" after "${lastCommand}"`, {
        got: () => {
          const got = toThem().map((m) => m.text);
          return got.length ? `${personId} got ${got.length} message(s) since: ${JSON.stringify(got)}` : `${personId} got nothing since`;
        },
      });
      return found.text;
    },
    async arrange(personId, text, expecting) {
      const answer = viewText(await fixture.bot.handleText(fixture.as(personId), text));
      if (!answer.includes(expecting)) throw new Error(`setting the scene: ${personId} typed "${text}" and got, instead of "${expecting}": ${answer}`);
      await dispatcher.kick();
      return answer;
    },
    async runJob(name, at) {
      const job = JOBS[name];
      if (!job) throw new Error(`no job ${name}; the jobs: ${Object.keys(JOBS).join(', ')}`);
      mark = platform.deliveries().length;
      lastCommand = `the ${name} job at ${at}`;
      await job.run(fixture.deps, new Date(at));
      // The scheduler's dispatcher looks every second; here it is told at once.
      void dispatcher.kick();
    },
    async reset() {
      // What the outbox is still sending belongs to the scene before.
      await dispatcher.kick();
      await backToCheckpoint(fixture.database.db);
      fixture.clock.set(startedAt);
      mark = platform.deliveries().length;
      lastCommand = '(no command since the reset)';
    },
    close: () => platform.close(),
  };
}

/**
 * Polls every 10 ms until `find` finds something, and fails after `timeoutMs`,
 * naming what it waited for and, where `got` tells it, what came instead.
 */
export async function waitFor<T>(find: () => T | undefined, what: string, options: { timeoutMs?: number; got?: () => string } = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${options.got ? `; ${options.got()}` : ''}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
