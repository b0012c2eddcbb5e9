import { canonicalHeaderBlock } from './canonical-headers.js';
import { canonicalQuery, type QueryParam } from './canonical-query.js';
import { SIGV4_ALGORITHM } from './constants.js';
import type { SigningContext } from './context.js';
import { sendableHeaders } from './headers.js';
import type { Knobs } from './options.js';
import { resolvePayloadHash } from './request.js';
import { prepareRequest } from './prepare-request.js';
import { PresignedRequestResult } from './results.js';
import { signCanonical } from './sign-canonical.js';
import type { SigningIdentity } from './sign-core.js';
import { uriEncode } from './uri-encode.js';

// Query parameters the presigner owns: any of them already in the URL (say, from an earlier
// presign) is dropped, whatever its case, so the URL never carries two signatures.
const AUTH_PARAMS: readonly string[] = Object.freeze([
  'x-amz-algorithm',
  'x-amz-credential',
  'x-amz-date',
  'x-amz-expires',
  'x-amz-security-token',
  'x-amz-signedheaders',
  'x-amz-signature',
]);

function param(key: string, value: string): QueryParam {
  return { key, value, raw: `${key}=${value}` };
}

/**
 * Query-mode signing (presigned URL). `x-amz-*` headers move into the query, except those in
 * `unhoistableHeaders`; the rest stay headers and are signed. The payload hash is the body hash
 * (or `payloadHash`), and no `x-amz-content-sha256` is added, as in the official suite.
 * @internal
 */
export function presignCore(input: unknown, knobs: Knobs, identity: SigningIdentity, context: SigningContext): PresignedRequestResult {
  const { credentials, region, service, date } = identity;
  const token = credentials.sessionToken;
  const prepared = prepareRequest(input, knobs, token, context);
  const { request, url, list } = prepared;
  const payloadHash = resolvePayloadHash(request.body, list, knobs, context);

  const extra: QueryParam[] = url.params.filter((p) => !AUTH_PARAMS.includes(p.key.toLowerCase()));
  for (let i = 0; i < list.names.length; ) {
    const name = list.names[i] ?? '';
    if (name.startsWith('x-amz-') && knobs.unhoistable?.has(name) !== true) {
      extra.push(param(uriEncode(list.rawNames[i] ?? ''), uriEncode(list.raw[i] ?? '')));
      list.remove(name);
    } else {
      i++;
    }
  }

  const block = canonicalHeaderBlock(list, knobs, context.isSignable);
  const scope = context.scope(date.dateStamp, region, service);
  const auth: QueryParam[] = [
    param('X-Amz-Algorithm', SIGV4_ALGORITHM),
    param('X-Amz-Credential', uriEncode(`${credentials.accessKeyId}/${scope}`)),
    param('X-Amz-Date', date.amzDate),
    param('X-Amz-SignedHeaders', uriEncode(block.signed)),
    param('X-Amz-Expires', String(knobs.expiresIn)),
  ];
  const tokenParam = token === undefined ? undefined : param('X-Amz-Security-Token', uriEncode(token));
  if (tokenParam !== undefined && !knobs.omitSessionToken) auth.push(tokenParam);

  const details = signCanonical(prepared, canonicalQuery([...extra, ...auth]), block, payloadHash, scope, identity, context);

  if (tokenParam !== undefined && knobs.omitSessionToken) auth.push(tokenParam);
  auth.push(param('X-Amz-Signature', details.signature));
  const search = [...extra, ...auth].map((p) => p.raw).join('&');
  const { origin, path, fragment } = url.parsed;
  return new PresignedRequestResult(request, `${origin}${path}?${search}${fragment}`, sendableHeaders(list), details, knobs.expiresIn, token);
}
