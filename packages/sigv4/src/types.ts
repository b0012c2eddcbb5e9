import type { SigV4Credentials } from './credentials.js';
import type { SigningDate } from './date.js';
import type { HeadersInput } from './headers.js';
import type { RequestBody } from './payload.js';

/**
 * The request to sign. `url` must be absolute; its path is signed exactly as given (see the
 * README on paths). A `Host` header is added from the URL when `headers` has none.
 *
 * @example
 * ```ts
 * const request: SignableRequest = {
 *   method: 'POST',
 *   url: 'https://sts.amazonaws.com/',
 *   headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
 *   body: 'Action=GetCallerIdentity&Version=2011-06-15',
 * };
 * ```
 * @public
 */
export interface SignableRequest {
  /** The HTTP method exactly as it is sent (upper case for every AWS API). */
  readonly method: string;
  readonly url: string | URL;
  readonly headers?: HeadersInput | undefined;
  readonly body?: RequestBody | null | undefined;
}

/**
 * How to sign, apart from who (credentials) and where (region, service). Every field is optional
 * and can be set once on `createSigner()` or per call.
 *
 * @example
 * ```ts
 * const s3: SigningKnobs = { normalizePath: false, doubleEncodePath: false, payloadHash: 'UNSIGNED-PAYLOAD' };
 * ```
 * @public
 */
export interface SigningKnobs {
  /** The signing time; default now. */
  readonly date?: SigningDate | undefined;
  /** Remove `.`/`..`/empty path segments before signing. Default true; false for S3. */
  readonly normalizePath?: boolean | undefined;
  /** Encode the already-encoded path once more. Default true; false for S3. */
  readonly doubleEncodePath?: boolean | undefined;
  /** Header mode: add (and sign) `x-amz-content-sha256` with the payload hash. Default false. */
  readonly signPayloadHashHeader?: boolean | undefined;
  /** Use this payload hash instead of hashing the body: `'UNSIGNED-PAYLOAD'` or 64 hex digits. */
  readonly payloadHash?: string | undefined;
  /** Legacy services: add the session token after signing, outside the signature. Default false. */
  readonly omitSessionTokenFromSignature?: boolean | undefined;
  /** Lower-case header names never to sign, on top of {@link DEFAULT_UNSIGNABLE_HEADERS}. */
  readonly unsignableHeaders?: Iterable<string> | undefined;
  /** Lower-case header names to sign even though they are unsignable by default. */
  readonly signableHeaders?: Iterable<string> | undefined;
}

/**
 * Options for {@link signRequest}.
 *
 * @example
 * ```ts
 * const options: SignOptions = { credentials, region: 'us-east-1', service: 'sts' };
 * ```
 * @public
 */
export interface SignOptions extends SigningKnobs {
  readonly credentials: SigV4Credentials;
  readonly region: string;
  readonly service: string;
}

/**
 * Presign-only knobs.
 *
 * @example
 * ```ts
 * const knobs: PresignKnobs = { expiresIn: 3600 };
 * ```
 * @public
 */
export interface PresignKnobs {
  /** Seconds the URL stays valid: a whole number from 1 to 604800. Default 900. */
  readonly expiresIn?: number | undefined;
  /**
   * Lower-case `x-amz-*` header names to keep as headers. Every other `x-amz-*` header moves into
   * the query, as the AWS SDK does, so whoever uses the URL does not have to send it.
   */
  readonly unhoistableHeaders?: Iterable<string> | undefined;
}

/**
 * Options for {@link presignRequest}.
 *
 * @example
 * ```ts
 * const options: PresignOptions = { credentials, region: 'us-east-1', service: 's3', expiresIn: 3600 };
 * ```
 * @public
 */
export interface PresignOptions extends SignOptions, PresignKnobs {}

/**
 * The exact intermediate values of one signature, for debugging a mismatch: compare
 * `canonicalRequest` with the one AWS returns in its error.
 *
 * @example
 * ```ts
 * console.log(signRequest(request, options).canonicalRequest);
 * ```
 * @public
 */
export interface SignatureDetails {
  /** `YYYYMMDD'T'HHMMSS'Z'`, the `X-Amz-Date`. */
  readonly amzDate: string;
  /** `YYYYMMDD`. */
  readonly dateStamp: string;
  /** `YYYYMMDD/region/service/aws4_request`. */
  readonly credentialScope: string;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  /** The signed header names, lower case, `;`-separated, as in the Authorization header. */
  readonly signedHeaders: string;
  /** 64 lower-case hex digits. */
  readonly signature: string;
  /** The last line of the canonical request. */
  readonly payloadHash: string;
}

/**
 * A request signed in the Authorization header. Pass `method`, `url`, `headers` and `body` to
 * `fetch`, undici or `http.request` unchanged.
 *
 * @example
 * ```ts
 * const signed: SignedRequest = signRequest(request, options);
 * await fetch(signed.url, signed);
 * ```
 * @public
 */
export interface SignedRequest extends SignatureDetails {
  readonly method: string;
  /** The URL as given (a string). */
  readonly url: string;
  /** Every header to send: yours (repeated names joined with `,`), plus host, x-amz-date, authorization, … */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: RequestBody | undefined;
  /** The Authorization header value. */
  readonly authorization: string;
}

/**
 * A presigned request: `url` carries the signature in its query (`X-Amz-Signature`).
 *
 * @example
 * ```ts
 * const { url, expiresIn }: PresignedRequest = presignRequest(request, options);
 * ```
 * @public
 */
export interface PresignedRequest extends SignatureDetails {
  readonly method: string;
  /** The presigned URL. */
  readonly url: string;
  /** The headers the user of the URL must send (`host` and any other signed ones). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: RequestBody | undefined;
  readonly expiresIn: number;
}
