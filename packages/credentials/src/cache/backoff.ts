import type { IamkitError } from '../errors.js';
import type { RandomSource } from '../runtime.js';
import { CACHE_DEFAULTS, type ResolvedCacheOptions } from './cache-options.js';

/**
 * How long the cache leaves the source alone after a failed fetch.
 *
 * - Non-retryable errors (`retryable: false`: access denied, not configured, invalid output) are
 *   remembered for a random 1–5 s, long enough to stop a connection storm from re-running a
 *   doomed fetch, short enough that a fixed configuration is picked up at once.
 * - Retryable errors back off exponentially (base × 2^(failures−1), capped), with "equal jitter":
 *   a random point in the upper half, so the delay never collapses to zero and a fleet spreads out.
 * - `untilMandatoryMs` (time left before the current credentials enter the mandatory window) caps
 *   the exponential part, so one attempt always lands right when callers start needing new
 *   credentials.
 * - A source's own `Retry-After` (`retryAfterMs`) is a floor: the cache never comes back sooner
 *   than the source asked.
 */
export function backoffDelay(
  error: IamkitError,
  consecutiveFailures: number,
  untilMandatoryMs: number,
  random: RandomSource,
  options: Pick<ResolvedCacheOptions, 'backoffBaseMs' | 'backoffMaxMs'>,
): number {
  const draw = Math.min(Math.max(random(), 0), 1);
  let delay: number;
  if (!error.retryable) {
    const [min, max] = CACHE_DEFAULTS.nonRetryableBackoffMs;
    delay = min + draw * (max - min);
  } else {
    const exponential = Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** Math.min(consecutiveFailures - 1, 30));
    delay = exponential / 2 + (draw * exponential) / 2;
  }
  delay = Math.min(delay, Math.max(untilMandatoryMs, 0));
  const retryAfter = error.retryAfterMs;
  return typeof retryAfter === 'number' && Number.isFinite(retryAfter) && retryAfter > delay ? retryAfter : delay;
}
