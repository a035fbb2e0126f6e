import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Slack Web API (or to a response_url), arguments decoded. */
export interface SlackCall {
  method: string;
  args: Record<string, any>;
}

type Failure = { status: 429; retryAfter: number } | { status: 500 };

/**
 * A loopback fake of the Slack Web API. It records every call (form or JSON
 * bodies, nested JSON such as `blocks` decoded), answers like Slack for the
 * methods the bot uses, hosts response_urls under /respond/, and can answer
 * 429 (with Retry-After) or 500 on demand.
 */
export class FakeSlackApi {
  readonly calls: SlackCall[] = [];
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
        res.writeHead(failure.status, failure.status === 429 ? { 'retry-after': String(failure.retryAfter) } : {});
        res.end(failure.status === 429 ? '{"ok":false,"error":"ratelimited"}' : 'server error');
        return;
      }
      this.calls.push({ method, args });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(this.answer(method, args)));
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
