import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.ts';
import { DATA_KEY_FILE, parseDataKey, resolveDataKeys } from '../../src/crypto/data-key.ts';
import { keyIdOf } from '../../src/crypto/keyring.ts';
import { thrown } from './helpers.ts';

const tmpRoot = process.env['TMPDIR'] ?? '/tmp';
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpRoot, 'policy-bot-data-key-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function configError(fn: () => unknown): ConfigError {
  const err = thrown(fn);
  expect(err).toBeInstanceOf(ConfigError);
  expect(err.message).not.toContain('\n');
  return err as ConfigError;
}

describe('parseDataKey', () => {
  it('accepts 32 bytes in base64, base64url, unpadded, or with a trailing newline', () => {
    const key = randomBytes(32);
    key[0] = 0xfb; // force '+'/'/' vs '-'/'_' to differ between alphabets
    key[1] = 0xff;
    for (const text of [
      key.toString('base64'),
      key.toString('base64url'),
      key.toString('base64').replace(/=+$/, ''),
      `${key.toString('base64')}\n`,
    ]) {
      expect(parseDataKey('DATA_KEY', text).equals(key), text).toBe(true);
    }
  });

  it('refuses the wrong length, naming DATA_KEY and the byte count', () => {
    const err = configError(() => parseDataKey('DATA_KEY', randomBytes(12).toString('base64')));
    expect(err.message).toMatch(/^DATA_KEY: /);
    expect(err.message).toContain('got 12 bytes');
    expect(err.message).toContain('openssl rand -base64 32');
    expect(configError(() => parseDataKey('DATA_KEY', randomBytes(33).toString('base64'))).message).toContain(
      'got 33 bytes',
    );
  });

  it('refuses a hex key with a hint', () => {
    const err = configError(() => parseDataKey('DATA_KEY', randomBytes(32).toString('hex')));
    expect(err.message).toMatch(/^DATA_KEY: .*hex/);
  });

  it('refuses text that is not base64, naming DATA_KEY without echoing the value', () => {
    const value = 'this is not base64 at all! 密钥';
    const err = configError(() => parseDataKey('DATA_KEY', value));
    expect(err.message).toMatch(/^DATA_KEY: .*not base64/);
    expect(err.message).not.toContain(value);
    // Mixed alphabets and bad padding are not base64 either.
    const mixed = `+-${randomBytes(32).toString('base64url').slice(2)}`;
    expect(configError(() => parseDataKey('DATA_KEY', mixed)).message).toMatch(/^DATA_KEY: .*base64/);
    const badPad = `${randomBytes(32).toString('base64url')}==`;
    expect(configError(() => parseDataKey('DATA_KEY', badPad)).message).toMatch(/^DATA_KEY: .*base64/);
  });

  it('refuses an empty or blank value, naming DATA_KEY', () => {
    expect(configError(() => parseDataKey('DATA_KEY', '')).message).toMatch(/^DATA_KEY: is empty/);
    expect(configError(() => parseDataKey('DATA_KEY', '  \n')).message).toMatch(/^DATA_KEY: is empty/);
  });
});

describe('resolveDataKeys', () => {
  it('uses DATA_KEY when given and writes no file', () => {
    const dataDir = tempDir();
    const key = randomBytes(32);
    const res = resolveDataKeys({ dataKey: key.toString('base64'), dataDir, embeddedConsole: true });
    expect(res.keyring.currentId).toBe(keyIdOf(key));
    expect(res.generatedAt).toBeUndefined();
    expect(res.source).toBe('env');
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('adds DATA_KEY_PREVIOUS keys after the current one', () => {
    const [cur, old1, old2] = [randomBytes(32), randomBytes(32), randomBytes(32)];
    const res = resolveDataKeys({
      dataKey: cur.toString('base64'),
      previousKeys: ` ${old1.toString('base64')}, ${old2.toString('base64url')} ,`,
      dataDir: tempDir(),
      embeddedConsole: false,
    });
    expect(res.keyring.ids).toEqual([keyIdOf(cur), keyIdOf(old1), keyIdOf(old2)]);
  });

  it('refuses a malformed DATA_KEY_PREVIOUS entry, naming DATA_KEY_PREVIOUS', () => {
    const err = configError(() =>
      resolveDataKeys({
        dataKey: randomBytes(32).toString('base64'),
        previousKeys: `${randomBytes(32).toString('base64')},${randomBytes(8).toString('base64')}`,
        dataDir: tempDir(),
        embeddedConsole: false,
      }),
    );
    expect(err.message).toMatch(/^DATA_KEY_PREVIOUS \(entry 2 of 2\): .*got 8 bytes/);
  });

  it('generates a key once into the data dir with mode 0600 and reuses it on the second call', () => {
    const dataDir = join(tempDir(), 'nested', 'data');
    const path = join(dataDir, DATA_KEY_FILE);
    const first = resolveDataKeys({ dataDir, embeddedConsole: true });
    expect(first.generatedAt).toBe(path);
    expect(first.source).toBe('generated');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const written = readFileSync(path, 'utf8');
    expect(keyIdOf(parseDataKey('DATA_KEY', written))).toBe(first.keyring.currentId);

    const second = resolveDataKeys({ dataDir, embeddedConsole: true });
    expect(second.generatedAt).toBeUndefined();
    expect(second.source).toBe('file');
    expect(second.keyring.currentId).toBe(first.keyring.currentId);
    expect(readFileSync(path, 'utf8')).toBe(written);
  });

  it('treats a blank DATA_KEY in console mode as unset', () => {
    const dataDir = tempDir();
    const res = resolveDataKeys({ dataKey: '', dataDir, embeddedConsole: true });
    expect(res.generatedAt).toBe(join(dataDir, DATA_KEY_FILE));
  });

  it('refuses a malformed data.key file, naming DATA_KEY and the file', () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, DATA_KEY_FILE), 'too-short\n');
    const err = configError(() => resolveDataKeys({ dataDir, embeddedConsole: true }));
    expect(err.message).toMatch(/^DATA_KEY \(from .*data\.key\): /);
  });

  it('refuses to start without DATA_KEY when not the embedded console, and writes nothing', () => {
    const dataDir = tempDir();
    const err = configError(() => resolveDataKeys({ dataDir, embeddedConsole: false }));
    expect(err.message).toBe(
      'DATA_KEY: required when DATABASE_URL or a Slack/Feishu app is configured; make one with: openssl rand -base64 32',
    );
    expect(existsSync(join(dataDir, DATA_KEY_FILE))).toBe(false);
  });

  it('does not fall back to an existing data.key when not the embedded console', () => {
    const dataDir = tempDir();
    resolveDataKeys({ dataDir, embeddedConsole: true });
    const err = configError(() => resolveDataKeys({ dataDir, embeddedConsole: false }));
    expect(err.message).toMatch(/^DATA_KEY: required/);
  });

  it('refuses a blank DATA_KEY when not the embedded console, saying it is empty', () => {
    const err = configError(() => resolveDataKeys({ dataKey: ' ', dataDir: tempDir(), embeddedConsole: false }));
    expect(err.message).toMatch(/^DATA_KEY: is empty/);
  });
});
