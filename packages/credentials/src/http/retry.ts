import { setTimeout as delay } from 'node:timers/promises';
import { abortedError } from '../abort.js';
import { isIamkitError, type IamkitError } from '../errors.js';
import type { Clock, RandomSource } from '../runtime.js';

/**
 * Sleeps `ms` milliseconds, rejecting early if `signal` fires. Injected in tests.
 *
 * @example
 * ```ts
 * const sleep: Sleep = async (ms) => void slept.push(ms); // a test's sleep that does not wait
 * ```
 * @public
 */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * What {@link RetryOptions.onRetry} is told before each wait.
 *
 * @example
 * ```ts
 * withRetry(op, { onRetry: ({ error, attempt, delayMs }) => log.debug(`attempt ${attempt} failed (${error.code}), retrying in ${delayMs} ms`) });
 * ```
 * @public
 */
export interface RetryEvent {
  readonly error: IamkitError;
  /** The attempt that failed, from 1. */
  readonly attempt: number;
  readonly delayMs: number;
}

/**
 * Options of {@link withRetry}; defaults in {@link RETRY_DEFAULTS}.
 *
 * @example
 * ```ts
 * const options: RetryOptions = { maxAttempts: 4, baseDelayMs: 200, signal };
 * ```
 * @public
 */
export interface RetryOptions {
  /** Attempts in total, the first included. */
  readonly maxAttempts?: number | undefined;
  /** Cap of attempt n's delay is `baseDelayMs × 2^(n−1)`, itself capped by `maxDelayMs`. */
  readonly baseDelayMs?: number | undefined;
  readonly maxDelayMs?: number | undefined;
  /**
   * A `Retry-After` longer than this ends the retries at once and the error is thrown with its
   * `retryAfterMs`: waiting that long inside one fetch would stall callers, and the cache honours
   * it as its backoff instead.
   */
  readonly maxRetryAfterMs?: number | undefined;
  /**
   * Total time budget, from the first attempt: a wait that would end past it is not started and
   * the last error is thrown instead, so one fetch lasts at most this plus one attempt's
   * timeouts. No deadline by default.
   */
  readonly deadlineMs?: number | undefined;
  /** Clock for `deadlineMs`; defaults to `Date.now`. */
  readonly now?: Clock | undefined;
  /** Which errors to retry; default: iamkit errors with `retryable: true`. Others are thrown at once. */
  readonly shouldRetry?: ((error: IamkitError, attempt: number) => boolean) | undefined;
  readonly onRetry?: ((event: RetryEvent) => void) | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Source name for an abort error. */
  readonly source?: string | undefined;
  readonly sleep?: Sleep | undefined;
  readonly random?: RandomSource | undefined;
}

/**
 * Defaults of {@link RetryOptions}: 3 attempts, full-jitter delays capped at 100 ms, 200 ms, … up
 * to 2 s, `Retry-After` honoured up to 5 s.
 *
 * @example
 * ```ts
 * RETRY_DEFAULTS.maxAttempts; // 3
 * ```
 * @public
 */
export const RETRY_DEFAULTS = Object.freeze({
  maxAttempts: 3,
  baseDelayMs: 100,
  maxDelayMs: 2_000,
  maxRetryAfterMs: 5_000,
});

const realSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal });

/**
 * Runs `operation` until it succeeds, with exponential backoff and full jitter (a random delay
 * between 0 and the attempt's cap, so a fleet that failed together does not retry together),
 * honouring an error's `retryAfterMs` as a floor. It stops at once on a non-retryable error (a
 * 400, access denied, not configured) and throws the last error as is.
 *
 * @example
 * ```ts
 * const response = await withRetry(() => fetchCredentialsOnce(), { maxAttempts: 4, signal });
 * ```
 * @public
 */
export async function withRetry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const requested = options.maxAttempts ?? RETRY_DEFAULTS.maxAttempts;
  // A NaN or infinite count would retry forever: fall back to the default.
  const maxAttempts = Number.isFinite(requested) ? Math.max(1, Math.floor(requested)) : RETRY_DEFAULTS.maxAttempts;
  const baseDelayMs = options.baseDelayMs ?? RETRY_DEFAULTS.baseDelayMs;
  const maxDelayMs = options.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? RETRY_DEFAULTS.maxRetryAfterMs;
  const shouldRetry = options.shouldRetry ?? ((error: IamkitError) => error.retryable);
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const { signal } = options;
  const source = options.source ?? 'retry';
  const now = options.now ?? Date.now;
  const deadline = options.deadlineMs === undefined ? Infinity : now() + options.deadlineMs;

  for (let attempt = 1; ; attempt += 1) {
    if (signal?.aborted === true) throw abortedError(signal, source, 'the request');
    try {
      return await operation(attempt);
    } catch (error) {
      if (!isIamkitError(error) || attempt >= maxAttempts || !shouldRetry(error, attempt)) throw error;
      const retryAfter = error.retryAfterMs;
      if (retryAfter !== undefined && retryAfter > maxRetryAfterMs) throw error;
      const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      const delayMs = Math.max(Math.min(Math.max(random(), 0), 1) * cap, retryAfter ?? 0);
      if (now() + delayMs > deadline) throw error;
      options.onRetry?.({ error, attempt, delayMs });
      try {
        await sleep(delayMs, signal);
      } catch (sleepError) {
        if (signal !== undefined && isAborted(signal)) throw abortedError(signal, source, 'the request');
        throw sleepError;
      }
    }
  }
}

// A function, so the compiler does not assume `aborted` kept the value it had before the await.
function isAborted(signal: AbortSignal): boolean {
  return signal.aborted;
}
