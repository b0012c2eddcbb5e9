import { canonicalHeaderBlock } from './canonical-headers.js';
import { SIGV4_ALGORITHM } from './constants.js';
import type { SigningContext } from './context.js';
import type { CheckedCredentials } from './credentials.js';
import { sha256Hex } from './crypto.js';
import type { AmzDate } from './date.js';
import { sendableValue } from './headers.js';
import type { Knobs } from './options.js';
import { newHeaders } from './redact.js';
import { resolvePayloadHash } from './request.js';
import { prepareRequest } from './prepare-request.js';
import { SignedRequestResult } from './results.js';

/** Who signs, for which scope and when: resolved before the signing core runs. @internal */
export interface SigningIdentity {
  readonly credentials: CheckedCredentials;
  readonly region: string;
  readonly service: string;
  readonly date: AmzDate;
}

/**
 * Header-mode signing. The caller's `authorization` and `x-amz-date` headers are replaced, as is
 * its `x-amz-security-token` when the credentials carry a token; `host` is added from the URL
 * when missing.
 * @internal
 */
export function signCore(input: unknown, knobs: Knobs, identity: SigningIdentity, context: SigningContext): SignedRequestResult {
  const { credentials, region, service, date } = identity;
  const token = credentials.sessionToken;
  const { request, url, list } = prepareRequest(input, knobs, token, context);
  list.push('x-amz-date', 'x-amz-date', date.amzDate);
  if (token !== undefined && !knobs.omitSessionToken) list.push('x-amz-security-token', 'x-amz-security-token', token);
  const payloadHash = resolvePayloadHash(request.body, list, knobs, context);
  if (knobs.signPayloadHashHeader && list.indexOf('x-amz-content-sha256') < 0) {
    list.push('x-amz-content-sha256', 'x-amz-content-sha256', payloadHash);
  }

  const block = canonicalHeaderBlock(list, knobs, context.isSignable);
  const canonicalRequest = `${request.method}\n${url.canonicalUri}\n${url.canonicalQuery}\n${block.lines}\n${block.signed}\n${payloadHash}`;
  const scope = context.scope(date.dateStamp, region, service);
  const stringToSign = `${SIGV4_ALGORITHM}\n${date.amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  const signature = context.signature(credentials, date.dateStamp, region, service, stringToSign);
  const authorization = `${SIGV4_ALGORITHM} Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${block.signed}, Signature=${signature}`;

  const headers = newHeaders();
  const { rawNames } = list;
  for (let i = 0; i < rawNames.length; i++) headers[rawNames[i] ?? ''] = sendableValue(list, i);
  headers.authorization = authorization;
  if (token !== undefined && knobs.omitSessionToken) headers['x-amz-security-token'] = token;

  return new SignedRequestResult(
    {
      method: request.method,
      url: typeof request.url === 'string' ? request.url : request.url.href,
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
    authorization,
    token,
  );
}
