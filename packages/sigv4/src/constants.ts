/**
 * The algorithm name that starts every SigV4 Authorization header and string to sign.
 *
 * @example
 * ```ts
 * import { SIGV4_ALGORITHM } from '@iamkit/sigv4';
 * header.startsWith(SIGV4_ALGORITHM); // true for a SigV4 Authorization header
 * ```
 * @public
 */
export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

/**
 * The payload hash for a body that is not signed (S3 presigned URLs, streaming uploads). Pass it
 * as `payloadHash`.
 *
 * @example
 * ```ts
 * presignRequest(request, { ...options, payloadHash: UNSIGNED_PAYLOAD });
 * ```
 * @public
 */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/**
 * The SHA-256 of the empty string: the payload hash of a request without a body.
 *
 * @example
 * ```ts
 * sha256Hex('') === EMPTY_PAYLOAD_SHA256; // true
 * ```
 * @public
 */
export const EMPTY_PAYLOAD_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * The longest lifetime AWS accepts for a presigned URL: 7 days, in seconds.
 *
 * @example
 * ```ts
 * presignRequest(request, { ...options, expiresIn: MAX_PRESIGN_EXPIRES });
 * ```
 * @public
 */
export const MAX_PRESIGN_EXPIRES = 604_800;

/**
 * The default lifetime of a presigned URL, in seconds (15 minutes, as the AWS CLI and most
 * services use). `@smithy/signature-v4` defaults to 3600.
 *
 * @example
 * ```ts
 * presignRequest(request, options).expiresIn === DEFAULT_PRESIGN_EXPIRES; // true
 * ```
 * @public
 */
export const DEFAULT_PRESIGN_EXPIRES = 900;

/**
 * Headers that are never signed unless listed in `signableHeaders`: the same list as the AWS SDK
 * (`@smithy/signature-v4`). Proxies and browsers add, drop or rewrite them in transit, so signing
 * them would break the signature. Names starting with `proxy-` or `sec-` are never signed either.
 *
 * @example
 * ```ts
 * DEFAULT_UNSIGNABLE_HEADERS.includes('user-agent'); // true
 * ```
 * @public
 */
export const DEFAULT_UNSIGNABLE_HEADERS: readonly string[] = Object.freeze([
  'authorization',
  'cache-control',
  'connection',
  'expect',
  'from',
  'keep-alive',
  'max-forwards',
  'pragma',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'x-amzn-trace-id',
]);

/**
 * How many derived signing keys a `createSigner()` instance keeps (FIFO), like the AWS SDK.
 * One key serves one (secret, day, region, service), so 50 covers any realistic fan-out.
 *
 * @example
 * ```ts
 * SIGNING_KEY_CACHE_SIZE; // 50
 * ```
 * @public
 */
export const SIGNING_KEY_CACHE_SIZE = 50;
