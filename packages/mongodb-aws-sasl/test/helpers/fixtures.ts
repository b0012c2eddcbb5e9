// Shared inputs: the protocol reference's §6 vectors and deterministic nonce sources.
import type { RandomBytes } from '../../src/index.js';

export const EXAMPLE_CREDENTIALS = Object.freeze({
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
});
export const TOKEN = 'AQoDYXdzEJ';
export const VECTOR_DATE = '2025-12-15T12:34:56Z';
export const VECTOR_AMZ_DATE = '20251215T123456Z';

/** Bytes 0x00..0x1f: the §6 client nonce. */
export const CLIENT_NONCE = Uint8Array.from({ length: 32 }, (_, i) => i);
/** Bytes 0x20..0x3f: the server's half of the §6 server nonce. */
export const SERVER_HALF = Uint8Array.from({ length: 32 }, (_, i) => 32 + i);
/** Bytes 0x00..0x3f: the §6 server nonce. */
export const SERVER_NONCE = Uint8Array.from({ length: 64 }, (_, i) => i);

/** A RandomBytes that returns `bytes` (checking the size asked for). */
export function fixedBytes(bytes: Uint8Array): RandomBytes {
  return (size) => {
    if (size !== bytes.byteLength) throw new Error(`asked for ${size} bytes, have ${bytes.byteLength}`);
    return Uint8Array.from(bytes);
  };
}

/** A RandomBytes counting from `seed`, different on every call. */
export function countingBytes(seed = 1): RandomBytes {
  let next = seed;
  return (size) => Uint8Array.from({ length: size }, () => next++ & 0xff);
}
