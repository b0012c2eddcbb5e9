import { EMPTY_PAYLOAD_SHA256 } from './constants.js';
import { sha256Hex } from './crypto.js';
import { SigV4Error } from './errors.js';

/**
 * A request body the signer can hash: a string (hashed as UTF-8) or bytes (`Uint8Array`, Buffer,
 * `DataView`, `ArrayBuffer`; other typed arrays work at run time too). The same types `fetch`
 * accepts, so a result can be passed to it as is. For a stream, pass `payloadHash` instead.
 *
 * @example
 * ```ts
 * const body: RequestBody = 'Action=GetCallerIdentity&Version=2011-06-15';
 * ```
 * @public
 */
export type RequestBody = string | Uint8Array | DataView | ArrayBuffer;

/** 64 lower-case hex digits: a SHA-256 payload hash, or a signature. @internal */
export function isHexDigest(value: string): boolean {
  if (value.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = value.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

function isStreamingToken(value: string): boolean {
  if (!value.startsWith('STREAMING-') || value.length > 64) return false;
  for (let i = 10; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d)) return false;
  }
  return true;
}

/**
 * Accepts 64 lower-case hex digits, `UNSIGNED-PAYLOAD` or a `STREAMING-…` token (S3 chunked
 * uploads). Anything else would put an arbitrary line into the canonical request.
 * @internal
 */
export function checkPayloadHash(value: unknown, where: string): string {
  if (typeof value === 'string' && (isHexDigest(value) || value === 'UNSIGNED-PAYLOAD' || isStreamingToken(value))) return value;
  throw new SigV4Error(
    'ERR_SIGV4_INVALID_PAYLOAD_HASH',
    `${where} must be the lower-case hex SHA-256 of the body (64 characters), "UNSIGNED-PAYLOAD" or a "STREAMING-…" token.`,
  );
}

/** The payload hash of a body that is not a string. @internal */
export function hashBinaryBody(body: unknown): string {
  if (body === undefined || body === null) return EMPTY_PAYLOAD_SHA256;
  if (ArrayBuffer.isView(body)) {
    return sha256Hex(body instanceof Uint8Array ? body : new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
  }
  if (body instanceof ArrayBuffer) return sha256Hex(new Uint8Array(body));
  throw new SigV4Error(
    'ERR_SIGV4_INVALID_BODY',
    `request.body must be a string or bytes (Uint8Array, Buffer, ArrayBuffer), got ${typeof body}; for a stream, pass options.payloadHash ('UNSIGNED-PAYLOAD' or the hex SHA-256 you computed).`,
  );
}
