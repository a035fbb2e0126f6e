import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from './keyring.ts';

/**
 * Field-level encryption for contact data (AES-256-GCM).
 *
 * Stored form: `v1.<keyId>.<iv base64url>.<ciphertext+tag base64url>`, pure
 * ASCII. `context` (e.g. `contact.phone`) is authenticated as GCM additional
 * data, so a value copied into another column does not decrypt.
 */

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID_RE = /^[0-9a-f]{8}$/;
const B64URL_RE = /^[A-Za-z0-9_-]*$/;

export type FieldCipherFailure = 'malformed' | 'unknown-key' | 'corrupt';

/** Decryption failure. The message never contains the plaintext. */
export class FieldCipherError extends Error {
  override name = 'FieldCipherError';
  constructor(
    message: string,
    readonly reason: FieldCipherFailure,
    readonly keyId?: string,
  ) {
    super(message);
  }
}

interface Parsed {
  keyId: string;
  iv: Buffer;
  sealed: Buffer;
}

function aad(keyId: string, context: string): Buffer {
  return Buffer.from(`${VERSION}\0${keyId}\0${context}`, 'utf8');
}

function checkContext(context: string): void {
  if (typeof context !== 'string' || context.length === 0) {
    throw new Error('field cipher: context must be a non-empty string such as "contact.phone"');
  }
}

function parse(stored: string, context: string): Parsed {
  const malformed = (): FieldCipherError =>
    new FieldCipherError(
      `${context}: stored value is corrupt (not a ${VERSION} encrypted field)`,
      'malformed',
    );
  if (typeof stored !== 'string') throw malformed();
  const parts = stored.split('.');
  if (parts.length !== 4) throw malformed();
  const [version, keyId, ivText, sealedText] = parts as [string, string, string, string];
  if (version !== VERSION || !KEY_ID_RE.test(keyId)) throw malformed();
  if (!B64URL_RE.test(ivText) || !B64URL_RE.test(sealedText)) throw malformed();
  const iv = Buffer.from(ivText, 'base64url');
  const sealed = Buffer.from(sealedText, 'base64url');
  // Reject non-canonical encodings so one value has exactly one stored form.
  if (iv.toString('base64url') !== ivText || sealed.toString('base64url') !== sealedText) throw malformed();
  if (iv.length !== IV_BYTES || sealed.length < TAG_BYTES) throw malformed();
  return { keyId, iv, sealed };
}

/** Encrypts `plaintext` under the keyring's current key. Output differs on every call. */
export function encryptField(keyring: Keyring, plaintext: string, context: string): string {
  checkContext(context);
  if (typeof plaintext !== 'string') throw new Error(`${context}: plaintext must be a string`);
  const data = Buffer.from(plaintext, 'utf8');
  if (data.toString('utf8') !== plaintext) {
    // Lone surrogates would silently become U+FFFD; refuse instead of corrupting.
    throw new Error(`${context}: value is not well-formed Unicode`);
  }
  const key = keyring.current;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.encryptionKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(key.id, context));
  const sealed = Buffer.concat([cipher.update(data), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${key.id}.${iv.toString('base64url')}.${sealed.toString('base64url')}`;
}

/**
 * Decrypts a value written by encryptField with the same `context`.
 * Throws FieldCipherError: 'malformed' (not our format), 'unknown-key' (key id
 * not in the ring; message names it), 'corrupt' (tampered, or wrong context).
 */
export function decryptField(keyring: Keyring, stored: string, context: string): string {
  checkContext(context);
  const { keyId, iv, sealed } = parse(stored, context);
  const key = keyring.byId(keyId);
  if (!key) {
    throw new FieldCipherError(
      `${context}: value is encrypted under key id ${keyId}, which is not in the keyring ` +
        `(known: ${keyring.ids.join(', ')}); add that key to DATA_KEY_PREVIOUS`,
      'unknown-key',
      keyId,
    );
  }
  const body = sealed.subarray(0, sealed.length - TAG_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.encryptionKey, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(keyId, context));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(body), decipher.final()]);
    return plain.toString('utf8');
  } catch {
    throw new FieldCipherError(
      `${context}: stored value under key id ${keyId} is corrupt or belongs to another field (authentication failed)`,
      'corrupt',
      keyId,
    );
  }
}

/** Key id a stored value was written under, or undefined if it is not a v1 value. */
export function storedKeyId(stored: string): string | undefined {
  const parts = typeof stored === 'string' ? stored.split('.') : [];
  return parts.length === 4 && parts[0] === VERSION && KEY_ID_RE.test(parts[1]!) ? parts[1] : undefined;
}

/**
 * Returns the value under the keyring's current key (for rotation). A value
 * already under the current key is returned unchanged (same string), but it
 * is still authenticated first, so a rotation pass also surfaces corrupt rows.
 */
export function reencryptField(keyring: Keyring, stored: string, context: string): string {
  const plaintext = decryptField(keyring, stored, context);
  if (storedKeyId(stored) === keyring.currentId) return stored;
  return encryptField(keyring, plaintext, context);
}
