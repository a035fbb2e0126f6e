import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type EventDispatcher, generateChallenge } from '@larksuiteoapi/node-sdk';

/** Event bodies are small; a large one is refused before it is parsed. */
const BODY_LIMIT = 100 * 1024;

/**
 * `POST /feishu/events` in webhook mode. Feishu signs the raw body:
 * x-lark-signature = sha256(timestamp + nonce + encryptKey + body). The SDK
 * checks a re-serialised body and answers 200 to a forgery; here a bad
 * signature gets 401 and reaches no handler. The URL check (challenge) is
 * answered through the SDK, which decrypts it.
 */
export function feishuWebhook(dispatcher: EventDispatcher, encryptKey: string, verificationToken: string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readBody(req);
    if (raw === null) return void res.writeHead(413).end();
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return void res.writeHead(400).end();
    }
    const { isChallenge, challenge } = generateChallenge(data, { encryptKey });
    if (isChallenge) {
      if ((challengeToken(dispatcher, data) ?? verificationToken) !== verificationToken) return void res.writeHead(401).end();
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(challenge));
    }
    if (!signatureMatches(req, raw, encryptKey) || !fresh(req)) return void res.writeHead(401).end();
    const request = Object.assign(Object.create({ headers: req.headers }), data);
    const answer = await dispatcher.invoke(request, { needCheck: false });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(typeof answer === 'object' && answer ? answer : {}));
  };
}

/**
 * A signed request replayed long after is refused: event receipts are kept a
 * day, so anything older than half of that could otherwise act again.
 */
const MAX_AGE_SECONDS = 12 * 3600;
function fresh(req: IncomingMessage, nowSeconds = Date.now() / 1000): boolean {
  const timestamp = Number(req.headers['x-lark-request-timestamp']);
  return Number.isFinite(timestamp) && Math.abs(nowSeconds - timestamp) <= MAX_AGE_SECONDS;
}

function signatureMatches(req: IncomingMessage, raw: string, encryptKey: string): boolean {
  const header = (name: string) => String(req.headers[name] ?? '');
  const expected = createHash('sha256')
    .update(header('x-lark-request-timestamp') + header('x-lark-request-nonce') + encryptKey + raw)
    .digest('hex');
  const given = header('x-lark-signature');
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

/** The token inside a decrypted URL check, to refuse a check for another app. */
function challengeToken(dispatcher: EventDispatcher, data: Record<string, unknown>): string | undefined {
  const parsed = dispatcher.requestHandle?.parse(data) as { token?: string } | undefined;
  return parsed?.token;
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
