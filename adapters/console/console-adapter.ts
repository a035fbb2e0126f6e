import { ConfigError, type Adapter, type AdapterContext } from '../../src/bot/face.ts';
import { runConsoleChat } from './console-chat.ts';
import { consoleDeliverer } from './console-deliverer.ts';

/** `identify` takes a person's id of the directory: at the terminal one is whoever one says. */
export interface ConsoleAdapterOptions extends AdapterContext {
  /** The directory's ids, in its order: `/as` suggests them, and the chat starts as the first unless `--as <id>` names another. */
  knownIds: string[];
  /** The command line of `npm start`, for `--as <id>`. */
  argv: string[];
  /** Where the directory comes from, named when `--as` names nobody in it. */
  orgFile: string;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Awaited after each line: what the line queued for others is printed before the next prompt. */
  afterEachLine?: () => Promise<void>;
}

/**
 * The terminal chat as an adapter among the others: everyone is at the one
 * terminal, so the outbox prints there too, and the end of the input (or
 * /quit) is the end of the bot.
 */
export function createConsoleAdapter(opts: ConsoleAdapterOptions): Adapter {
  const asIndex = opts.argv.indexOf('--as');
  const startAs = (asIndex >= 0 ? opts.argv[asIndex + 1] : undefined) ?? opts.knownIds[0] ?? '';
  const stopping = new AbortController();
  let chat: Promise<void> | undefined;
  let end!: { resolve(): void; reject(error: unknown): void };
  const ended = new Promise<void>((resolve, reject) => (end = { resolve, reject }));
  return {
    routes: {},
    deliverer: consoleDeliverer(opts.output, opts.bot.localeOf(null)),
    worksWithoutHttp: true,
    ended,
    async start() {
      if (!(await opts.identify(startAs))) throw new ConfigError(`--as: no person "${startAs}" in ${opts.orgFile}`);
      chat = runConsoleChat({
        bot: opts.bot,
        findPerson: opts.identify,
        knownIds: opts.knownIds,
        startAs,
        input: opts.input,
        output: opts.output,
        afterEachLine: opts.afterEachLine,
        signal: stopping.signal,
      });
      chat.then(end.resolve, end.reject);
    },
    async stop() {
      stopping.abort();
      // The line being answered is answered; a chat that failed has said so through `ended`.
      await chat?.catch(() => undefined);
    },
  };
}
