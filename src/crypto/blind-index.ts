import { createHmac } from 'node:crypto';
import type { KeyEntry, Keyring } from './keyring.ts';

/**
 * Keyed blind index for equality lookups on encrypted fields (find a
 * duplicate phone or email) without storing the plaintext.
 *
 * The caller canonicalises first (e.g. E.164 phone, trimmed lower-case
 * email); equal canonical values give equal indexes under the same key.
 * `purpose` (e.g. `contact.phone`) separates index spaces, so the same string
 * indexed as a phone and as an email gives unrelated indexes.
 */

/** Hex characters kept from the HMAC (128 bits). */
export const BLIND_INDEX_HEX_LENGTH = 32;

function compute(key: KeyEntry, purpose: string, canonicalValue: string): string {
  if (typeof purpose !== 'string' || purpose.length === 0 || purpose.includes('\0')) {
    throw new Error('blind index: purpose must be a non-empty string without NUL, such as "contact.phone"');
  }
  if (typeof canonicalValue !== 'string' || canonicalValue.length === 0) {
    // An index of "" would make every empty field a duplicate of every other.
    throw new Error(`blind index (${purpose}): value is empty; do not index missing values`);
  }
  return createHmac('sha256', key.blindIndexKey)
    .update(purpose, 'utf8')
    .update('\0')
    .update(canonicalValue, 'utf8')
    .digest('hex')
    .slice(0, BLIND_INDEX_HEX_LENGTH);
}

/** Index under the current key: store this beside the encrypted value. */
export function blindIndex(keyring: Keyring, purpose: string, canonicalValue: string): string {
  return compute(keyring.current, purpose, canonicalValue);
}

/**
 * One index per key in the ring, current first: look up with
 * `WHERE idx = ANY($candidates)` so rows indexed under a previous key are
 * still found until they are re-indexed.
 */
export function blindIndexCandidates(keyring: Keyring, purpose: string, canonicalValue: string): string[] {
  return keyring.entries.map((key) => compute(key, purpose, canonicalValue));
}
