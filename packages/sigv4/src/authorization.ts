import { SIGV4_ALGORITHM } from './constants.js';
import { SigV4Error } from './errors.js';
import { lowerToken } from './http-token.js';
import { isHexDigest } from './payload.js';
import { credentialScope, isScopePart } from './scope.js';

/**
 * The parts of a SigV4 `Authorization` header (or of a presigned URL's `X-Amz-Credential` and
 * `X-Amz-SignedHeaders`).
 *
 * @example
 * ```ts
 * const { accessKeyId, region, service, signedHeaders }: ParsedAuthorization = parseAuthorizationHeader(header);
 * ```
 * @public
 */
export interface ParsedAuthorization {
  readonly algorithm: typeof SIGV4_ALGORITHM;
  readonly accessKeyId: string;
  /** `YYYYMMDD` from the credential scope. */
  readonly dateStamp: string;
  readonly region: string;
  readonly service: string;
  /** `YYYYMMDD/region/service/aws4_request`. */
  readonly credentialScope: string;
  /** Lower-case names, in the order the header lists them. */
  readonly signedHeaders: readonly string[];
  /** 64 lower-case hex digits. */
  readonly signature: string;
}

function invalid(reason: string): SigV4Error {
  // The header value is never echoed whole: it is a bearer credential for ~15 minutes.
  return new SigV4Error('ERR_SIGV4_INVALID_AUTHORIZATION', `Authorization header ${reason}.`);
}

/** Parses `AKID/YYYYMMDD/region/service/aws4_request`. @internal */
export function parseCredential(credential: string): Pick<ParsedAuthorization, 'accessKeyId' | 'dateStamp' | 'region' | 'service' | 'credentialScope'> {
  const parts = credential.split('/');
  if (parts.length !== 5) throw invalid('Credential must be <access key id>/<YYYYMMDD>/<region>/<service>/aws4_request');
  const [accessKeyId = '', dateStamp = '', region = '', service = '', terminator = ''] = parts;
  if (accessKeyId === '' || /\s/.test(accessKeyId)) throw invalid('Credential has an empty or malformed access key id');
  if (!/^\d{8}$/.test(dateStamp)) throw invalid('Credential date must be YYYYMMDD');
  if (!isScopePart(region)) throw invalid('Credential region must be letters, digits, ".", "_" or "-"');
  if (!isScopePart(service)) throw invalid('Credential service must be letters, digits, ".", "_" or "-"');
  if (terminator !== 'aws4_request') throw invalid('Credential must end with /aws4_request');
  return { accessKeyId, dateStamp, region, service, credentialScope: credentialScope(dateStamp, region, service) };
}

/** Parses `host;x-amz-date;…`: lower-case HTTP tokens, no repeats. @internal */
export function parseSignedHeaders(list: string): string[] {
  const names = list.split(';');
  const seen = new Set<string>();
  for (const name of names) {
    if (lowerToken(name) !== name) throw invalid('SignedHeaders must be lower-case header names separated by ";"');
    if (seen.has(name)) throw invalid(`SignedHeaders lists "${name}" twice`);
    seen.add(name);
  }
  return names;
}

/** Checks a signature: 64 lower-case hex digits. @internal */
export function checkSignatureHex(signature: string): string {
  if (!isHexDigest(signature)) throw invalid('Signature must be 64 lower-case hex digits');
  return signature;
}

/**
 * Parses a SigV4 `Authorization` header value:
 * `AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=…`.
 * Components may come in any order, separated by `,` with optional spaces; each must appear
 * once. Throws `ERR_SIGV4_INVALID_AUTHORIZATION` with the reason — including the two mistakes STS
 * reports as "Request is missing Authentication Token": a value that repeats the header name, and
 * an algorithm other than `AWS4-HMAC-SHA256`.
 *
 * @example
 * ```ts
 * const parsed = parseAuthorizationHeader(signed.authorization);
 * parsed.signedHeaders; // ['host', 'x-amz-date']
 * ```
 * @public
 */
export function parseAuthorizationHeader(value: string): ParsedAuthorization {
  if (typeof value !== 'string') throw invalid('must be a string');
  const text = value.trim();
  if (/^authorization\s*:/i.test(text)) throw invalid('value repeats the header name ("Authorization: Authorization: …"); send only the value');
  const space = text.indexOf(' ');
  const algorithm = space < 0 ? text : text.slice(0, space);
  if (algorithm !== SIGV4_ALGORITHM) {
    throw invalid(
      algorithm.startsWith('AWS4-')
        ? `uses algorithm ${JSON.stringify(algorithm.slice(0, 32))}; only ${SIGV4_ALGORITHM} (SigV4) is supported`
        : `must start with "${SIGV4_ALGORITHM} " (AWS4, not AWS)`,
    );
  }
  if (space < 0) throw invalid('has no Credential=, SignedHeaders= and Signature= after the algorithm');
  const fields = new Map<string, string>();
  for (const part of text.slice(space + 1).split(',')) {
    const item = part.trim();
    const eq = item.indexOf('=');
    const name = eq < 0 ? item : item.slice(0, eq);
    if (name !== 'Credential' && name !== 'SignedHeaders' && name !== 'Signature') {
      throw invalid(`has an unknown component ${JSON.stringify(name.slice(0, 32))} (expected Credential=, SignedHeaders=, Signature=)`);
    }
    if (fields.has(name)) throw invalid(`has ${name}= twice`);
    fields.set(name, eq < 0 ? '' : item.slice(eq + 1));
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (credential === undefined) throw invalid('is missing Credential=');
  if (signedHeaders === undefined) throw invalid('is missing SignedHeaders=');
  if (signature === undefined) throw invalid('is missing Signature=');
  return {
    algorithm: SIGV4_ALGORITHM,
    ...parseCredential(credential),
    signedHeaders: parseSignedHeaders(signedHeaders),
    signature: checkSignatureHex(signature),
  };
}
