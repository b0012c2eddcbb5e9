import { STATELESS_CONTEXT } from './context.js';
import { checkCredentials } from './credentials.js';
import { formatMs, toEpochMs } from './date.js';
import { SigV4Error } from './errors.js';
import { prepareKnobs } from './options.js';
import { presignCore } from './presign-core.js';
import { checkRegion, checkService } from './scope.js';
import { signCore, type SigningIdentity } from './sign-core.js';
import type { PresignedRequest, PresignOptions, SignableRequest, SignedRequest, SignOptions } from './types.js';

function identityOf(options: unknown): SigningIdentity {
  if (typeof options !== 'object' || options === null) {
    throw new SigV4Error('ERR_SIGV4_INVALID_OPTIONS', 'options must be an object { credentials, region, service, … }.');
  }
  const o = options as SignOptions;
  return {
    credentials: checkCredentials(o.credentials),
    region: checkRegion(o.region),
    service: checkService(o.service),
    date: formatMs(o.date === undefined ? Date.now() : toEpochMs(o.date, 'options.date')),
  };
}

/**
 * Signs a request in the `Authorization` header (SigV4, `AWS4-HMAC-SHA256`). Synchronous, on
 * `node:crypto`. Returns the headers to send and every intermediate value (`canonicalRequest`,
 * `stringToSign`, …) for debugging. Throws a {@link SigV4Error} for bad input — never signs
 * something other than what it was given.
 *
 * For many requests, `createSigner()` is faster: it caches signing keys. `signRequest` is
 * also the verifier's primitive — see {@link verifySignature}, which re-signs with the request's
 * own date and signed headers and compares in constant time.
 *
 * @example
 * ```ts
 * const signed = signRequest(
 *   { method: 'GET', url: 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08' },
 *   { credentials, region: 'us-east-1', service: 'iam' },
 * );
 * await fetch(signed.url, signed);
 * ```
 * @public
 */
export function signRequest(request: SignableRequest, options: SignOptions): SignedRequest {
  const identity = identityOf(options);
  return signCore(request, prepareKnobs(options), identity, STATELESS_CONTEXT);
}

/**
 * Presigns a request: the signature goes into the URL's query (`X-Amz-Signature`), valid for
 * `expiresIn` seconds (default 900, at most 604800). Session tokens go in `X-Amz-Security-Token`.
 *
 * @example
 * ```ts
 * const { url } = presignRequest(
 *   { method: 'GET', url: 'https://examplebucket.s3.amazonaws.com/test.txt' },
 *   { credentials, region: 'us-east-1', service: 's3', normalizePath: false, doubleEncodePath: false, payloadHash: 'UNSIGNED-PAYLOAD', expiresIn: 86400 },
 * );
 * ```
 * @public
 */
export function presignRequest(request: SignableRequest, options: PresignOptions): PresignedRequest {
  const identity = identityOf(options);
  return presignCore(request, prepareKnobs(options), identity, STATELESS_CONTEXT);
}
