import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { checkMessage, checkOptionsAnswer, checkTrigger, checkView, type SlackAppConfig, type SlackRefusal } from './slack-rules.ts';

/** The app as adapters/slack/manifest.yml configures it: what Slack knows beyond each payload. */
export function manifestApp(): SlackAppConfig {
  const manifest = parse(readFileSync(new URL('../../adapters/slack/manifest.yml', import.meta.url), 'utf8'));
  return { optionsLoadUrl: manifest?.settings?.interactivity?.message_menu_options_url ?? null };
}

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
export function refusalOf(method: string, args: Record<string, any>, app?: SlackAppConfig): SlackRefusal | null {
  if (MESSAGE_METHODS.has(method)) return checkMessage(args);
  if (VIEW_METHODS.has(method)) return checkView(args.view, method, app);
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
  /** Files people uploaded, served at their url_private_download to a bearer of the bot token only. */
  private readonly hosted = new Map<string, { name: string; bytes: Buffer }>();
  /** Uploads the bot started (files.getUploadURLExternal): the length it announced, and the bytes once posted. */
  readonly uploads = new Map<string, { filename: string; length: number; bytes: Buffer | null; completed: boolean }>();
  /** The trigger_ids views.open has taken: each opens one modal. */
  private readonly usedTriggers = new Set<string>();
  /** How the app is configured (its Options Load URL): from the manifest unless a test says otherwise. */
  app: SlackAppConfig = manifestApp();
  /** The workspace's members by e-mail, for users.lookupByEmail (deleted: a deactivated account). */
  readonly members = new Map<string, { id: string; deleted?: boolean }>();
  /** The bot token's scopes: users.lookupByEmail needs users:read.email, as on Slack. */
  readonly scopes = new Set(['chat:write', 'commands', 'im:write', 'files:read', 'files:write', 'users:read', 'users:read.email']);
  /** The bot token the file downloads must carry, as Slack checks it. */
  botToken = 'xoxb-test';
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
    const refusal = refusalOf(method, args, this.app);
    if (refusal) this.refused.push({ method, args, ...refusal });
    return refusal;
  }

  /** Records a refusal of an options load answer (block_suggestion), which Slack would not show. */
  refuseOptions(answer: Record<string, any>): void {
    const why = checkOptionsAnswer(answer);
    if (why) this.refused.push({ method: 'options', args: answer, error: 'invalid_arguments', why });
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

  /**
   * A file a person uploaded, as a message event's `files[]` describes it:
   * the download URL answers the bytes only with `Authorization: Bearer
   * <bot token>` (files:read); without it Slack answers its sign-in page, HTML
   * with status 200, which is what a client that forgot the header gets.
   */
  hostFile(name: string, bytes: Uint8Array, mimetype = 'text/csv'): Record<string, unknown> {
    const id = `F${++this.ts}`;
    this.hosted.set(id, { name, bytes: Buffer.from(bytes) });
    const url = `http://127.0.0.1:${this.port}/files-pri/T_TEST-${id}/download/${encodeURIComponent(name)}`;
    return { id, name, title: name, mimetype, filetype: name.split('.').pop(), size: bytes.byteLength, url_private: url, url_private_download: url, mode: 'hosted' };
  }

  /** The files the bot finished uploading (files.completeUploadExternal), with their bytes and where they were shared. */
  completedUploads(): { filename: string; title: string | undefined; text: string; bytes: Buffer; channel: string | undefined }[] {
    return this.callsOf('files.completeUploadExternal').flatMap((c) =>
      (c.args.files as { id: string; title?: string }[]).map((f) => {
        const upload = this.uploads.get(f.id);
        const bytes = upload?.bytes ?? Buffer.alloc(0);
        return { filename: upload?.filename ?? '', title: f.title, text: bytes.toString('utf8'), bytes, channel: c.args.channel_id as string | undefined };
      }),
    );
  }

  async start(): Promise<void> {
    this.server = createServer(async (req, res) => {
      const url = req.url ?? '/';
      if (url.startsWith('/files-pri/')) return this.download(req, res, url);
      if (url.startsWith('/upload/')) return this.receiveUpload(req, res, url);
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
      const refusal = this.triggerRefusal(method, args) ?? this.refuse(method, args);
      res.end(JSON.stringify(refusal ? { ok: false, error: refusal.error, response_metadata: { messages: [`[ERROR] ${refusal.why}`] } } : this.answer(method, args)));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** views.open needs a trigger_id Slack issued, under 3 s old and not used before; a refusal is kept in `refused`. */
  private triggerRefusal(method: string, args: Record<string, any>): SlackRefusal | null {
    if (method !== 'views.open') return null;
    const id = args.trigger_id;
    const refusal =
      checkTrigger(id, Date.now()) ??
      (this.usedTriggers.has(id) ? { error: 'exchanged_trigger_id' as const, why: 'trigger_id was already used to open a view' } : null);
    if (refusal) this.refused.push({ method, args, ...refusal });
    else this.usedTriggers.add(id);
    return refusal;
  }

  private download(req: IncomingMessage, res: import('node:http').ServerResponse, url: string): void {
    const id = /^\/files-pri\/T_TEST-(F\d+)\//.exec(url)?.[1] ?? '';
    const file = this.hosted.get(id);
    this.calls.push({ method: 'file.download', args: { id, authorization: req.headers.authorization ?? null } });
    if (!file) return void res.writeHead(404).end('file not found');
    if (req.headers.authorization !== `Bearer ${this.botToken}`) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end('<!DOCTYPE html><html><head><title>Slack</title></head><body>Sign in to Slack</body></html>');
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.bytes.byteLength) });
    res.end(file.bytes);
  }

  /** The upload URL takes the bytes (raw or multipart); Slack answers 200 "OK - <length>". */
  private async receiveUpload(req: IncomingMessage, res: import('node:http').ServerResponse, url: string): Promise<void> {
    const id = url.slice('/upload/'.length).split('?')[0] ?? '';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const upload = this.uploads.get(id);
    this.calls.push({ method: 'file.upload', args: { id } });
    if (!upload) return void res.writeHead(404).end('unknown upload');
    const body = Buffer.concat(chunks);
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(req.headers['content-type'] ?? '');
    upload.bytes = boundary ? firstPart(body, boundary[1] ?? boundary[2] ?? '') : body;
    if (!upload.bytes) return void res.writeHead(400).end('malformed multipart body');
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`OK - ${upload.bytes.byteLength}`);
  }

  /**
   * files.getUploadURLExternal: filename and length are required ("Size in
   * bytes of the file being uploaded"); files.completeUploadExternal: a
   * `files` array of {id, title?} for uploads whose bytes arrived, in the
   * announced length. What breaks these is answered as Slack answers it.
   */
  private fileRefusal(method: string, args: Record<string, any>): string | null {
    if (method === 'files.getUploadURLExternal') {
      const length = Number(args.length);
      if (!args.filename || !Number.isInteger(length) || length <= 0) return 'invalid_arguments';
      return null;
    }
    if (method === 'files.completeUploadExternal') {
      const files = args.files;
      if (!Array.isArray(files) || files.length === 0) return 'invalid_arguments';
      for (const f of files) {
        const upload = typeof f?.id === 'string' ? this.uploads.get(f.id) : undefined;
        if (!upload || !upload.bytes || upload.completed) return 'file_not_found';
        if (upload.bytes.byteLength !== upload.length) return 'file_upload_size_mismatch';
      }
      if (args.channel_id !== undefined && !/^[CDG][A-Z0-9_]+$/.test(String(args.channel_id))) return 'invalid_channel';
      return null;
    }
    return null;
  }

  private answer(method: string, args: Record<string, any>): Record<string, unknown> {
    const fileError = this.fileRefusal(method, args);
    if (fileError) {
      this.refused.push({ method, args, error: fileError as SlackRefused['error'], why: `${method} refused: ${fileError}` });
      return { ok: false, error: fileError };
    }
    switch (method) {
      case 'files.getUploadURLExternal': {
        const id = `F_UP${++this.ts}`;
        this.uploads.set(id, { filename: String(args.filename), length: Number(args.length), bytes: null, completed: false });
        return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal':
        for (const f of args.files as { id: string; title?: string }[]) (this.uploads.get(f.id) as { completed: boolean }).completed = true;
        return { ok: true, files: (args.files as { id: string; title?: string }[]).map((f) => ({ id: f.id, title: f.title ?? this.uploads.get(f.id)?.filename })) };
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
      case 'users.lookupByEmail': {
        // Slack's answers: missing_scope without users:read.email, invalid_arguments without an email, users_not_found for nobody.
        if (!this.scopes.has('users:read.email')) return { ok: false, error: 'missing_scope', needed: 'users:read.email', provided: [...this.scopes].join(',') };
        if (typeof args.email !== 'string' || args.email === '') return { ok: false, error: 'invalid_arguments' };
        const member = this.members.get(args.email.toLowerCase());
        if (!member) return { ok: false, error: 'users_not_found' };
        return { ok: true, user: { id: member.id, team_id: 'T_TEST', deleted: member.deleted ?? false, profile: { email: args.email.toLowerCase() } } };
      }
      case 'auth.test':
        return { ok: true, user_id: 'U_POLICY_BOT', bot_id: 'B_POLICY_BOT', team_id: 'T_TEST' };
      default:
        return { ok: true };
    }
  }
}

/** The bytes of the first part of a multipart/form-data body, or null when it is not one. */
function firstPart(body: Buffer, boundary: string): Buffer | null {
  const delimiter = Buffer.from(`--${boundary}`);
  const start = body.indexOf(delimiter);
  if (start < 0) return null;
  const headersEnd = body.indexOf('\r\n\r\n', start);
  const end = body.indexOf(Buffer.from(`\r\n--${boundary}`), headersEnd);
  if (headersEnd < 0 || end < 0) return null;
  return body.subarray(headersEnd + 4, end);
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
