import { randomBytes } from 'node:crypto';
import { Keyring } from '../../src/crypto/keyring.ts';

export const newKey = (): Buffer => randomBytes(32);
export const ringOf = (current: Buffer, ...previous: Buffer[]): Keyring => new Keyring(current, previous);

/** Runs fn, expects it to throw, returns the error. */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    if (err instanceof Error) return err;
    throw new Error(`threw a non-Error: ${String(err)}`);
  }
  throw new Error('expected a throw, but nothing was thrown');
}
