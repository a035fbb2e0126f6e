import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FeishuCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: any;
}

type Failure = { status: 429; resetSeconds: number } | { status: 200; code: number } | { status: 500 };

/**
 * A loopback fake of the Feishu Open API: the tenant token, messages create,
 * reply and patch. It records every call (card content decoded) and can
 * answer with rate limits on demand: HTTP 429, or code 99991400 / 230020.
 */
export class FakeFeishuApi {
  readonly calls: FeishuCall[] = [];
  private readonly failures: Failure[] = [];
  /** When set, message sends beyond this many in any second are refused with 429, as Feishu does. */
  enforcePerSecond: number | null = null;
  private readonly sendTimes: number[] = [];
  rateLimited = 0;
  private server: Server | null = null;
  private next = 0;
  port = 0;

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The next message sends fail this way, in order. */
  failNextSends(...failures: Failure[]): void {
    this.failures.push(...failures);
  }

  messages(): FeishuCall[] {
    return this.calls.filter((c) => c.path.startsWith('/open-apis/im/v1/messages'));
  }

  async waitForMessages(count: number, timeoutMs = 5000): Promise<FeishuCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages().filter((c) => !c.method.endsWith('!')).length < count) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} messages; calls: ${this.calls.map((c) => `${c.method} ${c.path}`).join(', ')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.messages().filter((c) => !c.method.endsWith('!'));
  }

  async start(): Promise<void> {
    this.server = createServer(async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const body = await readJson(req);
      const call: FeishuCall = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), body };
      if (typeof body?.content === 'string') call.body = { ...body, content: JSON.parse(body.content) };
      const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(value));
      };
      if (url.pathname === '/open-apis/auth/v3/tenant_access_token/internal') {
        this.calls.push(call);
        return json(200, { code: 0, msg: 'ok', tenant_access_token: 't-fake-token', expire: 7200 });
      }
      if (url.pathname.startsWith('/open-apis/im/v1/messages')) {
        if (this.enforcePerSecond !== null) {
          const now = Date.now();
          while (this.sendTimes.length && this.sendTimes[0]! <= now - 1000) this.sendTimes.shift();
          if (this.sendTimes.length >= this.enforcePerSecond) {
            this.rateLimited++;
            return json(429, { code: 99991400, msg: 'request trigger frequency limit' }, { 'x-ogw-ratelimit-reset': '1' });
          }
          this.sendTimes.push(now);
        }
        const failure = this.failures.shift();
        if (failure) {
          this.calls.push({ ...call, method: `${call.method}!` });
          if (failure.status === 429) return json(429, { code: 99991400, msg: 'request trigger frequency limit' }, { 'x-ogw-ratelimit-reset': String(failure.resetSeconds) });
          if (failure.status === 500) return json(500, { code: 500, msg: 'internal error' });
          return json(200, { code: failure.code, msg: 'rate limited' });
        }
        this.calls.push(call);
        return json(200, { code: 0, msg: 'success', data: { message_id: `om_${++this.next}` } });
      }
      this.calls.push(call);
      json(404, { code: 404, msg: 'not found' });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

async function readJson(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : null;
}
