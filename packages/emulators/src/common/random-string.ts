import type { RandomSource } from '@iamkit/credentials';

/** Upper-case base32, the alphabet of AWS access key ids after their four-letter prefix. */
export const KEY_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** Standard base64 without padding, the alphabet of secret keys and session tokens. */
export const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** base64url, the alphabet of JWT segments. */
export const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** `length` characters drawn from `alphabet` with an injectable random source (for reproducible tests). */
export function randomString(alphabet: string, length: number, random: RandomSource): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    // Clamp: a random source returning exactly 1 must not index past the end.
    const index = Math.min(alphabet.length - 1, Math.floor(random() * alphabet.length));
    out += alphabet.charAt(index);
  }
  return out;
}
