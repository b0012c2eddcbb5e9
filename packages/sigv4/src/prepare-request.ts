import type { PreparedUrl, SigningContext } from './context.js';
import { collectHeaders, type HeaderList } from './headers.js';
import type { Knobs } from './options.js';
import { checkRequest } from './request.js';
import type { SignableRequest } from './types.js';

/** The request as both signing modes start from it. @internal */
export interface PreparedRequest {
  readonly request: SignableRequest;
  readonly url: PreparedUrl;
  readonly list: HeaderList;
}

/**
 * What header mode and query mode do first: check the request, prepare its URL, collect its
 * headers, drop the caller's `authorization` and `x-amz-date` (and `x-amz-security-token` when the
 * credentials bring their own token), and add `host` from the URL when missing.
 * @internal
 */
export function prepareRequest(input: unknown, knobs: Knobs, token: string | undefined, context: SigningContext): PreparedRequest {
  const request = checkRequest(input);
  const url = context.url(request.url, knobs.normalizePath, knobs.doubleEncodePath);
  const list = collectHeaders(request.headers, context.lowerName);
  list.remove('authorization');
  list.remove('x-amz-date');
  if (token !== undefined) list.remove('x-amz-security-token');
  if (list.indexOf('host') < 0) list.push('host', 'host', url.parsed.host);
  return { request, url, list };
}
