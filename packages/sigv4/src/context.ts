import { isSignable } from './canonical-headers.js';
import { canonicalPath } from './canonical-path.js';
import { canonicalQuery, parseQuery, type QueryParam } from './canonical-query.js';
import type { CheckedCredentials } from './credentials.js';
import { deriveSigningKey, hmacSha256Hex, sha256Hex } from './crypto.js';
import { lowerToken } from './http-token.js';
import type { Knobs } from './options.js';
import { credentialScope } from './scope.js';
import { parseRequestUrl, type ParsedUrl } from './url.js';

/** A URL with its canonical URI and query worked out for one pair of path knobs. @internal */
export interface PreparedUrl {
  readonly parsed: ParsedUrl;
  readonly canonicalUri: string;
  readonly params: readonly QueryParam[];
  readonly canonicalQuery: string;
}

/** @internal */
export function prepareUrl(url: string | URL, normalize: boolean, doubleEncode: boolean): PreparedUrl {
  const parsed = parseRequestUrl(url);
  const params = parseQuery(parsed.query);
  return { parsed, canonicalUri: canonicalPath(parsed.path, normalize, doubleEncode), params, canonicalQuery: canonicalQuery(params) };
}

/**
 * What the signing core asks of its surroundings. The stateless functions compute everything;
 * a `createSigner()` instance answers from its own bounded caches.
 * @internal
 */
export interface SigningContext {
  url(url: string | URL, normalize: boolean, doubleEncode: boolean): PreparedUrl;
  stringPayloadHash(body: string): string;
  /** The signature (hex HMAC of `stringToSign` under the derived signing key). */
  signature(credentials: CheckedCredentials, dateStamp: string, region: string, service: string, stringToSign: string): string;
  scope(dateStamp: string, region: string, service: string): string;
  /** The lower-case form of a valid header name, `undefined` for an invalid one. */
  readonly lowerName: (rawName: string) => string | undefined;
  readonly isSignable: (name: string, knobs: Knobs) => boolean;
}

/** Caches nothing: used by signRequest and presignRequest. @internal */
export const STATELESS_CONTEXT: SigningContext = Object.freeze({
  url: prepareUrl,
  stringPayloadHash: sha256Hex,
  signature: (credentials: CheckedCredentials, dateStamp: string, region: string, service: string, stringToSign: string) =>
    hmacSha256Hex(deriveSigningKey(credentials.secretAccessKey, dateStamp, region, service), stringToSign),
  scope: credentialScope,
  lowerName: lowerToken,
  isSignable,
});
