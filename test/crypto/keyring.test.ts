import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Keyring, keyIdOf } from '../../src/crypto/keyring.ts';
import { newKey, thrown } from './helpers.ts';

describe('Keyring', () => {
  it('gives each key an 8-hex-char id that is not part of the key itself', () => {
    const key = newKey();
    const ring = new Keyring(key);
    expect(ring.currentId).toMatch(/^[0-9a-f]{8}$/);
    expect(key.toString('hex')).not.toContain(ring.currentId);
    expect(ring.currentId).toBe(keyIdOf(key));
  });

  it('gives different keys different ids and the same key the same id', () => {
    const a = newKey();
    const b = newKey();
    expect(keyIdOf(a)).not.toBe(keyIdOf(b));
    expect(new Keyring(Buffer.from(a)).currentId).toBe(new Keyring(a).currentId);
  });

  it('finds current and previous keys by id, current first, and nothing for an unknown id', () => {
    const cur = newKey();
    const old1 = newKey();
    const old2 = newKey();
    const ring = new Keyring(cur, [old1, old2]);
    expect(ring.ids).toEqual([keyIdOf(cur), keyIdOf(old1), keyIdOf(old2)]);
    expect(ring.byId(keyIdOf(old2))?.id).toBe(keyIdOf(old2));
    expect(ring.byId('00000000')).toBeUndefined();
  });

  it('derives separate encryption and blind-index sub-keys, neither equal to the raw key', () => {
    const key = newKey();
    const entry = new Keyring(key).current;
    expect(entry.encryptionKey).toHaveLength(32);
    expect(entry.blindIndexKey).toHaveLength(32);
    expect(entry.encryptionKey.equals(entry.blindIndexKey)).toBe(false);
    expect(entry.encryptionKey.equals(key)).toBe(false);
    expect(entry.blindIndexKey.equals(key)).toBe(false);
  });

  it('ignores a previous key that repeats the current one', () => {
    const key = newKey();
    expect(new Keyring(key, [Buffer.from(key)]).ids).toHaveLength(1);
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(thrown(() => new Keyring(Buffer.alloc(16))).message).toMatch(/32 bytes/);
    expect(thrown(() => new Keyring(newKey(), [Buffer.alloc(31)])).message).toMatch(/32 bytes/);
  });

  it('does not show key material when logged or serialised', () => {
    const key = newKey();
    const ring = new Keyring(key);
    // Every form a Buffer takes in util.inspect or JSON.stringify.
    const secrets = [key, ring.current.encryptionKey, ring.current.blindIndexKey].flatMap((b) => [
      b.toString('hex'),
      b.toString('base64'),
      [...b.subarray(0, 8)].map((x) => x.toString(16).padStart(2, '0')).join(' '),
      [...b.subarray(0, 8)].join(','),
    ]);
    const shown = [inspect(ring, { depth: 10 }), JSON.stringify(ring)];
    for (const text of shown) {
      expect(text).toContain(ring.currentId);
      for (const s of secrets) expect(text).not.toContain(s);
    }
  });
});
