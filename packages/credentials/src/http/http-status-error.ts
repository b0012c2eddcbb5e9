import { IamkitError } from '../errors.js';
import { formatDuration } from '../format-duration.js';
import { scrubSecrets } from '../redact.js';
import type { Clock } from '../runtime.js';
import type { HttpResponse } from './http-request.js';
import { parseRetryAfter } from './retry-after.js';

/**
 * Options of {@link httpStatusError}.
 *
 * @example
 * ```ts
 * httpStatusError(response, { source: 'imds', hint: 'An expired IMDSv2 token gives 401.', secrets: [token] });
 * ```
 * @public
 */
export interface HttpStatusErrorOptions {
  readonly source: string;
  /** A sentence appended to the message: what to check for this endpoint. */
  readonly hint?: string | undefined;
  /** Values that must never be echoed (tokens the request carried); long base64 and JWTs are scrubbed anyway. */
  readonly secrets?: readonly (string | undefined)[] | undefined;
  /** Clock for an HTTP-date `Retry-After`; defaults to `Date.now`. */
  readonly now?: Clock | undefined;
}

const EXCERPT_CHARS = 200;

/**
 * Turns a non-2xx response into an {@link IamkitError} with a scrubbed, size-limited excerpt of
 * the body:
 *
 * - 429 → `ERR_CREDENTIALS_THROTTLED`, retryable, `retryAfterMs` from `Retry-After` (seconds or
 *   HTTP-date) when present;
 * - 408, 5xx → `ERR_HTTP_STATUS`, retryable (a 503's `Retry-After` is read too);
 * - other 4xx → `ERR_HTTP_STATUS`, not retryable.
 *
 * @example
 * ```ts
 * if (response.status !== 200) throw httpStatusError(response, { source: 'container', secrets: [authToken] });
 * ```
 * @public
 */
export function httpStatusError(
  response: Pick<HttpResponse, 'status' | 'headers' | 'body' | 'method' | 'url'>,
  options: HttpStatusErrorOptions,
): IamkitError {
  const { status } = response;
  const { source } = options;
  const retryAfterMs = parseRetryAfter(response.headers['retry-after'], (options.now ?? Date.now)());
  const excerpt = bodyExcerpt(response.body, options.secrets);
  const answered = `${source}: ${response.method} ${response.url} answered HTTP ${status}`;
  const said = excerpt === '' ? '' : `: ${excerpt}`;
  const hint = options.hint === undefined ? '' : ` ${options.hint}`;
  if (status === 429) {
    const wait = retryAfterMs === undefined ? '' : ` (Retry-After: ${formatDuration(retryAfterMs)})`;
    return new IamkitError({
      code: 'ERR_CREDENTIALS_THROTTLED',
      source,
      status,
      retryable: true,
      retryAfterMs,
      message:
        `${answered} Too Many Requests${wait}${said}. The endpoint is rate-limiting this host: ` +
        `share one cached() provider across clients and connections instead of fetching per request.${hint}`,
    });
  }
  const retryable = status === 408 || status >= 500;
  return new IamkitError({
    code: 'ERR_HTTP_STATUS',
    source,
    status,
    retryable,
    retryAfterMs,
    message: `${answered}${said}.${hint}`,
  });
}

// One line, scrubbed, at most EXCERPT_CHARS characters: enough to show `{"code":"…","message":"…"}`
// or the start of an XML error, never a whole page. The whole body is scrubbed before it is cut, so
// the cut cannot leave the unrecognisable start of a secret behind.
function bodyExcerpt(body: string, secrets: readonly (string | undefined)[] | undefined): string {
  const line = scrubSecrets(body, secrets)
    .replace(/[\p{Cc}\s]+/gu, ' ')
    .trim();
  if (line === '') return '';
  return JSON.stringify(line.length > EXCERPT_CHARS ? `${line.slice(0, EXCERPT_CHARS)}…` : line);
}
