import type { Clock } from '@iamkit/credentials';

/**
 * Options of {@link TokenBucket}.
 *
 * @example
 * ```ts
 * new TokenBucket({ rate: 1000, burst: 500, now: clock.now });
 * ```
 * @public
 */
export interface TokenBucketOptions {
  /** Tokens added per second (the steady-state rate). */
  readonly rate: number;
  /** Capacity; the bucket starts full, so this many requests pass at once. */
  readonly burst: number;
  /** The clock; default `Date.now`. A frozen fake clock makes refill exact and testable. */
  readonly now?: Clock | undefined;
}

/**
 * A token bucket with the semantics of Go's `golang.org/x/time/rate` limiter, which both the ECS
 * agent (through tollbooth) and the Pod Identity agent use: it starts full with `burst` tokens,
 * refills continuously at `rate` per second up to `burst`, and a request passes when a whole token
 * is available. Time is read from the injected clock, so tests advance it instead of sleeping.
 *
 * @example
 * ```ts
 * let t = 0;
 * const bucket = new TokenBucket({ rate: 40, burst: 60, now: () => t });
 * bucket.take(); // true (59 left)
 * t += 25;       // one more token after 25 ms at 40/s
 * ```
 * @public
 */
export class TokenBucket {
  readonly rate: number;
  readonly burst: number;
  readonly #now: Clock;
  #tokens: number;
  #last: number;

  constructor(options: TokenBucketOptions) {
    this.rate = options.rate;
    this.burst = options.burst;
    this.#now = options.now ?? Date.now;
    this.#tokens = options.burst;
    this.#last = this.#now();
  }

  /** Takes one token if a whole one is available; false means "throttle this request". */
  take(): boolean {
    this.#refill();
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Tokens available now (fractional while refilling). */
  available(): number {
    this.#refill();
    return this.#tokens;
  }

  #refill(): void {
    const now = this.#now();
    // A clock that steps backwards adds nothing (as x/time/rate does), rather than draining.
    const elapsedMs = Math.max(0, now - this.#last);
    this.#last = Math.max(this.#last, now);
    // elapsedMs * rate / 1000 keeps the common cases exact (25 ms at 40/s is exactly one token).
    this.#tokens = Math.min(this.burst, this.#tokens + (elapsedMs * this.rate) / 1000);
  }
}

/** One {@link TokenBucket} per key, created full on first use (tollbooth's per-key limiter). */
export class KeyedRateLimiter {
  readonly rate: number;
  readonly burst: number;
  readonly #now: Clock;
  readonly #buckets = new Map<string, TokenBucket>();

  constructor(options: TokenBucketOptions) {
    this.rate = options.rate;
    this.burst = options.burst;
    this.#now = options.now ?? Date.now;
  }

  allow(key: string): boolean {
    let bucket = this.#buckets.get(key);
    if (bucket === undefined) {
      bucket = new TokenBucket({ rate: this.rate, burst: this.burst, now: this.#now });
      this.#buckets.set(key, bucket);
    }
    return bucket.take();
  }
}
