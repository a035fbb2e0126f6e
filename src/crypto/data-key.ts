import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config/config-error.ts';
import { DATA_KEY_BYTES, Keyring } from './keyring.ts';

const HOW_TO_MAKE = 'make one with: openssl rand -base64 32';
/** File name of the generated console-only key inside DATA_DIR. */
export const DATA_KEY_FILE = 'data.key';

const B64_STD_RE = /^[A-Za-z0-9+/]+={0,2}$/;
const B64_URL_RE = /^[A-Za-z0-9_-]+={0,2}$/;

/**
 * Parses a 32-byte key written in base64 or base64url (padding optional,
 * surrounding whitespace ignored). Throws ConfigError with one line that
 * starts with `name:`; the message never echoes the value.
 */
export function parseDataKey(name: string, value: string): Buffer {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length === 0) throw new ConfigError(`${name}: is empty; ${HOW_TO_MAKE}`);
  const url = B64_URL_RE.test(text);
  if (!url && !B64_STD_RE.test(text)) {
    throw new ConfigError(`${name}: is not base64 (contains characters outside the base64 alphabet); ${HOW_TO_MAKE}`);
  }
  const unpadded = text.replace(/=+$/, '');
  const padded = unpadded.length !== text.length;
  if ((padded && text.length % 4 !== 0) || unpadded.length % 4 === 1) {
    throw new ConfigError(`${name}: is not valid base64 (wrong length or padding); ${HOW_TO_MAKE}`);
  }
  const bytes = Buffer.from(unpadded, url ? 'base64url' : 'base64');
  const reencoded = bytes.toString(url ? 'base64url' : 'base64').replace(/=+$/, '');
  if (reencoded !== unpadded) {
    throw new ConfigError(`${name}: is not valid base64 (non-canonical trailing bits); ${HOW_TO_MAKE}`);
  }
  if (bytes.length !== DATA_KEY_BYTES) {
    const hexHint = /^[0-9a-fA-F]{64}$/.test(text) ? ' - it looks like hex, base64 is needed' : '';
    throw new ConfigError(
      `${name}: must be ${DATA_KEY_BYTES} bytes encoded in base64 (got ${bytes.length} bytes${hexHint}); ${HOW_TO_MAKE}`,
    );
  }
  return bytes;
}

export interface ResolveDataKeysOptions {
  /** env DATA_KEY */
  dataKey?: string;
  /** env DATA_KEY_PREVIOUS: comma-separated base64 keys, oldest or newest in any order */
  previousKeys?: string;
  /** env DATA_DIR; where console mode keeps its generated key */
  dataDir: string;
  /** true only for console-only runs (no DATABASE_URL, no Slack/Feishu app) */
  embeddedConsole: boolean;
}

export interface ResolvedDataKeys {
  keyring: Keyring;
  /** Set when a new key was generated just now: the file path, so the caller can warn. */
  generatedAt?: string;
  /** Where the current key came from. */
  source: 'env' | 'file' | 'generated';
}

function errorCode(err: unknown): string {
  return (err as NodeJS.ErrnoException | undefined)?.code ?? String(err);
}

function parsePrevious(list: string | undefined): Buffer[] {
  if (list === undefined || list.trim() === '') return [];
  const items = list.split(',').map((s) => s.trim());
  const total = items.length;
  return items.flatMap((item, i) =>
    item === '' ? [] : [parseDataKey(total > 1 ? `DATA_KEY_PREVIOUS (entry ${i + 1} of ${total})` : 'DATA_KEY_PREVIOUS', item)],
  );
}

/** Reads `<dataDir>/data.key`; undefined if it does not exist. */
function readKeyFile(path: string): Buffer | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return undefined;
    throw new ConfigError(`DATA_KEY: not set and cannot read ${path} (${errorCode(err)})`);
  }
  return parseDataKey(`DATA_KEY (from ${path})`, text);
}

/** Creates `<dataDir>/data.key` (0600) only if absent; returns the key that ends up in the file. */
function generateKeyFile(dataDir: string, path: string): { key: Buffer; generated: boolean } {
  const key = randomBytes(DATA_KEY_BYTES);
  let fd: number;
  try {
    mkdirSync(dataDir, { recursive: true });
    fd = openSync(path, 'wx', 0o600);
  } catch (err) {
    if (errorCode(err) === 'EEXIST') {
      // Another process generated it between our read and our create.
      const existing = readKeyFile(path);
      if (existing) return { key: existing, generated: false };
    }
    throw new ConfigError(
      `DATA_KEY: not set and cannot create ${path} (${errorCode(err)}); set DATA_KEY or make DATA_DIR writable`,
    );
  }
  try {
    writeSync(fd, `${key.toString('base64')}\n`);
    fsyncSync(fd);
  } catch (err) {
    throw new ConfigError(`DATA_KEY: not set and cannot write ${path} (${errorCode(err)}); set DATA_KEY or make DATA_DIR writable`);
  } finally {
    closeSync(fd);
  }
  try {
    chmodSync(path, 0o600); // in case the process umask stripped owner bits
  } catch {
    /* best effort; the file was created with 0600 */
  }
  return { key, generated: true };
}

/**
 * Builds the keyring from the environment:
 * - DATA_KEY set: it is the current key.
 * - DATA_KEY unset, console only: `<dataDir>/data.key`, generated once (0600).
 * - DATA_KEY unset otherwise: ConfigError.
 * DATA_KEY_PREVIOUS keys are added for reading in every case.
 */
export function resolveDataKeys(opts: ResolveDataKeysOptions): ResolvedDataKeys {
  const previous = parsePrevious(opts.previousKeys);
  if (opts.dataKey !== undefined && opts.dataKey.trim() !== '') {
    return { keyring: new Keyring(parseDataKey('DATA_KEY', opts.dataKey), previous), source: 'env' };
  }
  if (opts.dataKey !== undefined && !opts.embeddedConsole) {
    // Set but blank (e.g. `DATA_KEY=` in .env): say so rather than "required".
    parseDataKey('DATA_KEY', opts.dataKey);
  }
  if (!opts.embeddedConsole) {
    throw new ConfigError(`DATA_KEY: required when DATABASE_URL or a Slack/Feishu app is configured; ${HOW_TO_MAKE}`);
  }
  const path = join(opts.dataDir, DATA_KEY_FILE);
  const existing = readKeyFile(path);
  if (existing) return { keyring: new Keyring(existing, previous), source: 'file' };
  const { key, generated } = generateKeyFile(opts.dataDir, path);
  return generated
    ? { keyring: new Keyring(key, previous), generatedAt: path, source: 'generated' }
    : { keyring: new Keyring(key, previous), source: 'file' };
}
