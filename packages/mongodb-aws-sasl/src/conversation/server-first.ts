import { mongoAwsError } from '../errors.js';
import { NONCE_BYTES } from './constants.js';
import { binaryField, readPayload, stringField } from './payload-fields.js';
import { deriveStsRegion } from './sts-host.js';

/**
 * A checked server-first message.
 *
 * @example
 * ```ts
 * const { serverNonce, host, region }: ServerFirst = parseServerFirst(reply.payload, first.clientNonce);
 * ```
 * @public
 */
export interface ServerFirst {
  /** `s`: 64 bytes, the client nonce followed by 32 server bytes. */
  readonly serverNonce: Uint8Array;
  /** `h`: the STS host, exactly as sent (the `Host` to sign). */
  readonly host: string;
  /** The signing region derived from `h`. */
  readonly region: string;
}

/**
 * Decodes and checks the server-first payload as the specification requires, before anything is
 * signed: a BSON document with exactly `s` (BinData subtype 0, 64 bytes, starting with the client
 * nonce) and `h` (a string, 1–255 bytes, no empty label). Derives the region. Errors name what the
 * server sent: `ERR_MONGODB_AWS_MALFORMED_PAYLOAD`, `ERR_MONGODB_AWS_BAD_NONCE`,
 * `ERR_MONGODB_AWS_BAD_HOST`.
 *
 * @example
 * ```ts
 * const server = parseServerFirst(saslStartReply.payload, first.clientNonce);
 * server.region; // 'us-east-1'
 * ```
 * @public
 */
export function parseServerFirst(payload: Uint8Array, clientNonce: Uint8Array): ServerFirst {
  const fields = readPayload(payload, 'server-first', { s: { type: 'binary', required: true }, h: { type: 'string', required: true } });
  const nonce = binaryField(fields, 's');
  const host = stringField(fields, 'h');
  if (nonce === undefined || host === undefined) throw mongoAwsError('ERR_MONGODB_AWS_MALFORMED_PAYLOAD', 'the server-first payload lacks s or h.');
  if (nonce.subtype !== 0) {
    throw mongoAwsError('ERR_MONGODB_AWS_BAD_NONCE', `the server nonce s is BinData subtype ${nonce.subtype}; it must be subtype 0.`);
  }
  if (nonce.bytes.byteLength !== 2 * NONCE_BYTES) {
    throw mongoAwsError('ERR_MONGODB_AWS_BAD_NONCE', `the server nonce s is ${nonce.bytes.byteLength} bytes; it must be ${2 * NONCE_BYTES} (the client's ${NONCE_BYTES} bytes followed by ${NONCE_BYTES} of the server's).`);
  }
  if (clientNonce.byteLength !== NONCE_BYTES || !Buffer.from(nonce.bytes.buffer, nonce.bytes.byteOffset, NONCE_BYTES).equals(clientNonce)) {
    throw mongoAwsError('ERR_MONGODB_AWS_BAD_NONCE', `the server nonce s does not begin with this conversation's ${NONCE_BYTES}-byte client nonce: the reply belongs to another conversation, or something between client and server altered it.`);
  }
  // deriveStsRegion checks h first (ERR_MONGODB_AWS_BAD_HOST): one check, not two.
  const region = deriveStsRegion(host);
  // A copy: the reply buffer may be reused by the transport.
  return { serverNonce: Uint8Array.from(nonce.bytes), host, region };
}
