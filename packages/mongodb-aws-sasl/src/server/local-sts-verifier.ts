import type { Clock } from '@iamkit/credentials';
import { verifySignature, type SigV4ErrorCode } from '@iamkit/sigv4';
import { GET_CALLER_IDENTITY_BODY, type StsRequest } from '../conversation/sts-request.js';
import { mongoAwsError } from '../errors.js';
import type { StsVerdict, StsVerifier } from './sts-verifier.js';

/**
 * One caller the local verifier knows: keys (with the session token STS issued, if temporary)
 * and the ARN GetCallerIdentity returns for them.
 *
 * @example
 * ```ts
 * const alice: LocalStsIdentity = { accessKeyId: 'AKIAALICE', secretAccessKey: '…', arn: 'arn:aws:iam::123456789012:user/Alice' };
 * ```
 * @public
 */
export interface LocalStsIdentity {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Temporary credentials: requests must carry exactly this token. */
  readonly sessionToken?: string | undefined;
  /** After this moment STS answers `ExpiredToken`. */
  readonly expiration?: Date | undefined;
  readonly arn: string;
}

/**
 * Options of {@link createLocalStsVerifier}.
 *
 * @example
 * ```ts
 * const options: LocalStsVerifierOptions = { identities: [alice], now: () => fakeNow };
 * ```
 * @public
 */
export interface LocalStsVerifierOptions {
  /** The key table. Read on every call, so a Map's or array's later changes count. */
  readonly identities: Iterable<LocalStsIdentity>;
  /** The clock for token expiry and signature age; default `Date.now`. */
  readonly now?: Clock | undefined;
  /** How old (or early) a signature may be; default 900 s, as STS. */
  readonly maxSkewSeconds?: number | undefined;
  /** Accept only this region in the credential scope (real STS endpoints are regional). */
  readonly region?: string | undefined;
}

const STS_CODES: Partial<Record<SigV4ErrorCode, readonly [string, number, string]>> = {
  ERR_SIGV4_MISSING_AUTHORIZATION: ['MissingAuthenticationToken', 403, 'Request is missing Authentication Token'],
  ERR_SIGV4_INVALID_AUTHORIZATION: ['IncompleteSignature', 400, 'The request signature does not conform to AWS standards'],
  ERR_SIGV4_UNKNOWN_ACCESS_KEY: ['InvalidClientTokenId', 403, 'The security token included in the request is invalid.'],
  ERR_SIGV4_MISSING_SIGNED_HEADER: ['SignatureDoesNotMatch', 403, 'A header named in SignedHeaders is missing'],
  ERR_SIGV4_SCOPE_MISMATCH: ['SignatureDoesNotMatch', 403, 'Credential should be scoped to a valid region and service'],
  ERR_SIGV4_REQUEST_TIME_SKEWED: ['SignatureDoesNotMatch', 403, 'Signature expired: the request time is too far from the current time'],
  ERR_SIGV4_SIGNATURE_MISMATCH: ['SignatureDoesNotMatch', 403, 'The request signature we calculated does not match the signature you provided.'],
  ERR_SIGV4_INVALID_DATE: ['IncompleteSignature', 400, 'X-Amz-Date is not a valid date'],
};

function refuse(stsCode: string, status: number, message: string): StsVerdict {
  return { error: `${stsCode}: ${message}`, stsCode, status };
}

/**
 * A verifier for unit tests and emulators that checks the rebuilt request in-process as STS
 * would, with `@iamkit/sigv4`'s `verifySignature` and a key table: the signature over the
 * request as received (so a client that signed another host, nonce or flag fails), service
 * `sts`, the signature's age, the session token (required, exact, and unexpired for temporary
 * keys; refused for permanent ones) and the GetCallerIdentity body. It answers with STS's error
 * codes (`SignatureDoesNotMatch`, `InvalidClientTokenId`, `ExpiredToken`, …).
 *
 * @example
 * ```ts
 * const verify = createLocalStsVerifier({ identities: [{ ...credentials, arn: 'arn:aws:iam::123456789012:user/Alice' }] });
 * const server = createMongoAwsServer({ stsUrl: 'https://sts.amazonaws.com', verify });
 * ```
 * @public
 */
export function createLocalStsVerifier(options: LocalStsVerifierOptions): StsVerifier {
  if (typeof options !== 'object' || (options as unknown) === null || typeof (options.identities as Partial<Iterable<unknown>> | undefined)?.[Symbol.iterator] !== 'function') {
    throw mongoAwsError('ERR_MONGODB_AWS_INVALID_OPTIONS', 'createLocalStsVerifier needs options.identities: an iterable of { accessKeyId, secretAccessKey, sessionToken?, expiration?, arn }.');
  }
  const now = options.now ?? Date.now;
  // eslint-disable-next-line @typescript-eslint/require-await -- async so that every failure, a throw included, is a rejected promise
  return async (request: StsRequest): Promise<StsVerdict> => {
    const table = new Map<string, LocalStsIdentity>();
    for (const identity of options.identities) table.set(identity.accessKeyId, identity);
    if ((request.method as string) !== 'POST' || request.body !== GET_CALLER_IDENTITY_BODY) {
      return refuse('InvalidAction', 400, 'Only POST Action=GetCallerIdentity&Version=2011-06-15 is emulated');
    }
    const result = verifySignature(request, {
      secretFor: (accessKeyId) => table.get(accessKeyId)?.secretAccessKey,
      service: 'sts',
      region: options.region,
      now: now(),
      maxSkewSeconds: options.maxSkewSeconds,
    });
    if (!result.valid) {
      const [stsCode, status, message] = STS_CODES[result.error.code] ?? ['InvalidRequest', 400, result.error.message];
      return refuse(stsCode, status, message);
    }
    const identity = table.get(result.accessKeyId);
    if (identity === undefined) return refuse('InvalidClientTokenId', 403, 'The security token included in the request is invalid.');
    const expectedToken = identity.sessionToken === '' ? undefined : identity.sessionToken;
    if (expectedToken !== result.sessionToken) {
      return refuse('InvalidClientTokenId', 403, 'The security token included in the request is invalid.');
    }
    if (identity.expiration !== undefined && identity.expiration.getTime() <= now()) {
      return refuse('ExpiredToken', 403, 'The security token included in the request is expired');
    }
    return { arn: identity.arn };
  };
}
