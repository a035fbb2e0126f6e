import { describe, expect, it } from 'vitest';
import { blindIndex } from '../../src/crypto/blind-index.ts';
import {
  FieldCipherError,
  decryptField,
  encryptField,
  reencryptField,
  storedKeyId,
} from '../../src/crypto/field-cipher.ts';
import { newKey, ringOf, thrown } from './helpers.ts';

const SAMPLES = [
  ['contact.name', '张伟'],
  ['contact.name', '欧阳娜娜 (Nana Ouyang)'],
  ['contact.phone', '+8613800138000'],
  ['contact.email', 'li.na@example.com'],
  ['contact.email', '王小明@例子.中国'],
  ['contact.name', ''],
] as const;

/** Every way the plaintext might show up inside a stored value. */
function encodingsOf(plaintext: string): string[] {
  const bytes = Buffer.from(plaintext, 'utf8');
  return [plaintext, bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex')].map((s) =>
    s.replace(/=+$/, ''),
  );
}

/** Flips one bit of the byte at `index` (negative counts from the end) of the sealed part. */
function flipSealedByte(stored: string, index: number): string {
  const parts = stored.split('.');
  const sealed = Buffer.from(parts[3]!, 'base64url');
  const i = index < 0 ? sealed.length + index : index;
  sealed[i] = sealed[i]! ^ 0x01;
  parts[3] = sealed.toString('base64url');
  return parts.join('.');
}

describe('encryptField / decryptField', () => {
  it('round-trips Chinese and ASCII values', () => {
    const ring = ringOf(newKey());
    for (const [context, plaintext] of SAMPLES) {
      expect(decryptField(ring, encryptField(ring, plaintext, context), context)).toBe(plaintext);
    }
  });

  it('writes one self-describing ASCII string v1.<keyId>.<iv>.<ciphertext+tag>', () => {
    const ring = ringOf(newKey());
    const stored = encryptField(ring, '张伟', 'contact.name');
    expect(stored).toMatch(/^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    const [, keyId, iv, sealed] = stored.split('.');
    expect(keyId).toBe(ring.currentId);
    expect(storedKeyId(stored)).toBe(ring.currentId);
    expect(Buffer.from(iv!, 'base64url')).toHaveLength(12);
    // "张伟" is 6 UTF-8 bytes, plus the 16-byte tag.
    expect(Buffer.from(sealed!, 'base64url')).toHaveLength(6 + 16);
  });

  it('gives different ciphertexts for the same plaintext twice but the same blind index', () => {
    const ring = ringOf(newKey());
    const a = encryptField(ring, '+8613800138000', 'contact.phone');
    const b = encryptField(ring, '+8613800138000', 'contact.phone');
    expect(a).not.toBe(b);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
    expect(blindIndex(ring, 'contact.phone', '+8613800138000')).toBe(
      blindIndex(ring, 'contact.phone', '+8613800138000'),
    );
  });

  it('never contains the plaintext or its base64, base64url or hex encoding', () => {
    const ring = ringOf(newKey());
    const values = ['zhang.wei.sales@example.com', '+8613800138000', '张伟伟张伟伟'];
    for (const plaintext of values) {
      for (let n = 0; n < 20; n++) {
        const stored = encryptField(ring, plaintext, 'contact.email');
        for (const enc of encodingsOf(plaintext)) expect(stored).not.toContain(enc);
      }
    }
  });

  it('refuses a value copied into another column (wrong context) without leaking the plaintext', () => {
    const ring = ringOf(newKey());
    const plaintext = 'secret-person@example.com';
    const stored = encryptField(ring, plaintext, 'contact.email');
    const err = thrown(() => decryptField(ring, stored, 'contact.phone'));
    expect(err).toBeInstanceOf(FieldCipherError);
    expect((err as FieldCipherError).reason).toBe('corrupt');
    expect(err.message).toMatch(/corrupt/);
    for (const enc of encodingsOf(plaintext)) expect(String(err) + err.stack).not.toContain(enc);
  });

  it('refuses a tampered tag or ciphertext as corrupt without leaking the plaintext', () => {
    const ring = ringOf(newKey());
    const plaintext = '李娜 +8613912345678';
    const stored = encryptField(ring, plaintext, 'contact.phone');
    for (const tampered of [flipSealedByte(stored, -1), flipSealedByte(stored, 0)]) {
      expect(tampered).not.toBe(stored);
      const err = thrown(() => decryptField(ring, tampered, 'contact.phone'));
      expect(err).toBeInstanceOf(FieldCipherError);
      expect((err as FieldCipherError).reason).toBe('corrupt');
      expect(err.message).toMatch(/corrupt/);
      for (const enc of encodingsOf(plaintext)) expect(String(err) + err.stack).not.toContain(enc);
    }
  });

  it('refuses a value under an unknown key id, naming that id and not the plaintext', () => {
    const writer = ringOf(newKey());
    const reader = ringOf(newKey());
    const plaintext = 'wang.xiaoming@example.com';
    const stored = encryptField(writer, plaintext, 'contact.email');
    const err = thrown(() => decryptField(reader, stored, 'contact.email'));
    expect(err).toBeInstanceOf(FieldCipherError);
    expect((err as FieldCipherError).reason).toBe('unknown-key');
    expect((err as FieldCipherError).keyId).toBe(writer.currentId);
    expect(err.message).toContain(writer.currentId);
    for (const enc of encodingsOf(plaintext)) expect(String(err) + err.stack).not.toContain(enc);
  });

  it('refuses a value whose key id was swapped for another key in the ring', () => {
    const oldKey = newKey();
    const ring = ringOf(newKey(), oldKey);
    const stored = encryptField(ring, '张伟', 'contact.name');
    const parts = stored.split('.');
    parts[1] = ring.ids[1]!;
    const err = thrown(() => decryptField(ring, parts.join('.'), 'contact.name'));
    expect((err as FieldCipherError).reason).toBe('corrupt');
  });

  it('refuses malformed stored values as corrupt', () => {
    const ring = ringOf(newKey());
    const good = encryptField(ring, 'x', 'contact.name');
    const [, id, iv, sealed] = good.split('.');
    const bad = [
      '',
      '张伟',
      good.slice(0, -30),
      `v2.${id}.${iv}.${sealed}`,
      `v1.${id}.${iv}`,
      `v1.${id}.${iv}.${sealed}.extra`,
      `v1.${id!.toUpperCase()}.${iv}.${sealed}`,
      `v1.${id}.${iv}A.${sealed}`,
      `v1.${id}.${iv}.${sealed!.slice(0, 10)}`,
      `v1.${id}.${iv}.${sealed}+`,
    ];
    for (const value of bad) {
      const err = thrown(() => decryptField(ring, value, 'contact.name'));
      expect(err, value).toBeInstanceOf(FieldCipherError);
      expect(err.message, value).toMatch(/corrupt/);
    }
  });
});

describe('key rotation', () => {
  it('decrypts values written under an old key with a ring whose current key is new and the old one previous', () => {
    const oldKey = newKey();
    const oldRing = ringOf(oldKey);
    const stored = SAMPLES.map(([context, plaintext]) => ({ context, plaintext, value: encryptField(oldRing, plaintext, context) }));
    const rotated = ringOf(newKey(), oldKey);
    expect(rotated.currentId).not.toBe(oldRing.currentId);
    for (const { context, plaintext, value } of stored) {
      expect(decryptField(rotated, value, context)).toBe(plaintext);
    }
  });

  it('re-encrypts old values under the new key id and leaves current ones unchanged', () => {
    const oldKey = newKey();
    const oldRing = ringOf(oldKey);
    const rotated = ringOf(newKey(), oldKey);
    const old = encryptField(oldRing, '张伟', 'contact.name');
    const moved = reencryptField(rotated, old, 'contact.name');
    expect(storedKeyId(old)).toBe(oldRing.currentId);
    expect(storedKeyId(moved)).toBe(rotated.currentId);
    // Really under the new key: the old key alone can no longer read it.
    expect(() => decryptField(oldRing, moved, 'contact.name')).toThrow(/not in the keyring/);
    expect(decryptField(rotated, moved, 'contact.name')).toBe('张伟');
    expect(reencryptField(rotated, moved, 'contact.name')).toBe(moved);
  });

  it('refuses to re-encrypt a tampered value even when it is already under the current key', () => {
    const ring = ringOf(newKey());
    const stored = encryptField(ring, '张伟', 'contact.name');
    expect(() => reencryptField(ring, flipSealedByte(stored, -1), 'contact.name')).toThrow(FieldCipherError);
  });
});
