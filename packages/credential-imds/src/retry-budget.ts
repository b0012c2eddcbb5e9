import { withRetry, type Clock, type IamkitError, type RandomSource, type RetryEvent, type Sleep } from '@iamkit/credentials';
import { setTimeout as delay } from 'node:timers/promises';

/** How one fetch retries: attempts, backoff and a deadline after which no retry starts. */
export interface RetryBudget {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly deadlineMs: number;
  readonly now: Clock;
  readonly random: RandomSource;
  readonly sleep: Sleep | undefined;
  readonly signal: AbortSignal | undefined;
  readonly source: string;
  readonly shouldRetry?: ((error: IamkitError, attempt: number) => boolean) | undefined;
  readonly onRetry?: ((event: RetryEvent) => void) | undefined;
}

const realSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal });

/**
 * `withRetry` (full-jitter exponential backoff, `Retry-After` as a floor, non-retryable errors
 * thrown at once) plus a total deadline: a wait that would end past the deadline is not started,
 * and the error that asked for it is thrown instead. A fetch therefore lasts at most the deadline
 * plus one attempt's timeouts.
 */
export function retryWithinBudget<T>(operation: (attempt: number) => Promise<T>, budget: RetryBudget): Promise<T> {
  const deadline = budget.now() + budget.deadlineMs;
  const sleep = budget.sleep ?? realSleep;
  let last: IamkitError | undefined;
  return withRetry(operation, {
    maxAttempts: budget.maxAttempts,
    baseDelayMs: budget.baseDelayMs,
    maxDelayMs: budget.maxDelayMs,
    random: budget.random,
    signal: budget.signal,
    source: budget.source,
    shouldRetry: budget.shouldRetry,
    onRetry: (event) => {
      last = event.error;
      budget.onRetry?.(event);
    },
    sleep: async (ms, signal) => {
      if (last !== undefined && budget.now() + ms > deadline) throw last;
      await sleep(ms, signal);
    },
  });
}
