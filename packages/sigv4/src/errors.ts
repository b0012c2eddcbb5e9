// The brand every iamkit error carries, registered globally with Symbol.for so that
// `isIamkitError` from @iamkit/credentials recognises a SigV4Error without this package depending
// on it (the signer has no runtime dependencies), and across ESM/CJS copies.
const BRAND = Symbol.for('iamkit.error');

/**
 * The stable codes a {@link SigV4Error} carries. Switch on these, never on the message.
 *
 * @example
 * ```ts
 * import { isSigV4Error } from '@iamkit/sigv4';
 * if (isSigV4Error(error, 'ERR_SIGV4_INVALID_DATE')) fixTheClock();
 * ```
 * @public
 */
export type SigV4ErrorCode =
  /** Missing credentials, an empty access key id or secret, or a malformed session token. */
  | 'ERR_SIGV4_INVALID_CREDENTIALS'
  /** The URL is not absolute (`https://host/path`), or holds control characters. */
  | 'ERR_SIGV4_INVALID_URL'
  /** The HTTP method is empty or not an HTTP token. */
  | 'ERR_SIGV4_INVALID_METHOD'
  /** A header name is not an HTTP token, or a value holds a line break that is not folding. */
  | 'ERR_SIGV4_INVALID_HEADER'
  /** The body is neither a string nor a Uint8Array. */
  | 'ERR_SIGV4_INVALID_BODY'
  /** `payloadHash` (or an `x-amz-content-sha256` header) is not 64 hex digits or a known token. */
  | 'ERR_SIGV4_INVALID_PAYLOAD_HASH'
  /** The signing date is not a valid date between 1970 and 9999. */
  | 'ERR_SIGV4_INVALID_DATE'
  /** The region is empty or holds characters other than letters, digits, `.`, `_` and `-`. */
  | 'ERR_SIGV4_INVALID_REGION'
  /** The service is empty or holds characters other than letters, digits, `.`, `_` and `-`. */
  | 'ERR_SIGV4_INVALID_SERVICE'
  /** `expiresIn` is not a whole number of seconds between 1 and 604800 (7 days). */
  | 'ERR_SIGV4_INVALID_EXPIRES'
  /** An option has the wrong type, or a combination of options does not make sense. */
  | 'ERR_SIGV4_INVALID_OPTIONS'
  /** The credential provider given to `createSigner` failed with an error that is not an iamkit error. */
  | 'ERR_SIGV4_PROVIDER_FAILED'
  /** An Authorization header (or presigned query) cannot be parsed. */
  | 'ERR_SIGV4_INVALID_AUTHORIZATION'
  /** Verification: the request carries no Authorization header and no presigned query. */
  | 'ERR_SIGV4_MISSING_AUTHORIZATION'
  /** Verification: the access key id is not known to the verifier. */
  | 'ERR_SIGV4_UNKNOWN_ACCESS_KEY'
  /** Verification: a header named in SignedHeaders is absent, or a required header is not signed. */
  | 'ERR_SIGV4_MISSING_SIGNED_HEADER'
  /** Verification: the credential scope disagrees with the request date, region or service. */
  | 'ERR_SIGV4_SCOPE_MISMATCH'
  /** Verification: the request time is too far from the verifier's clock. */
  | 'ERR_SIGV4_REQUEST_TIME_SKEWED'
  /** Verification: a presigned URL is past its `X-Amz-Expires`. */
  | 'ERR_SIGV4_PRESIGN_EXPIRED'
  /** Verification: everything parses, but the signature is not the one the secret produces. */
  | 'ERR_SIGV4_SIGNATURE_MISMATCH';

/**
 * The error every `@iamkit/sigv4` function throws for bad input: a `TypeError` with a stable
 * {@link SigV4ErrorCode}, and the iamkit brand, so `isIamkitError` from `@iamkit/credentials`
 * (and `instanceof IamkitError`) recognise it. Messages say what to fix and never contain a
 * secret key or session token.
 *
 * @example
 * ```ts
 * try {
 *   signRequest({ method: 'GET', url: '/relative' }, options);
 * } catch (error) {
 *   if (isSigV4Error(error)) console.error(error.code); // 'ERR_SIGV4_INVALID_URL'
 * }
 * ```
 * @public
 */
export class SigV4Error extends TypeError {
  override readonly name: string = 'SigV4Error';
  readonly code: SigV4ErrorCode;
  /** The iamkit component that failed, as in `IamkitError.source`. */
  readonly source = 'sigv4';
  /** Bad input does not get better by retrying. */
  readonly retryable = false;

  constructor(code: SigV4ErrorCode, message: string, options?: { readonly cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    Object.defineProperty(this, BRAND, { value: true, enumerable: false });
  }

  /**
   * `instanceof SigV4Error` answers by brand and code prefix, so an error from the CJS build (or
   * another installed copy) is recognised by the ESM build too — as `IamkitError` does.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isSigV4Error(value);
  }

  /** A plain view for logs and `--json` output, shaped like `IamkitError.toJSON()`. */
  toJSON(): { readonly name: string; readonly code: SigV4ErrorCode; readonly message: string; readonly source: string; readonly retryable: false } {
    return { name: this.name, code: this.code, message: this.message, source: this.source, retryable: this.retryable };
  }
}

/**
 * True for a {@link SigV4Error} from any copy of this package, optionally only for one `code`.
 *
 * @example
 * ```ts
 * if (isSigV4Error(error, 'ERR_SIGV4_INVALID_HEADER')) console.error(error.message);
 * ```
 * @public
 */
export function isSigV4Error(value: unknown, code?: SigV4ErrorCode): value is SigV4Error {
  if (!hasIamkitBrand(value)) return false;
  const actual = (value as { code?: unknown }).code;
  if (typeof actual !== 'string' || !actual.startsWith('ERR_SIGV4_')) return false;
  return code === undefined || actual === code;
}

/**
 * True for an error of any iamkit package (a `SigV4Error`, or an `IamkitError` from
 * `@iamkit/credentials`), recognised by the brand they share.
 * @internal
 */
export function hasIamkitBrand(value: unknown): value is object {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
