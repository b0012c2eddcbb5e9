import { IamkitError } from '../errors.js';
import type { HttpResponse } from './http-request.js';
import { jsonPrefixError } from './json-prefix.js';

/**
 * Options of {@link parseJsonBody}.
 *
 * @example
 * ```ts
 * parseJsonBody(response, { source: 'container', what: 'credentials response' });
 * ```
 * @public
 */
export interface ParseJsonBodyOptions {
  readonly source: string;
  /** What the body is, for messages; default `'response'`. */
  readonly what?: string | undefined;
}

/**
 * Parses a response body as JSON, telling a body that was cut short from one that is wrong:
 *
 * - a valid start of a JSON document that stops early → `ERR_HTTP_TRUNCATED_BODY` (retryable);
 * - an empty body, or one with a character no JSON could have there (an HTML error page, a proxy
 *   banner) → `ERR_HTTP_MALFORMED_BODY` with the byte position (retryable only when empty).
 *
 * The message never quotes the body (a credentials body holds the secret key); it gives the
 * length, the position and the content type.
 *
 * @example
 * ```ts
 * const data = parseJsonBody(response, { source: 'imds', what: 'credentials document' }) as Record<string, unknown>;
 * ```
 * @public
 */
export function parseJsonBody(response: Pick<HttpResponse, 'body' | 'headers' | 'method' | 'url'>, options: ParseJsonBodyOptions): unknown {
  const { body } = response;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    // JSON.parse's own message quotes the input, so it is neither kept nor chained as the cause.
  }
  const { source } = options;
  const subject = `${source}: the ${options.what ?? 'response'} from ${response.method} ${response.url}`;
  const type = headerValue(response.headers['content-type']);
  const typed = type === undefined ? '' : `, content-type ${type}`;
  if (body.trim() === '') {
    return fail('ERR_HTTP_MALFORMED_BODY', true, `${subject} is empty; expected a JSON document${typed}.`, source);
  }
  const at = jsonPrefixError(body);
  if (at === -1) {
    return fail(
      'ERR_HTTP_TRUNCATED_BODY',
      true,
      `${subject} is truncated: its ${body.length} characters are the start of a JSON document that never ends${typed}. The server or a proxy cut the response short.`,
      source,
    );
  }
  const found = body.charAt(at);
  const shown = /[\p{L}\p{N}]/u.test(found) ? 'a letter or digit' : JSON.stringify(found);
  const html = body.trimStart().startsWith('<') ? ' It looks like HTML or XML: is a proxy or captive portal answering instead of the endpoint?' : '';
  return fail(
    'ERR_HTTP_MALFORMED_BODY',
    false,
    `${subject} is not valid JSON: unexpected ${shown} at character ${at} of ${body.length}${typed}.${html}`,
    source,
  );
}

function fail(code: 'ERR_HTTP_TRUNCATED_BODY' | 'ERR_HTTP_MALFORMED_BODY', retryable: boolean, message: string, source: string): never {
  throw new IamkitError({ code, source, retryable, message });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined ? undefined : text.replace(/[\p{Cc}]/gu, '').slice(0, 80);
}
