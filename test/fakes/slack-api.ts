import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkMessage, checkView, type SlackRefusal } from './slack-rules.ts';

/** One call the bot made to the Slack Web API (or to a response_url), arguments decoded. */
export interface SlackCall {
  method: string;
  args: Record<string, any>;
}

/** `reset`: the connection is cut before any answer, as a proxy or a network fault does; `hang`: no answer ever comes. */
type Failure = { status: 429; retryAfter: number } | { status: 500 } | { status: 'reset' } | { status: 'hang' };

/** A payload the fake refused, as Slack would have: which call, Slack's error, and why. */
export interface SlackRefused extends SlackRefusal {
  method: string;
  args: Record<string, any>;
}

// 'ack' is a slash command's inline answer, which Slack checks like a message.
const MESSAGE_METHODS = new Set(['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'response_url', 'ack']);
const VIEW_METHODS = new Set(['views.open', 'views.update', 'views.publish']);

/** Slack's verdict on one call: a message body or a view checked against Block Kit's limits. */
export function refusalOf(method: string, args: Record<string, any>): SlackRefusal | null {
  if (MESSAGE_METHODS.has(method)) return checkMessage(args);
  if (VIEW_METHODS.has(method)) return checkView(args.view, method);
  return null;
}

/**
 * A loopback fake of the Slack Web API. It records every call (form or JSON
 * bodies, nested JSON such as `blocks` decoded), answers like Slack for the
 * methods the bot uses, hosts response_urls under /respond/, and can answer
 * 429 (with Retry-After) or 500 on demand. It is strict: a message or view
 * the real Slack would refuse (test/fakes/slack-rules.ts) is answered
 * `{ok: false, error}` as Slack answers it, and kept in `refused`.
 */
export class FakeSlackApi {
  readonly calls: SlackCall[] = [];
  /** Every payload refused; a fixture fails its suite on close when this is not empty. */
  readonly refused: SlackRefused[] = [];
  private readonly failures = new Map<string, Failure[]>();
  private server: Server | null = null;
  private ts = 1_700_000_000;
  port = 0;

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/respond/${id}`;
  }

  /** The next `count` calls of `method` fail this way. */
  failNext(method: string, failure: Failure, count = 1): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...Array<Failure>(count).fill(failure)]);
  }

  /** Records a refusal of something the fake did not receive itself (a slash command's inline answer). */
  refuse(method: string, args: Record<string, any>): SlackRefusal | null {
    const refusal = refusalOf(method, args);
    if (refusal) this.refused.push({ method, args, ...refusal });
    return refusal;
  }

  /** Fails when Slack would have refused anything the bot sent; tests that provoke a refusal take it out of `refused` first. */
  assertNothingRefused(): void {
    if (this.refused.length) {
      throw new Error(`Slack would refuse ${this.refused.length} payload(s): ${this.refused.map((r) => `${r.method} ${r.error}: ${r.why}`).join('; ')}`);
    }
  }

  callsOf(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Waits until `method` has been called `count` times (work may continue after an ack). */
  async waitFor(method: string, count = 1, timeoutMs = 5000): Promise<SlackCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.callsOf(method).length < count) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${count}× ${method}; calls: ${this.calls.map((c) => c.method).join(', ')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.callsOf(method);
  }

  async start(): Promise<void> {
    this.server = createServer(async (req, res) => {
      const url = req.url ?? '/';
      const method = url.startsWith('/respond/') ? 'response_url' : url.replace(/^\/api\//, '').split('?')[0]!;
      const args = decode(req, await readBody(req));
      const failure = this.failures.get(method)?.shift();
      if (failure) {
        this.calls.push({ method: `${method}!${failure.status}`, args });
        if (failure.status === 'reset') return void req.socket.destroy();
        if (failure.status === 'hang') return;
        res.writeHead(failure.status, failure.status === 429 ? { 'retry-after': String(failure.retryAfter) } : {});
        res.end(failure.status === 429 ? '{"ok":false,"error":"ratelimited"}' : 'server error');
        return;
      }
      this.calls.push({ method, args });
      res.writeHead(200, { 'content-type': 'application/json' });
      // Slack answers a refused payload with HTTP 200 and ok: false.
      const refusal = this.refuse(method, args);
      res.end(JSON.stringify(refusal ? { ok: false, error: refusal.error, response_metadata: { messages: [`[ERROR] ${refusal.why}`] } } : this.answer(method, args)));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private answer(method: string, args: Record<string, any>): Record<string, unknown> {
    switch (method) {
      case 'conversations.open':
        return { ok: true, channel: { id: `D_${args.users}` } };
      case 'chat.postMessage':
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: `${++this.ts}.000100` };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${++this.ts}.000200` };
      case 'views.open':
      case 'views.publish':
      case 'views.update':
        return { ok: true, view: { id: `V${++this.ts}`, ...args.view } };
      case 'auth.test':
        return { ok: true, user_id: 'U_POLICY_BOT', bot_id: 'B_POLICY_BOT', team_id: 'T_TEST' };
      default:
        return { ok: true };
    }
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Slack's clients send form-encoded bodies with nested objects as JSON strings, or JSON. */
function decode(req: IncomingMessage, body: string): Record<string, any> {
  if (!body) return {};
  if ((req.headers['content-type'] ?? '').includes('application/json')) return JSON.parse(body);
  const args: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}
