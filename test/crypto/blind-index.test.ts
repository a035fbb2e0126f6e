import { describe, expect, it } from 'vitest';
import { blindIndex, blindIndexCandidates } from '../../src/crypto/blind-index.ts';
import { newKey, ringOf } from './helpers.ts';

describe('blindIndex', () => {
  it('is 32 lowercase hex chars and the same for equal values under the same key', () => {
    const ring = ringOf(newKey());
    const a = blindIndex(ring, 'contact.phone', '+8613800138000');
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(blindIndex(ring, 'contact.phone', '+8613800138000')).toBe(a);
  });

  it('differs for different values', () => {
    const ring = ringOf(newKey());
    expect(blindIndex(ring, 'contact.phone', '+8613800138000')).not.toBe(
      blindIndex(ring, 'contact.phone', '+8613800138001'),
    );
    expect(blindIndex(ring, 'contact.name', '张伟')).not.toBe(blindIndex(ring, 'contact.name', '张玮'));
  });

  it('gives different indexes for different purposes', () => {
    const ring = ringOf(newKey());
    const value = 'li.na@example.com';
    expect(blindIndex(ring, 'contact.email', value)).not.toBe(blindIndex(ring, 'contact.phone', value));
    // The purpose/value boundary is unambiguous.
    expect(blindIndex(ring, 'contact.a', 'bc')).not.toBe(blindIndex(ring, 'contact.ab', 'c'));
  });

  it('depends on the key, so a dump alone cannot be matched against guessed values', () => {
    const value = '+8613800138000';
    expect(blindIndex(ringOf(newKey()), 'contact.phone', value)).not.toBe(
      blindIndex(ringOf(newKey()), 'contact.phone', value),
    );
  });

  it('does not contain the value or its hex', () => {
    const ring = ringOf(newKey());
    for (const value of ['13800138000', 'li.na@example.com', '张伟']) {
      const idx = blindIndex(ring, 'contact.phone', value);
      expect(idx).not.toContain(Buffer.from(value).toString('hex'));
    }
  });

  it('refuses an empty value or purpose', () => {
    const ring = ringOf(newKey());
    expect(() => blindIndex(ring, 'contact.phone', '')).toThrow(/empty/);
    expect(() => blindIndex(ring, '', '+8613800138000')).toThrow(/purpose/);
  });
});

describe('blindIndexCandidates', () => {
  it('gives one index per key, current first', () => {
    const ring = ringOf(newKey(), newKey(), newKey());
    const candidates = blindIndexCandidates(ring, 'contact.email', 'li.na@example.com');
    expect(candidates).toHaveLength(3);
    expect(new Set(candidates).size).toBe(3);
    expect(candidates[0]).toBe(blindIndex(ring, 'contact.email', 'li.na@example.com'));
  });

  it('finds a value indexed under a previous key after rotation', () => {
    const oldKey = newKey();
    const storedIndex = blindIndex(ringOf(oldKey), 'contact.phone', '+8613800138000');
    const rotated = ringOf(newKey(), oldKey);
    expect(blindIndex(rotated, 'contact.phone', '+8613800138000')).not.toBe(storedIndex);
    const candidates = blindIndexCandidates(rotated, 'contact.phone', '+8613800138000');
    expect(candidates).toContain(storedIndex);
    expect(candidates.indexOf(storedIndex)).toBe(1);
    expect(blindIndexCandidates(rotated, 'contact.phone', '+8613800138001')).not.toContain(storedIndex);
  });
});
