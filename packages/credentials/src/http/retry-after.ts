/** Longest `Retry-After` honoured: a buggy or hostile value must not stall credentials for hours. */
const MAX_RETRY_AFTER_MS = 10 * 60_000;

/**
 * Reads a `Retry-After` header — delay-seconds (`120`) or an HTTP-date
 * (`Wed, 21 Oct 2015 07:28:00 GMT`) — into milliseconds from `now`, capped at 10 minutes.
 * Returns `undefined` when the header is absent or unreadable; a date in the past gives 0.
 *
 * @example
 * ```ts
 * parseRetryAfter('2');                                                 // 2000
 * parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('2015-10-21T07:28:00Z')); // 30000
 * ```
 * @public
 */
export function parseRetryAfter(value: string | readonly string[] | undefined, now: number = Date.now()): number | undefined {
  const text = (typeof value === 'string' ? value : value?.[0])?.trim();
  if (text === undefined || text === '') return undefined;
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  // Only an HTTP-date (it names a weekday or a GMT zone); Date.parse alone would accept "5 minutes".
  if (!/^[A-Za-z]{3},? /.test(text) || !/GMT|UTC|[+-]\d{4}$/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(at - now, 0), MAX_RETRY_AFTER_MS);
}
