import { canonicalHeaderBlock } from './canonical-headers.js';
import { canonicalQuery, type QueryParam } from './canonical-query.js';
import { SIGV4_ALGORITHM } from './constants.js';
import type { SigningContext } from './context.js';
import { sha256Hex } from './crypto.js';
import { sendableValue } from './headers.js';
import type { Knobs } from './options.js';
import { newHeaders } from './redact.js';
import { resolvePayloadHash } from './request.js';
import { prepareRequest } from './prepare-request.js';
import { PresignedRequestResult } from './results.js';
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
  const { request, url, list } = prepareRequest(input, knobs, token, context);
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

  const query = canonicalQuery([...extra, ...auth]);
  const canonicalRequest = `${request.method}\n${url.canonicalUri}\n${query}\n${block.lines}\n${block.signed}\n${payloadHash}`;
  const stringToSign = `${SIGV4_ALGORITHM}\n${date.amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  const signature = context.signature(credentials, date.dateStamp, region, service, stringToSign);

  if (tokenParam !== undefined && knobs.omitSessionToken) auth.push(tokenParam);
  auth.push(param('X-Amz-Signature', signature));
  const search = [...extra, ...auth].map((p) => p.raw).join('&');
  const { origin, path, fragment } = url.parsed;

  const headers = newHeaders();
  for (let i = 0; i < list.rawNames.length; i++) headers[list.rawNames[i] ?? ''] = sendableValue(list, i);

  return new PresignedRequestResult(
    {
      method: request.method,
      url: `${origin}${path}?${search}${fragment}`,
      headers,
      body: request.body ?? undefined,
      amzDate: date.amzDate,
      dateStamp: date.dateStamp,
      credentialScope: scope,
      canonicalRequest,
      stringToSign,
      signedHeaders: block.signed,
      signature,
      payloadHash,
    },
    knobs.expiresIn,
    token,
  );
}
