import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkCard, type FeishuRefusal } from './feishu-card-rules.ts';

export interface FeishuCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: any;
  /** The message_id the fake answered a send with. */
  messageId?: string;
}

/** `reset`: the connection is cut before any answer, as a proxy or a network fault does; `hang`: no answer ever comes. */
type Failure = { status: 429; resetSeconds: number } | { status: 200; code: number } | { status: 500 } | { status: 'reset' } | { status: 'hang' };

/** A card the fake refused, as Feishu would have: where it was sent or returned, Feishu's code and why. */
export interface FeishuRefused extends FeishuRefusal {
  where: string;
  card: unknown;
}

/**
 * A loopback fake of the Feishu Open API: the tenant token, messages create,
 * reply and patch. It records every call (card content decoded) and can
 * answer with rate limits on demand: HTTP 429, or code 99991400 / 230020.
 * It is strict: a card the real Feishu would refuse (test/fakes/feishu-card-rules.ts)
 * is answered with HTTP 400 and Feishu's code, and kept in `refused`.
 */
export class FakeFeishuApi {
  readonly calls: FeishuCall[] = [];
  /** Every card refused; a fixture fails its suite on close when this is not empty. */
  readonly refused: FeishuRefused[] = [];
  private readonly failures: Failure[] = [];
  /** When set, message sends beyond this many in any second are refused with 429, as Feishu does. */
  enforcePerSecond: number | null = null;
  /** When set, also beyond this many in any minute (Feishu: 1,000 a minute per app). */
  enforcePerMinute: number | null = null;
  private readonly sendTimes: number[] = [];
  private readonly minuteSendTimes: number[] = [];
  rateLimited = 0;
  /** Creates whose uuid repeated one already sent: Feishu drops them, and so does this fake. */
  repeatsDropped = 0;
  private readonly sentByUuid = new Map<string, string>();
  /** Every message id this fake gave out: only those can be updated. */
  private readonly sentIds = new Set<string>();
  /** Files uploaded with im/v1/files, by file_key: what a file message may name. */
  readonly uploads = new Map<string, { fileType: string; fileName: string; bytes: Uint8Array }>();
  /** Files people sent the bot, by message_id and file_key: what a resource download may fetch. */
  private readonly resources = new Map<string, { name: string; bytes: Uint8Array }>();
  /** The tenant's users by e-mail and by mobile (as Feishu takes it: 13812345678, +4915123456789), for batch_get_id. */
  readonly usersByEmail = new Map<string, string>();
  readonly usersByMobile = new Map<string, string>();
  /** The app's scopes: batch_get_id needs contact:user.id:readonly, as on Feishu. */
  readonly scopes = new Set(['im:message', 'im:message:send_as_bot', 'contact:user.id:readonly']);
  /** The next batch_get_id calls fail this way (HTTP 500, or a code), in order. */
  readonly batchGetIdFailures: Failure[] = [];
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

  /** Checks a card as Feishu does and records a refusal; also for cards the fake does not receive (card.action.trigger answers). */
  refuse(where: string, card: unknown): FeishuRefusal | null {
    const refusal = checkCard(card);
    if (refusal) this.refused.push({ where, card, ...refusal });
    return refusal;
  }

  /** Fails when Feishu would have refused a card the bot sent; tests that provoke a refusal take it out of `refused` first. */
  assertNothingRefused(): void {
    if (this.refused.length) throw new Error(`Feishu would refuse ${this.refused.length} card(s): ${this.refused.map((r) => `${r.where} ${r.code}: ${r.msg}`).join('; ')}`);
  }

  /** The card updates Feishu took (PATCH /open-apis/im/v1/messages/:message_id), oldest first, with the id each replaced. */
  patches(): (FeishuCall & { messageId: string })[] {
    return this.messages()
      .filter((c) => c.method === 'PATCH')
      .map((c) => ({ ...c, messageId: c.path.split('/').pop() ?? '' }));
  }

  /**
   * A file a person sent in a message, ready to be downloaded once: its
   * message id and file_key, for the im.message.receive_v1 event
   * (message_type `file`, content `{file_key, file_name}`).
   */
  hostIncomingFile(name: string, bytes: Uint8Array): { message_id: string; file_key: string; file_name: string } {
    const messageId = `om_in_${++this.next}`;
    const fileKey = `file_v3_in_${this.next}`;
    this.resources.set(`${messageId}/${fileKey}`, { name, bytes });
    return { message_id: messageId, file_key: fileKey, file_name: name };
  }

  /** The files sent in file messages (msg_type `file`), with what was uploaded under their key. */
  sentFiles(): { receiveId: string; receiveIdType: string; fileName: string; fileType: string; bytes: Uint8Array }[] {
    return this.calls
      .filter((c) => c.method === 'POST' && c.path === '/open-apis/im/v1/messages' && c.body?.msg_type === 'file')
      .map((c) => {
        const upload = this.uploads.get(String(c.body.content.file_key))!;
        return { receiveId: c.body.receive_id, receiveIdType: c.query.receive_id_type ?? '', ...upload };
      });
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
      const raw = await readBody(req);
      const contentType = String(req.headers['content-type'] ?? '');
      const multipart = contentType.startsWith('multipart/form-data') ? parseMultipart(raw, contentType) : null;
      const body = multipart ? null : raw.byteLength ? JSON.parse(raw.toString('utf8')) : null;
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
      const token = req.headers.authorization === 'Bearer t-fake-token';
      if (url.pathname === '/open-apis/im/v1/files' && req.method === 'POST') {
        call.body = multipart && { ...multipart.fields, file: multipart.files.file ? `<${multipart.files.file.bytes.byteLength} bytes>` : undefined };
        this.calls.push(call);
        if (!token) return json(401, { code: 99991663, msg: 'Invalid access token for authorization' });
        const refusal = uploadRefusal(multipart);
        if (refusal) return json(400, { code: 234001, msg: refusal });
        const fileKey = `file_v3_up_${++this.next}`;
        this.uploads.set(fileKey, { fileType: multipart!.fields.file_type!, fileName: multipart!.fields.file_name!, bytes: multipart!.files.file!.bytes });
        return json(200, { code: 0, msg: 'success', data: { file_key: fileKey } });
      }
      const resource = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/resources\/([^/]+)$/u.exec(url.pathname);
      if (resource && req.method === 'GET') {
        this.calls.push(call);
        if (!token) return json(401, { code: 99991663, msg: 'Invalid access token for authorization' });
        const type = url.searchParams.get('type');
        if (type !== 'file' && type !== 'image') return json(400, { code: 234001, msg: 'Invalid request param: type' });
        const hosted = this.resources.get(`${resource[1]}/${resource[2]}`);
        // A key that is not in that message (or a message the bot is not in) is refused: Feishu answers 234003.
        if (!hosted) return json(400, { code: 234003, msg: 'File not in msg.' });
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(hosted.bytes.byteLength) });
        return void res.end(Buffer.from(hosted.bytes));
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
        if (this.enforcePerMinute !== null) {
          const now = Date.now();
          while (this.minuteSendTimes.length && this.minuteSendTimes[0]! <= now - 60_000) this.minuteSendTimes.shift();
          if (this.minuteSendTimes.length >= this.enforcePerMinute) {
            this.rateLimited++;
            return json(429, { code: 99991400, msg: 'request trigger frequency limit' }, { 'x-ogw-ratelimit-reset': '1' });
          }
          this.minuteSendTimes.push(now);
        }
        const failure = this.failures.shift();
        if (failure) {
          this.calls.push({ ...call, method: `${call.method}!` });
          if (failure.status === 'reset') return void req.socket.destroy();
          if (failure.status === 'hang') return;
          if (failure.status === 429) return json(429, { code: 99991400, msg: 'request trigger frequency limit' }, { 'x-ogw-ratelimit-reset': String(failure.resetSeconds) });
          if (failure.status === 500) return json(500, { code: 500, msg: 'internal error' });
          return json(200, { code: failure.code, msg: 'rate limited' });
        }
        // Feishu builds the card before it sends: one it cannot build is HTTP 400 with 230099 (or 230025 when too big).
        const isCard = body?.msg_type === 'interactive' || (req.method === 'PATCH' && call.body?.content !== undefined);
        const refusal = isCard ? this.refuse(`${call.method} ${call.path}`, call.body.content) : null;
        if (refusal) {
          this.calls.push({ ...call, method: `${call.method}!` });
          return json(refusal.status, { code: refusal.code, msg: refusal.msg });
        }
        // Only a message this app sent can be updated; Feishu refuses any other id (here: 230001, invalid message_id).
        if (req.method === 'PATCH' && !this.sentIds.has(url.pathname.split('/').pop() ?? '')) {
          this.calls.push({ ...call, method: `${call.method}!` });
          return json(400, { code: 230001, msg: 'invalid message_id' });
        }
        if (req.method === 'PATCH') {
          this.calls.push(call);
          return json(200, { code: 0, msg: 'success', data: {} });
        }
        // A file message names an uploaded file_key, or Feishu refuses it.
        if (body?.msg_type === 'file' && !this.uploads.has(String(call.body?.content?.file_key))) {
          this.calls.push({ ...call, method: `${call.method}!` });
          return json(400, { code: 230001, msg: 'Your request contains an invalid request parameter: file_key.' });
        }
        // A create repeating the uuid of one that succeeded (within the hour) is dropped, as Feishu does: same message, nothing sent again.
        const uuid = req.method === 'POST' && typeof body?.uuid === 'string' ? body.uuid : null;
        const earlier = uuid ? this.sentByUuid.get(uuid) : undefined;
        if (earlier) {
          this.repeatsDropped++;
          return json(200, { code: 0, msg: 'success', data: { message_id: earlier } });
        }
        const messageId = `om_${++this.next}`;
        this.calls.push({ ...call, messageId });
        if (uuid) this.sentByUuid.set(uuid, messageId);
        this.sentIds.add(messageId);
        return json(200, { code: 0, msg: 'success', data: { message_id: messageId } });
      }
      if (url.pathname === '/open-apis/contact/v3/users/batch_get_id' && req.method === 'POST') {
        this.calls.push(call);
        const failure = this.batchGetIdFailures.shift();
        if (failure) {
          if (failure.status === 'reset') return void req.socket.destroy();
          if (failure.status === 'hang') return;
          if (failure.status === 500) return json(500, { code: 500, msg: 'internal error' });
          if (failure.status === 429) return json(429, { code: 99991400, msg: 'request trigger frequency limit' });
          return json(200, { code: failure.code, msg: 'refused' });
        }
        return this.batchGetId(url, body, json);
      }
      this.calls.push(call);
      json(404, { code: 404, msg: 'not found' });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.address() as AddressInfo).port;
  }

  /**
   * As Feishu answers contact/v3/users/batch_get_id: user_id_type must be
   * open_id here (the bot asks for nothing else), at most 50 emails and 50
   * mobiles, at least one of them; every address asked comes back in
   * user_list, with user_id only for a user the tenant has.
   */
  private batchGetId(url: URL, body: any, json: (status: number, value: unknown) => void): void {
    if (!this.scopes.has('contact:user.id:readonly')) {
      return json(400, { code: 99991672, msg: 'Access denied. One of the following scopes is required: [contact:user.id:readonly]' });
    }
    const emails: unknown = body?.emails ?? [];
    const mobiles: unknown = body?.mobiles ?? [];
    const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
    if (url.searchParams.get('user_id_type') !== 'open_id' || !strings(emails) || !strings(mobiles) || emails.length > 50 || mobiles.length > 50 || emails.length + mobiles.length === 0) {
      return json(400, { code: 99992402, msg: 'field validation failed' });
    }
    const user_list = [
      ...emails.map((email) => ({ email, ...(this.usersByEmail.has(email) && { user_id: this.usersByEmail.get(email) }), status: { is_frozen: false, is_resigned: false, is_activated: true, is_exited: false, is_unjoin: false } })),
      ...mobiles.map((mobile) => ({ mobile, ...(this.usersByMobile.has(mobile) && { user_id: this.usersByMobile.get(mobile) }) })),
    ];
    json(200, { code: 0, msg: 'success', data: { user_list } });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** What im/v1/files states: file_type one of its kinds, file_name, a file that is not empty and at most 30 MB. */
export const FEISHU_MAX_UPLOAD_BYTES = 30 * 1024 * 1024;
const FILE_TYPES = new Set(['opus', 'mp4', 'pdf', 'doc', 'xls', 'ppt', 'stream']);

function uploadRefusal(form: Multipart | null): string | null {
  if (!form) return 'Invalid request param: not multipart/form-data';
  if (!form.fields.file_type || !FILE_TYPES.has(form.fields.file_type)) return 'Invalid request param: file_type';
  if (!form.fields.file_name) return 'Invalid request param: file_name';
  const file = form.files.file;
  if (!file || file.bytes.byteLength === 0) return 'Invalid request param: file is empty';
  if (file.bytes.byteLength > FEISHU_MAX_UPLOAD_BYTES) return 'file size exceed the max value';
  return null;
}

interface Multipart {
  fields: Record<string, string>;
  /** Parts that carried bytes (any part named `file`, with or without a filename). */
  files: Record<string, { filename: string | null; bytes: Uint8Array }>;
}

/** A small multipart/form-data reader that keeps a file's bytes as they came (undici's would decode a part without a filename as text). */
function parseMultipart(raw: Buffer, contentType: string): Multipart | null {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/u.exec(contentType);
  const mark = boundary?.[1] ?? boundary?.[2];
  if (!mark) return null;
  const delimiter = Buffer.from(`--${mark}`);
  const form: Multipart = { fields: {}, files: {} };
  let at = raw.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (raw.subarray(start, start + 2).toString() === '--') break;
    const next = raw.indexOf(delimiter, start);
    if (next < 0) return null;
    const part = raw.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    const content = part.subarray(split + 4);
    const name = /name="([^"]*)"/u.exec(head)?.[1];
    const filename = /filename="([^"]*)"/u.exec(head)?.[1] ?? null;
    if (name === 'file') form.files[name] = { filename, bytes: new Uint8Array(content) };
    else if (name) form.fields[name] = content.toString('utf8');
    at = next;
  }
  return form;
}
