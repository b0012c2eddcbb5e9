import { maskAccessKeyId, type Credentials } from '@iamkit/credentials';
import { presignRequest, signRequest, UNSIGNED_PAYLOAD, type PresignedRequest, type SignedRequest, type SigningDate } from '@iamkit/sigv4';
import { redactKnown } from '../shared/redact.js';
import { compareNormalized, type CanonicalComparison } from './canonical-compare.js';
import { normalizeCanonicalRequest } from './canonical-normalize.js';

/**
 * A request to sign and explain (what `iamkit sign` builds from its flags).
 *
 * @example
 * ```ts
 * const input: SignInput = { method: 'POST', url: 'https://sts.amazonaws.com/', headers: [['content-type', 'application/x-www-form-urlencoded']], body: 'Action=GetCallerIdentity&Version=2011-06-15', region: 'us-east-1', service: 'sts', credentials };
 * ```
 * @public
 */
export interface SignInput {
  readonly method: string;
  readonly url: string;
  /** In order; repeated names are joined with `,` as SigV4 does. */
  readonly headers?: readonly (readonly [string, string])[] | undefined;
  readonly body?: string | Uint8Array | undefined;
  readonly region: string;
  readonly service: string;
  /** Default now; taken from the canonical request to compare with when it carries one. */
  readonly date?: SigningDate | undefined;
  /** A presigned URL instead of an Authorization header. */
  readonly presign?: boolean | undefined;
  /** Presign: seconds the URL is valid (1–604800, default 900). */
  readonly expiresIn?: number | undefined;
  readonly credentials: Pick<Credentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>;
  /** Where the credentials came from, for the report (`env`, `container`, `--access-key-id`, …). */
  readonly credentialsSource?: string | undefined;
  /** A canonical request copied from an AWS error, to compare with (`--compare`). */
  readonly compareWith?: string | undefined;
}

/**
 * What `iamkit sign --explain --json` prints (schema `iamkit.sign/1`): every step of the
 * signature. The session token is `[redacted]` wherever it would appear (so a presigned URL shown
 * here is for reading, not for use); the secret key never appears.
 *
 * @example
 * ```ts
 * const { canonicalRequest, stringToSign, authorization }: SignReport = collectSign(input);
 * ```
 * @public
 */
export interface SignReport {
  readonly schema: 'iamkit.sign/1';
  readonly mode: 'header' | 'presign';
  readonly method: string;
  readonly url: string;
  readonly region: string;
  readonly service: string;
  /** `YYYYMMDDTHHMMSSZ`. */
  readonly amzDate: string;
  /** `YYYYMMDD/region/service/aws4_request`. */
  readonly credentialScope: string;
  readonly credentials: { readonly accessKeyId: string; readonly source: string | null; readonly sessionToken: boolean };
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  readonly payloadHash: string;
  /** Header mode: the Authorization header value. */
  readonly authorization: string | null;
  /** Presign mode: the URL (its session token redacted). */
  readonly presignedUrl: string | null;
  /** Every header to send (session token redacted). */
  readonly headers: Readonly<Record<string, string>>;
  /** With `--compare`. */
  readonly comparison: CanonicalComparison | null;
  /** Choices made for you (the date taken from the compared request, S3 rules, …). */
  readonly notes: readonly string[];
}

const AMZ_DATE = /(?:^|\n)x-amz-date:(\d{8}T\d{6}Z)\s*(?:\n|$)|[?&\n]X-Amz-Date=(\d{8}T\d{6}Z)/;
const AMZ_EXPIRES = /[?&\n]X-Amz-Expires=(\d+)/;

/**
 * Signs a described request with `@iamkit/sigv4` and returns every step — canonical request,
 * string to sign, signature, Authorization header or presigned URL — and, given a canonical
 * request copied from an AWS error, the first line where the two differ and what it means.
 * Synchronous; throws `SigV4Error` for input that cannot be signed (a relative URL, a bad date).
 *
 * S3 is signed the S3 way (path encoded once and not normalized; `x-amz-content-sha256` in header
 * mode; `UNSIGNED-PAYLOAD` in presigned URLs).
 *
 * @example
 * ```ts
 * import { collectSign, renderSign } from '@iamkit/cli';
 * const report = collectSign({ method: 'GET', url: 'https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15', region: 'us-east-1', service: 'sts', credentials });
 * console.log(renderSign(report));
 * ```
 * @public
 */
export function collectSign(input: SignInput): SignReport {
  const notes: string[] = [];
  const given = input.compareWith === undefined ? undefined : normalizeCanonicalRequest(input.compareWith);
  let date = input.date;
  if (date === undefined && given !== undefined) {
    const match = AMZ_DATE.exec(given.text);
    const stamp = match?.[1] ?? match?.[2];
    if (stamp !== undefined) {
      date = stamp;
      notes.push(`Signed at ${stamp}, the X-Amz-Date of the canonical request given (pass --date to choose another time).`);
    }
  }
  let expiresIn = input.expiresIn;
  if (expiresIn === undefined && input.presign === true && given !== undefined) {
    const found = AMZ_EXPIRES.exec(given.text)?.[1];
    if (found !== undefined) {
      expiresIn = Number(found);
      notes.push(`Presigned for ${found} s, the X-Amz-Expires of the canonical request given.`);
    }
  }
  const s3 = input.service === 's3';
  if (s3) notes.push('S3 rules: the path is encoded once and not normalized; the payload is hashed into x-amz-content-sha256 (UNSIGNED-PAYLOAD for a presigned URL).');
  const knobs = s3 ? { normalizePath: false, doubleEncodePath: false, ...(input.presign === true ? { payloadHash: UNSIGNED_PAYLOAD } : { signPayloadHashHeader: true }) } : {};
  const request = { method: input.method, url: input.url, headers: input.headers?.map(([name, value]) => [name, value] as [string, string]), body: input.body };
  const options = { credentials: input.credentials, region: input.region, service: input.service, date: date ?? Date.now(), ...knobs };
  const signed: SignedRequest | PresignedRequest = input.presign === true ? presignRequest(request, { ...options, expiresIn }) : signRequest(request, options);
  const token = input.credentials.sessionToken;
  const hide = (text: string): string => (token === undefined || token === '' ? text : redactKnown(text, [token]));
  const headers = Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name, name === 'x-amz-security-token' ? '[redacted]' : hide(value)]));
  return {
    schema: 'iamkit.sign/1',
    mode: input.presign === true ? 'presign' : 'header',
    method: signed.method,
    url: hide(input.url),
    region: input.region,
    service: input.service,
    amzDate: signed.amzDate,
    credentialScope: signed.credentialScope,
    credentials: { accessKeyId: maskAccessKeyId(input.credentials.accessKeyId), source: input.credentialsSource ?? null, sessionToken: token !== undefined && token !== '' },
    canonicalRequest: hide(signed.canonicalRequest),
    stringToSign: signed.stringToSign,
    signedHeaders: signed.signedHeaders.split(';'),
    signature: signed.signature,
    payloadHash: signed.payloadHash,
    authorization: 'authorization' in signed ? signed.authorization : null,
    presignedUrl: input.presign === true ? hide(signed.url) : null,
    headers,
    comparison: given === undefined ? null : compareNormalized(signed.canonicalRequest, given),
    notes,
  };
}
