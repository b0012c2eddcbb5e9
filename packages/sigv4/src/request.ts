import { SigV4Error } from './errors.js';
import type { HeaderList } from './headers.js';
import { lowerToken } from './http-token.js';
import type { Knobs } from './options.js';
import { checkPayloadHash, hashBinaryBody } from './payload.js';
import type { SigningContext } from './context.js';
import type { SignableRequest } from './types.js';

/** Validates the request object (and its method) and returns it. @internal */
export function checkRequest(request: unknown): SignableRequest {
  if (typeof request !== 'object' || request === null) {
    throw new SigV4Error('ERR_SIGV4_INVALID_OPTIONS', 'the request to sign must be an object { method, url, headers?, body? }.');
  }
  const { method } = request as { method?: unknown };
  if (typeof method !== 'string' || lowerToken(method) === undefined) {
    throw new SigV4Error('ERR_SIGV4_INVALID_METHOD', 'request.method must be an HTTP method such as GET or POST (an HTTP token: no spaces or line breaks).');
  }
  return request as SignableRequest;
}

/**
 * The payload hash: `options.payloadHash`, else an `x-amz-content-sha256` header the caller set,
 * else the SHA-256 of the body (the empty-string hash without one).
 * @internal
 */
export function resolvePayloadHash(body: unknown, list: HeaderList, knobs: Knobs, context: SigningContext): string {
  const index = list.indexOf('x-amz-content-sha256');
  if (knobs.payloadHash !== undefined) {
    if (index >= 0 && list.canon[index] !== knobs.payloadHash) {
      throw new SigV4Error(
        'ERR_SIGV4_INVALID_PAYLOAD_HASH',
        'the x-amz-content-sha256 header and options.payloadHash disagree; set only one of them.',
      );
    }
    return knobs.payloadHash;
  }
  if (index >= 0) return checkPayloadHash(list.canon[index], 'the x-amz-content-sha256 header');
  if (typeof body === 'string') return context.stringPayloadHash(body);
  return hashBinaryBody(body);
}
