import { formatAmzDate, sha256Hex, verifySignature } from '@iamkit/sigv4';
import { STS_MESSAGES, stsErrors, type StsErrorDetails } from './sts-errors.js';
import type { StsDirectory, StsIdentity } from './sts-identities.js';

/** A request as STS authenticates it: method, target, lower-case headers, raw body. */
export interface StsWireRequest {
  readonly method: string;
  /** Path and query as received. */
  readonly target: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Uint8Array;
}

/** The outcome of authentication: no Authorization header at all, a verified caller, or STS's error. */
export type StsAuthentication =
  | { readonly kind: 'unsigned' }
  | { readonly kind: 'signed'; readonly identity: StsIdentity }
  | { readonly kind: 'error'; readonly error: StsErrorDetails; readonly accessKeyId?: string | undefined };

export interface StsAuthContext {
  readonly directory: StsDirectory;
  readonly nowMs: number;
  /** The region this endpoint serves when the Host header is not an AWS STS host name. */
  readonly region: string;
  readonly maxSkewMs: number;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';

/** A header's value; repeated headers are joined with `,` as SigV4 does. */
export function headerValue(headers: StsWireRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * The region a request to this endpoint must be signed for: the one in an AWS STS host name
 * (`sts.amazonaws.com` is us-east-1, `sts.eu-west-1.amazonaws.com` is eu-west-1), otherwise the
 * emulator's own (loopback addresses, `localhost`).
 */
function regionForHost(host: string | undefined, fallback: string): string {
  const name = (host ?? '').toLowerCase().replace(/:\d+$/, '');
  if (name === 'sts.amazonaws.com') return 'us-east-1';
  const match = /^sts(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/.exec(name);
  return match?.[1] ?? fallback;
}

// STS reads `x-amz-date` in ISO 8601 basic format and, leniently, a bare day as its midnight —
// which is how a client that sends `YYYYMMDD` ends up with "Signature expired" (reference §10.1).
function requestTime(amzDate: string | undefined, httpDate: string | undefined): number | StsErrorDetails {
  const bad = (value: string): StsErrorDetails =>
    stsErrors.incompleteSignature(`Date must be in ISO-8601 'basic format'. Got '${value}'. See http://en.wikipedia.org/wiki/ISO_8601`);
  if (amzDate !== undefined) {
    const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z)?$/.exec(amzDate.trim());
    if (match === null) return bad(amzDate);
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
    const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    return Number.isFinite(ms) ? ms : bad(amzDate);
  }
  const ms = Date.parse(httpDate ?? '');
  return Number.isFinite(ms) ? ms : bad(httpDate ?? '');
}

interface AuthorizationParts {
  readonly algorithm: string;
  readonly credential: string;
  readonly signedHeaders: string;
  readonly signature: string;
}

function parseAuthorization(raw: string, headers: StsWireRequest['headers']): AuthorizationParts | StsErrorDetails {
  const value = raw.trim();
  // Absent, another scheme (`AWS-HMAC-SHA256`, `Bearer`), or the header name repeated in the value.
  if (!value.startsWith('AWS4-')) return stsErrors.missingAuthenticationToken();
  const [algorithm = '', ...rest] = value.split(/[\s,]+/).filter((part) => part !== '');
  const fields = new Map<string, string>();
  for (const part of rest) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    if (!fields.has(name)) fields.set(name, eq < 0 ? '' : part.slice(eq + 1));
  }
  let missing = '';
  for (const name of ['Credential', 'Signature', 'SignedHeaders']) {
    if ((fields.get(name) ?? '') === '') missing += `Authorization header requires '${name}' parameter. `;
  }
  if (headerValue(headers, 'x-amz-date') === undefined && headerValue(headers, 'date') === undefined) {
    missing += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  }
  if (missing !== '') return stsErrors.incompleteSignature(`${missing}Authorization=${value}`);
  return { algorithm, credential: fields.get('Credential') ?? '', signedHeaders: fields.get('SignedHeaders') ?? '', signature: fields.get('Signature') ?? '' };
}

function isError(value: unknown): value is StsErrorDetails {
  return typeof value === 'object' && value !== null && 'code' in value && 'status' in value;
}

/**
 * Authenticates a request in the order STS checks it (the first failure wins):
 *
 * 1. `Authorization` present and starting with `AWS4-` (else `MissingAuthenticationToken`);
 * 2. `Credential=`, `SignedHeaders=`, `Signature=` and a date header present (`IncompleteSignature`);
 * 3. the date in ISO 8601 basic format and within 15 minutes of the clock ("Signature expired" /
 *    "Signature not yet current", `SignatureDoesNotMatch`);
 * 4. `host` (and `x-amz-date`, `x-amz-security-token` when sent) among the signed headers;
 * 5. algorithm `AWS4-HMAC-SHA256`, a five-part credential, then its scope: region, service `sts`,
 *    terminator `aws4_request`, day of the request (all mismatches in one message);
 * 6. a known access key id (`InvalidClientTokenId`), the session token it needs — present,
 *    issued for it, unexpired (`InvalidClientTokenId`, `ExpiredToken`);
 * 7. the signature, recomputed from the request as received (body included, whatever
 *    `x-amz-content-sha256` claims) with `@iamkit/sigv4`.
 */
export function authenticate(request: StsWireRequest, context: StsAuthContext): StsAuthentication {
  const { headers } = request;
  const raw = headerValue(headers, 'authorization');
  if (raw === undefined) return { kind: 'unsigned' };
  const parts = parseAuthorization(raw, headers);
  if (isError(parts)) return { kind: 'error', error: parts };

  const amzDate = headerValue(headers, 'x-amz-date');
  const time = requestTime(amzDate, headerValue(headers, 'date'));
  if (isError(time)) return { kind: 'error', error: time };
  const stamp = formatAmzDate(time).amzDate;
  const now = formatAmzDate(context.nowMs).amzDate;
  if (time < context.nowMs - context.maxSkewMs) {
    const limit = formatAmzDate(context.nowMs - context.maxSkewMs).amzDate;
    return { kind: 'error', error: stsErrors.signatureDoesNotMatch(`Signature expired: ${stamp} is now earlier than ${limit} (${now} - ${context.maxSkewMs / 60_000} min.)`) };
  }
  if (time > context.nowMs + context.maxSkewMs) {
    const limit = formatAmzDate(context.nowMs + context.maxSkewMs).amzDate;
    return { kind: 'error', error: stsErrors.signatureDoesNotMatch(`Signature not yet current: ${stamp} is still later than ${limit} (${now} + ${context.maxSkewMs / 60_000} min.)`) };
  }

  const signed = parts.signedHeaders.toLowerCase().split(';');
  if (!signed.includes('host')) return { kind: 'error', error: stsErrors.signatureDoesNotMatch(STS_MESSAGES.hostNotSigned) };
  // Stricter than documented STS behaviour (which does not say), like MongoDB's own mock.
  if (amzDate !== undefined && !signed.includes('x-amz-date')) return { kind: 'error', error: stsErrors.signatureDoesNotMatch("'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.") };
  const token = headerValue(headers, 'x-amz-security-token');
  if (token !== undefined && !signed.includes('x-amz-security-token')) {
    return { kind: 'error', error: stsErrors.signatureDoesNotMatch("'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization.") };
  }

  if (parts.algorithm !== ALGORITHM) {
    return { kind: 'error', error: stsErrors.incompleteSignature(`Unsupported AWS 'algorithm': '${parts.algorithm}' (only ${ALGORITHM} for now). `) };
  }
  const scope = parts.credential.replace(/\/+$/, '').split('/');
  if (scope.length !== 5) {
    return { kind: 'error', error: stsErrors.incompleteSignature(`Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${parts.credential}'`) };
  }
  const [accessKeyId = '', scopeDay = '', scopeRegion = '', scopeService = '', terminator = ''] = scope;
  let scopeProblems = '';
  if (scopeRegion !== regionForHost(headerValue(headers, 'host'), context.region)) scopeProblems += 'Credential should be scoped to a valid region. ';
  if (scopeService !== 'sts') scopeProblems += "Credential should be scoped to correct service: 'sts'. ";
  if (terminator !== 'aws4_request') scopeProblems += `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'. `;
  if (scopeDay !== stamp.slice(0, 8)) {
    scopeProblems += `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDay}' != '${stamp.slice(0, 8)}', from '${stamp}'. `;
  }
  if (scopeProblems !== '') return { kind: 'error', error: stsErrors.signatureDoesNotMatch(scopeProblems), accessKeyId };

  const identity = context.directory.identity(accessKeyId);
  if (identity === undefined) return { kind: 'error', error: stsErrors.invalidClientTokenId(), accessKeyId };
  // The token carries the session's key material, so STS reads it before it can check a signature.
  if (identity.sessionToken === undefined ? token !== undefined : token !== identity.sessionToken) {
    return { kind: 'error', error: stsErrors.invalidClientTokenId(), accessKeyId };
  }
  if (identity.expiration !== undefined && identity.expiration.getTime() <= context.nowMs) return { kind: 'error', error: stsErrors.expiredToken(), accessKeyId };

  const normalized = `${ALGORITHM} Credential=${parts.credential}, SignedHeaders=${parts.signedHeaders}, Signature=${parts.signature}`;
  const verification = verifySignature(
    { method: request.method, url: `http://sts.emulator.invalid${request.target}`, headers: { ...headers, authorization: normalized }, body: request.body },
    {
      secretFor: (id) => (id === identity.accessKeyId ? identity.secretAccessKey : undefined),
      now: context.nowMs,
      maxSkewSeconds: Infinity,
      // The hash of the body as received, not the client's x-amz-content-sha256 claim about it.
      payloadHash: sha256Hex(request.body),
    },
  );
  if (!verification.valid) return { kind: 'error', error: stsErrors.signatureDoesNotMatch(), accessKeyId };
  return { kind: 'signed', identity };
}
