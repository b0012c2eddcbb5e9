import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { mongoAwsError } from './errors.js';

/**
 * A source of cryptographically secure random bytes, like `crypto.randomBytes`: the nonces come
 * from it. Injected in tests to reproduce the specification's vectors.
 *
 * @example
 * ```ts
 * const fixed: RandomBytes = (size) => Uint8Array.from({ length: size }, (_, i) => i); // tests only
 * ```
 * @public
 */
export type RandomBytes = (size: number) => Uint8Array;

/** Draws `size` bytes and checks the injected source kept its contract. @internal */
export function drawNonce(source: RandomBytes | undefined, size: number, option: string): Uint8Array {
  if (source !== undefined && typeof source !== 'function') {
    throw mongoAwsError('ERR_MONGODB_AWS_INVALID_OPTIONS', `${option} must be a function (size) => Uint8Array, like crypto.randomBytes.`);
  }
  const bytes: unknown = (source ?? nodeRandomBytes)(size);
  if (!(bytes instanceof Uint8Array) || bytes.byteLength !== size) {
    throw mongoAwsError('ERR_MONGODB_AWS_INVALID_OPTIONS', `${option} must return a Uint8Array of exactly ${size} bytes.`);
  }
  // A copy: the caller's buffer (a pool slice, a reused array) cannot change the nonce later.
  return Uint8Array.from(bytes);
}
