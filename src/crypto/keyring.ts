import { createHash, hkdfSync } from 'node:crypto';

/** Raw data keys are exactly this long (AES-256). */
export const DATA_KEY_BYTES = 32;

const KEY_ID_LABEL = 'policy-bot/data-key-id/v1\0';
const HKDF_SALT = Buffer.from('policy-bot/data-key/v1', 'utf8');
const INFO_FIELD_ENCRYPTION = 'policy-bot/field-encryption/aes-256-gcm/v1';
const INFO_BLIND_INDEX = 'policy-bot/blind-index/hmac-sha256/v1';

/** Sub-keys derived from one raw data key. The raw key itself is not kept. */
export interface KeyEntry {
  /** 8 lowercase hex chars; safe to store and log. */
  readonly id: string;
  /** AES-256-GCM key for field encryption. */
  readonly encryptionKey: Buffer;
  /** HMAC-SHA256 key for blind indexes. */
  readonly blindIndexKey: Buffer;
}

/** Key id: first 8 hex chars of SHA-256(label || key). Never reveals the key. */
export function keyIdOf(rawKey: Buffer): string {
  return createHash('sha256').update(KEY_ID_LABEL, 'utf8').update(rawKey).digest('hex').slice(0, 8);
}

function derive(rawKey: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', rawKey, HKDF_SALT, info, DATA_KEY_BYTES));
}

function entryFor(rawKey: Buffer): KeyEntry {
  if (!Buffer.isBuffer(rawKey) || rawKey.length !== DATA_KEY_BYTES) {
    throw new Error(`Keyring: a data key must be ${DATA_KEY_BYTES} bytes`);
  }
  return Object.freeze({
    id: keyIdOf(rawKey),
    encryptionKey: derive(rawKey, INFO_FIELD_ENCRYPTION),
    blindIndexKey: derive(rawKey, INFO_BLIND_INDEX),
  });
}

/**
 * The current data key plus zero or more previous ones (for rotation).
 * New values are always written under the current key; values under a
 * previous key still decrypt and their blind indexes are still found.
 */
export class Keyring {
  readonly #entries: readonly KeyEntry[];
  readonly #byId: ReadonlyMap<string, KeyEntry>;

  /**
   * @param current  raw 32-byte key used for all new writes
   * @param previous raw 32-byte keys kept only for reading; duplicates of the
   *                 current key or of each other are ignored
   */
  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    const entries: KeyEntry[] = [];
    const byId = new Map<string, KeyEntry>();
    for (const raw of [current, ...previous]) {
      const entry = entryFor(raw);
      const existing = byId.get(entry.id);
      if (existing) {
        // Same id: either the very same key (ignore) or a 32-bit id collision.
        if (existing.encryptionKey.equals(entry.encryptionKey)) continue;
        throw new Error(`Keyring: two different data keys share key id ${entry.id}; generate a new key`);
      }
      byId.set(entry.id, entry);
      entries.push(entry);
    }
    this.#entries = Object.freeze(entries);
    this.#byId = byId;
  }

  /** The key all new values are written under. */
  get current(): KeyEntry {
    return this.#entries[0]!;
  }

  get currentId(): string {
    return this.current.id;
  }

  /** All keys, current first. */
  get entries(): readonly KeyEntry[] {
    return this.#entries;
  }

  /** All key ids, current first. */
  get ids(): string[] {
    return this.#entries.map((e) => e.id);
  }

  byId(id: string): KeyEntry | undefined {
    return this.#byId.get(id);
  }

  /** Keep key material out of logs and JSON dumps. */
  toJSON(): { currentId: string; ids: string[] } {
    return { currentId: this.currentId, ids: this.ids };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Keyring { currentId: '${this.currentId}', ids: [${this.ids.map((i) => `'${i}'`).join(', ')}] }`;
  }
}
