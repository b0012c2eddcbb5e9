import { canonicalHeaderBlock } from './canonical-headers.js';
import { SIGV4_ALGORITHM } from './constants.js';
import type { SigningContext } from './context.js';
import type { CheckedCredentials } from './credentials.js';
import type { AmzDate } from './date.js';
import { sendableHeaders } from './headers.js';
import type { Knobs } from './options.js';
import { resolvePayloadHash } from './request.js';
import { prepareRequest } from './prepare-request.js';
import { SignedRequestResult } from './results.js';
import { signCanonical } from './sign-canonical.js';

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
  const prepared = prepareRequest(input, knobs, token, context);
  const { request, url, list } = prepared;
  list.push('x-amz-date', 'x-amz-date', date.amzDate);
  if (token !== undefined && !knobs.omitSessionToken) list.push('x-amz-security-token', 'x-amz-security-token', token);
  const payloadHash = resolvePayloadHash(request.body, list, knobs, context);
  if (knobs.signPayloadHashHeader && list.indexOf('x-amz-content-sha256') < 0) {
    list.push('x-amz-content-sha256', 'x-amz-content-sha256', payloadHash);
  }

  const block = canonicalHeaderBlock(list, knobs, context.isSignable);
  const scope = context.scope(date.dateStamp, region, service);
  const details = signCanonical(prepared, url.canonicalQuery, block, payloadHash, scope, identity, context);
  const authorization = `${SIGV4_ALGORITHM} Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${block.signed}, Signature=${details.signature}`;

  const headers = sendableHeaders(list);
  headers.authorization = authorization;
  if (token !== undefined && knobs.omitSessionToken) headers['x-amz-security-token'] = token;
  const urlText = typeof request.url === 'string' ? request.url : request.url.href;
  return new SignedRequestResult(request, urlText, headers, details, authorization, token);
}
