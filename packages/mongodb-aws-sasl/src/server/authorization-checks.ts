import { parseAuthorizationHeader } from '@iamkit/sigv4';
import { mongoAwsError } from '../errors.js';

/**
 * The headers mongod lets a client sign, in the order they must appear in SignedHeaders.
 *
 * @example
 * ```ts
 * MONGOD_SIGNED_HEADER_ALLOW_LIST.includes('x-mongodb-optional-data'); // true (allowed by mongod, never forwarded)
 * ```
 * @public
 */
export const MONGOD_SIGNED_HEADER_ALLOW_LIST: readonly string[] = Object.freeze([
  'content-length',
  'content-type',
  'host',
  'x-amz-date',
  'x-amz-security-token',
  'x-mongodb-gs2-cb-flag',
  'x-mongodb-optional-data',
  'x-mongodb-server-nonce',
]);

const EXACT_WITHOUT_TOKEN = 'content-length;content-type;host;x-amz-date;x-mongodb-gs2-cb-flag;x-mongodb-server-nonce';
const EXACT_WITH_TOKEN = 'content-length;content-type;host;x-amz-date;x-amz-security-token;x-mongodb-gs2-cb-flag;x-mongodb-server-nonce';

function bad(message: string, mongodCode?: number): never {
  throw mongoAwsError('ERR_MONGODB_AWS_BAD_AUTHORIZATION', `the client-final "a" (Authorization) ${message}`, { mongodCode });
}

/**
 * mongod's own checks of `a`, in its order, with its assertion codes (protocol §9.2). Returns the
 * access key id (a log hint) and the SignedHeaders list.
 */
function mongodChecks(a: string): { readonly accessKeyId: string; readonly signedHeaders: readonly string[] } {
  const marker = 'SignedHeaders=';
  const start = a.indexOf(marker);
  if (start < 0) bad('has no SignedHeaders=.', 51293);
  const comma = a.indexOf(',', start);
  if (comma < 0) bad('has no "," after SignedHeaders=.', 51292);
  const signedHeaders = a.slice(start + marker.length, comma).split(';');
  let cursor = 0;
  for (const name of signedHeaders) {
    const found = MONGOD_SIGNED_HEADER_ALLOW_LIST.indexOf(name, cursor);
    if (found < 0) {
      const known = MONGOD_SIGNED_HEADER_ALLOW_LIST.includes(name);
      bad(`signs ${JSON.stringify(name.slice(0, 64))}, which ${known ? 'is out of order: SignedHeaders must be sorted lexicographically' : 'is not a header MONGODB-AWS may sign'}.`, 51290);
    }
    cursor = found + 1;
  }
  if (!signedHeaders.includes('x-mongodb-gs2-cb-flag')) bad('does not sign x-mongodb-gs2-cb-flag.', 51289);
  if (!signedHeaders.includes('x-mongodb-server-nonce')) bad('does not sign x-mongodb-server-nonce.', 51288);
  const credential = a.indexOf('Credential=');
  if (credential < 0) bad('has no Credential=.', 51742);
  const slash = a.indexOf('/', credential);
  if (slash < 0) bad('has no "/" after the access key id in Credential=.', 51743);
  return { accessKeyId: a.slice(credential + 'Credential='.length, slash), signedHeaders };
}

/**
 * Checks the `a` of a client-final as mongod does (SignedHeaders present and followed by a
 * comma, only allow-listed headers in allow-list order, the gs2 flag and server nonce signed, an
 * access key id in Credential=; each failure carries mongod's code as `mongodCode`), then — for
 * conformance — that the header is a well-formed SigV4 value signing exactly the headers of the
 * protocol (§5), with `x-amz-security-token` if and only if `t` was sent. Throws
 * `ERR_MONGODB_AWS_BAD_AUTHORIZATION`; messages never echo the value.
 *
 * @example
 * ```ts
 * const { accessKeyId } = checkClientAuthorization(a, t !== undefined);
 * ```
 * @public
 */
export function checkClientAuthorization(a: string, hasSessionToken: boolean): { readonly accessKeyId: string; readonly signedHeaders: readonly string[] } {
  const checked = mongodChecks(a);
  const expected = hasSessionToken ? EXACT_WITH_TOKEN : EXACT_WITHOUT_TOKEN;
  const actual = checked.signedHeaders.join(';');
  if (actual !== expected) {
    const hint = hasSessionToken && !checked.signedHeaders.includes('x-amz-security-token')
      ? ' The client sent a session token (t) but did not sign x-amz-security-token.'
      : !hasSessionToken && checked.signedHeaders.includes('x-amz-security-token')
        ? ' The client signed x-amz-security-token but sent no session token (t).'
        : '';
    bad(`signs ${actual}; MONGODB-AWS signs exactly ${expected}.${hint}`);
  }
  try {
    parseAuthorizationHeader(a);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Authorization header /, '') : 'is malformed';
    throw mongoAwsError('ERR_MONGODB_AWS_BAD_AUTHORIZATION', `the client-final "a" (Authorization) ${reason}`, { cause: error });
  }
  return checked;
}
