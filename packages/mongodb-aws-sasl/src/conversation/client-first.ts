import { encodeDocument } from '../bson/encode-document.js';
import { drawNonce, type RandomBytes } from '../random-bytes.js';
import { GS2_CB_FLAG_N, NONCE_BYTES } from './constants.js';

/**
 * The client-first message: the payload for `saslStart`, and the nonce it carries (needed to
 * check the server's answer).
 *
 * @example
 * ```ts
 * const { payload, clientNonce }: ClientFirst = createClientFirst();
 * ```
 * @public
 */
export interface ClientFirst {
  /** BSON `{ r: BinData(0, 32 bytes), p: int32 110 }`, 52 bytes. */
  readonly payload: Uint8Array;
  readonly clientNonce: Uint8Array;
}

/**
 * Options of {@link createClientFirst}.
 *
 * @example
 * ```ts
 * const options: ClientFirstOptions = { randomBytes: crypto.randomBytes };
 * ```
 * @public
 */
export interface ClientFirstOptions {
  /** Where the 32-byte nonce comes from; default `crypto.randomBytes`. */
  readonly randomBytes?: RandomBytes | undefined;
}

/**
 * Encodes a client nonce as the client-first payload `{ r, p: 110 }`, byte for byte what the
 * `bson` package produces for `{ r: nonce, p: 110 }`.
 *
 * @example
 * ```ts
 * encodeClientFirst(new Uint8Array(32)).byteLength; // 52
 * ```
 * @public
 */
export function encodeClientFirst(clientNonce: Uint8Array): Uint8Array {
  return encodeDocument([
    ['r', { type: 'binary', bytes: clientNonce }],
    ['p', { type: 'int32', value: GS2_CB_FLAG_N }],
  ]);
}

/**
 * Starts a conversation on the client: 32 secure random bytes as the nonce `r`, and `p` = 110
 * (`n`: no channel binding), as BSON.
 *
 * @example
 * ```ts
 * const first = createClientFirst();
 * await connection.command({ saslStart: 1, mechanism: 'MONGODB-AWS', payload: first.payload, $db: '$external' });
 * ```
 * @public
 */
export function createClientFirst(options: ClientFirstOptions = {}): ClientFirst {
  const clientNonce = drawNonce(options.randomBytes, NONCE_BYTES, 'options.randomBytes');
  return { payload: encodeClientFirst(clientNonce), clientNonce };
}
