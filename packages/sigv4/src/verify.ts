import { timingSafeEqual } from 'node:crypto';
import { checkSignatureHex, parseAuthorizationHeader, parseCredential, parseSignedHeaders, type ParsedAuthorization } from './authorization.js';
import { canonicalQuery, type QueryParam } from './canonical-query.js';
import { MAX_PRESIGN_EXPIRES, SIGV4_ALGORITHM } from './constants.js';
import { prepareUrl } from './context.js';
import type { SigV4Credentials } from './credentials.js';
import { deriveSigningKey, hmacSha256Hex, sha256Hex } from './crypto.js';
import { formatMs, toEpochMs, type SigningDate } from './date.js';
import { isSigV4Error, SigV4Error, type SigV4ErrorCode } from './errors.js';
import { collectHeaders, type HeaderList } from './headers.js';
import { INSPECT, redactToken } from './redact.js';
import { checkPayloadHash, hashBinaryBody } from './payload.js';
import { checkRegion, checkService } from './scope.js';
import type { SignableRequest } from './types.js';

/**
 * Options of {@link verifySignature}: where secrets come from, and what to accept.
 *
 * @example
 * ```ts
 * const options: VerifyOptions = { secretFor: (id) => keys.get(id), service: 'sts', now: Date.now() };
 * ```
 * @public
 */
export interface VerifyOptions {
  /** The secret for an access key id, or `undefined` for a key the verifier does not know. */
  readonly secretFor?: ((accessKeyId: string) => string | undefined) | undefined;
  /** Shortcut for one known key pair (used when `secretFor` is not given). */
  readonly credentials?: SigV4Credentials | undefined;
  /** The verifier's clock; default now. */
  readonly now?: SigningDate | undefined;
  /** How far the request time may be from `now`, in seconds. Default 900 (AWS: 15 minutes). */
  readonly maxSkewSeconds?: number | undefined;
  /** Accept only this region / service in the credential scope. */
  readonly region?: string | undefined;
  readonly service?: string | undefined;
  /** Path handling the signer used; default true, false for S3. */
  readonly normalizePath?: boolean | undefined;
  readonly doubleEncodePath?: boolean | undefined;
  /** Headers that must be among the signed ones. Default `['host']`. */
  readonly requiredSignedHeaders?: readonly string[] | undefined;
  /** The payload hash to assume instead of the `x-amz-content-sha256` header or the body hash. */
  readonly payloadHash?: string | undefined;
  /**
   * Presigned URLs of legacy services: `X-Amz-Security-Token` was added after signing and is not
   * part of the canonical query. Default false. (In header mode the signed-header list says it.)
   */
  readonly omitSessionTokenFromSignature?: boolean | undefined;
}

/**
 * A successful verification: who signed, for which scope, and the values the verifier computed.
 *
 * @example
 * ```ts
 * if (result.valid) console.log(result.accessKeyId, result.region);
 * ```
 * @public
 */
export interface VerifiedSignature {
  readonly valid: true;
  readonly mode: 'header' | 'query';
  readonly accessKeyId: string;
  readonly region: string;
  readonly service: string;
  readonly amzDate: string;
  readonly credentialScope: string;
  readonly signedHeaders: readonly string[];
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signature: string;
  /** The `X-Amz-Security-Token` the request carried, if any (non-enumerable: kept out of logs). */
  readonly sessionToken?: string;
}

/**
 * A failed verification: `error.code` says why. When the request parsed far enough,
 * `canonicalRequest` and `stringToSign` show what the verifier computed (as AWS shows in its
 * SignatureDoesNotMatch errors).
 *
 * @example
 * ```ts
 * if (!result.valid) console.error(result.error.code, result.canonicalRequest);
 * ```
 * @public
 */
export interface FailedVerification {
  readonly valid: false;
  readonly error: SigV4Error;
  readonly canonicalRequest?: string;
  readonly stringToSign?: string;
}

/**
 * The result of {@link verifySignature}.
 *
 * @example
 * ```ts
 * const result: SignatureVerification = verifySignature(request, { credentials });
 * ```
 * @public
 */
export type SignatureVerification = VerifiedSignature | FailedVerification;

interface Claim extends Omit<ParsedAuthorization, 'algorithm'> {
  readonly mode: 'header' | 'query';
  readonly amzDate: string;
  readonly requestMs: number;
  readonly expiresIn: number | undefined;
  readonly sessionToken: string | undefined;
  readonly queryParams: readonly QueryParam[];
}

function fail(code: SigV4ErrorCode, message: string): SigV4Error {
  return new SigV4Error(code, message);
}

function decodeParam(value: string, name: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw fail('ERR_SIGV4_INVALID_AUTHORIZATION', `presigned URL parameter ${name} is not valid percent-encoded UTF-8`);
  }
}

function headerClaim(auth: string, list: HeaderList, params: readonly QueryParam[]): Claim {
  const parsed = parseAuthorizationHeader(auth);
  const dateIndex = list.indexOf('x-amz-date');
  const httpDateIndex = list.indexOf('date');
  let requestMs: number;
  if (dateIndex >= 0) requestMs = toEpochMs(list.canon[dateIndex] ?? '', 'the x-amz-date header');
  else if (httpDateIndex >= 0) requestMs = toEpochMs(list.canon[httpDateIndex] ?? '', 'the date header');
  else throw fail('ERR_SIGV4_INVALID_DATE', 'the request has neither an x-amz-date nor a date header');
  const tokenIndex = list.indexOf('x-amz-security-token');
  return {
    ...parsed,
    mode: 'header',
    amzDate: formatMs(requestMs).amzDate,
    requestMs,
    expiresIn: undefined,
    sessionToken: tokenIndex >= 0 ? list.canon[tokenIndex] : undefined,
    queryParams: params,
  };
}

function queryClaim(params: readonly QueryParam[]): Claim {
  const get = (name: string): string | undefined => {
    const found = params.filter((p) => p.key === name);
    if (found.length > 1) throw fail('ERR_SIGV4_INVALID_AUTHORIZATION', `presigned URL has ${name} twice`);
    return found[0] === undefined ? undefined : decodeParam(found[0].value, name);
  };
  const require = (name: string): string => {
    const value = get(name);
    if (value === undefined) throw fail('ERR_SIGV4_INVALID_AUTHORIZATION', `presigned URL is missing ${name}`);
    return value;
  };
  if (require('X-Amz-Algorithm') !== SIGV4_ALGORITHM) {
    throw fail('ERR_SIGV4_INVALID_AUTHORIZATION', `presigned URL X-Amz-Algorithm must be ${SIGV4_ALGORITHM}`);
  }
  const credential = parseCredential(require('X-Amz-Credential'));
  const amzDate = require('X-Amz-Date');
  const expires = Number(require('X-Amz-Expires'));
  if (!Number.isInteger(expires) || expires < 1 || expires > MAX_PRESIGN_EXPIRES) {
    throw fail('ERR_SIGV4_INVALID_AUTHORIZATION', `presigned URL X-Amz-Expires must be a whole number from 1 to ${MAX_PRESIGN_EXPIRES}`);
  }
  const requestMs = toEpochMs(amzDate, 'X-Amz-Date');
  return {
    ...credential,
    signedHeaders: parseSignedHeaders(require('X-Amz-SignedHeaders')),
    signature: checkSignatureHex(require('X-Amz-Signature')),
    mode: 'query',
    amzDate: formatMs(requestMs).amzDate,
    requestMs,
    expiresIn: expires,
    sessionToken: get('X-Amz-Security-Token'),
    queryParams: params,
  };
}

function secretFor(options: VerifyOptions, accessKeyId: string): string | undefined {
  if (options.secretFor !== undefined) return options.secretFor(accessKeyId);
  const { credentials } = options;
  return credentials?.accessKeyId === accessKeyId ? credentials.secretAccessKey : undefined;
}

function checkTime(claim: Claim, nowMs: number, maxSkewMs: number): void {
  if (claim.dateStamp !== claim.amzDate.slice(0, 8)) {
    throw fail('ERR_SIGV4_SCOPE_MISMATCH', `the credential scope date ${claim.dateStamp} is not the day of the request time ${claim.amzDate}`);
  }
  if (claim.requestMs - nowMs > maxSkewMs || (claim.expiresIn === undefined && nowMs - claim.requestMs > maxSkewMs)) {
    throw fail('ERR_SIGV4_REQUEST_TIME_SKEWED', `the request time ${claim.amzDate} is more than ${maxSkewMs / 1000} s away from the verifier's clock (${formatMs(nowMs).amzDate}); fix the client's clock`);
  }
  if (claim.expiresIn !== undefined && nowMs - claim.requestMs > claim.expiresIn * 1000) {
    throw fail('ERR_SIGV4_PRESIGN_EXPIRED', `the presigned URL expired ${claim.expiresIn} s after ${claim.amzDate}`);
  }
}

function payloadHashOf(request: SignableRequest, list: HeaderList, claim: Claim, options: VerifyOptions): string {
  if (options.payloadHash !== undefined) return checkPayloadHash(options.payloadHash, 'options.payloadHash');
  const index = list.indexOf('x-amz-content-sha256');
  if (index >= 0) return checkPayloadHash(list.canon[index], 'the x-amz-content-sha256 header');
  const hoisted = claim.queryParams.find((p) => p.key.toLowerCase() === 'x-amz-content-sha256');
  if (claim.mode === 'query' && hoisted !== undefined) return checkPayloadHash(decodeParam(hoisted.value, 'X-Amz-Content-Sha256'), 'X-Amz-Content-Sha256');
  return typeof request.body === 'string' ? sha256Hex(request.body) : hashBinaryBody(request.body);
}

// A signed session token is a line of the canonical request: results keep it (they are exact),
// while their JSON and inspect output show it as [redacted].
function hideToken<T extends object>(result: T, token: string | undefined): T {
  const view = (): Record<string, unknown> => {
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(result)) copy[key] = typeof value === 'string' ? redactToken(value, token) : value;
    return copy;
  };
  Object.defineProperties(result, { toJSON: { value: view, enumerable: false }, [INSPECT]: { value: view, enumerable: false } });
  return result;
}

/**
 * Verifies a SigV4-signed request — the server half that the STS emulator and the MongoDB
 * emulator use. Accepts the `Authorization` header form and presigned URLs. It recomputes the
 * canonical request from the request as received (the headers in its SignedHeaders, its date,
 * its query), signs it with the secret that `secretFor` returns for its access key id, and
 * compares signatures in constant time. It also checks the credential scope against the request
 * date (and `region` / `service` when given), the clock skew, and presigned-URL expiry.
 *
 * It never throws for anything in the request: a malformed one gives `valid: false` with an
 * `error.code`. It throws only for bad `options`.
 *
 * @example
 * ```ts
 * const result = verifySignature(
 *   { method: req.method, url: `http://${req.headers.host}${req.url}`, headers: req.headers, body },
 *   { secretFor: (id) => secrets.get(id), service: 'sts' },
 * );
 * if (!result.valid) reply(403, result.error.code);
 * ```
 * @public
 */
export function verifySignature(request: SignableRequest, options: VerifyOptions): SignatureVerification {
  if (typeof options !== 'object' || (options as unknown) === null) throw fail('ERR_SIGV4_INVALID_OPTIONS', 'verifySignature needs options { secretFor | credentials, … }');
  if (options.secretFor === undefined && options.credentials === undefined) {
    throw fail('ERR_SIGV4_INVALID_OPTIONS', 'verifySignature needs options.secretFor (a lookup from access key id to secret) or options.credentials');
  }
  const expectedRegion = options.region === undefined ? undefined : checkRegion(options.region);
  const expectedService = options.service === undefined ? undefined : checkService(options.service);
  const nowMs = options.now === undefined ? Date.now() : toEpochMs(options.now, 'options.now');
  const maxSkewSeconds = options.maxSkewSeconds ?? 900;
  if (typeof maxSkewSeconds !== 'number' || !(maxSkewSeconds >= 0)) throw fail('ERR_SIGV4_INVALID_OPTIONS', 'options.maxSkewSeconds must be a number of seconds ≥ 0');
  const required = options.requiredSignedHeaders ?? ['host'];

  let canonicalRequest: string | undefined;
  let stringToSign: string | undefined;
  let tokenSeen: string | undefined;
  try {
    const url = prepareUrl(request.url, options.normalizePath ?? true, options.doubleEncodePath ?? true);
    const list = collectHeaders(request.headers);
    const authIndex = list.indexOf('authorization');
    let claim: Claim;
    if (authIndex >= 0) claim = headerClaim(list.canon[authIndex] ?? '', list, url.params);
    else if (url.params.some((p) => p.key === 'X-Amz-Algorithm' || p.key === 'X-Amz-Signature')) claim = queryClaim(url.params);
    else throw fail('ERR_SIGV4_MISSING_AUTHORIZATION', 'the request has no Authorization header and no presigned query (X-Amz-Signature)');

    tokenSeen = claim.sessionToken;
    if (expectedRegion !== undefined && claim.region !== expectedRegion) throw fail('ERR_SIGV4_SCOPE_MISMATCH', `the credential scope region ${claim.region} is not ${expectedRegion}`);
    if (expectedService !== undefined && claim.service !== expectedService) throw fail('ERR_SIGV4_SCOPE_MISMATCH', `the credential scope service ${claim.service} is not ${expectedService}`);
    checkTime(claim, nowMs, maxSkewSeconds * 1000);
    for (const name of required) {
      if (!claim.signedHeaders.includes(name)) throw fail('ERR_SIGV4_MISSING_SIGNED_HEADER', `the ${name} header must be signed`);
    }
    let lines = '';
    for (const name of claim.signedHeaders) {
      const index = list.indexOf(name);
      if (index < 0) throw fail('ERR_SIGV4_MISSING_SIGNED_HEADER', `SignedHeaders lists ${name}, but the request has no such header`);
      lines += `${name}:${list.canon[index] ?? ''}\n`;
    }
    const query =
      claim.mode === 'query' && options.omitSessionTokenFromSignature === true
        ? canonicalQuery(url.params.filter((p) => p.key !== 'X-Amz-Security-Token'))
        : url.canonicalQuery;
    const payloadHash = payloadHashOf(request, list, claim, options);
    canonicalRequest = `${request.method}\n${url.canonicalUri}\n${query}\n${lines}\n${claim.signedHeaders.join(';')}\n${payloadHash}`;
    stringToSign = `${SIGV4_ALGORITHM}\n${claim.amzDate}\n${claim.credentialScope}\n${sha256Hex(canonicalRequest)}`;

    const secret = secretFor(options, claim.accessKeyId);
    if (typeof secret !== 'string' || secret === '') throw fail('ERR_SIGV4_UNKNOWN_ACCESS_KEY', 'the access key id in the credential scope is not known to this verifier');
    const expected = hmacSha256Hex(deriveSigningKey(secret, claim.dateStamp, claim.region, claim.service), stringToSign);
    if (!timingSafeEqual(Buffer.from(expected, 'latin1'), Buffer.from(claim.signature, 'latin1'))) {
      throw fail('ERR_SIGV4_SIGNATURE_MISMATCH', 'the signature does not match: compare canonicalRequest with the signer\'s (secret key, path encoding, signed header values, payload hash)');
    }
    const verified: VerifiedSignature = {
      valid: true,
      mode: claim.mode,
      accessKeyId: claim.accessKeyId,
      region: claim.region,
      service: claim.service,
      amzDate: claim.amzDate,
      credentialScope: claim.credentialScope,
      signedHeaders: claim.signedHeaders,
      canonicalRequest,
      stringToSign,
      signature: claim.signature,
    };
    if (claim.sessionToken !== undefined) Object.defineProperty(verified, 'sessionToken', { value: claim.sessionToken, enumerable: false });
    return hideToken(verified, claim.sessionToken);
  } catch (error) {
    if (!isSigV4Error(error)) throw error;
    const failed: { -readonly [K in keyof FailedVerification]: FailedVerification[K] } = { valid: false, error };
    if (canonicalRequest !== undefined) failed.canonicalRequest = canonicalRequest;
    if (stringToSign !== undefined) failed.stringToSign = stringToSign;
    return hideToken(failed, tokenSeen);
  }
}
