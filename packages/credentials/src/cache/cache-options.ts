import { IamkitError } from '../errors.js';
import type { Clock, RandomSource } from '../runtime.js';

/**
 * Options of {@link cached}. Every default is in {@link CACHE_DEFAULTS}.
 *
 * @example
 * ```ts
 * const provider = cached(fromContainerMetadata(), { name: 'container', staticStability: { maxStaleMs: 15 * 60_000 } });
 * ```
 * @public
 */
export interface CacheOptions {
  /** Label for diagnostics events, `stats()` and errors. Defaults to the source recorded on the credentials. */
  readonly name?: string | undefined;
  /**
   * Credentials this close to expiry are never handed out; callers wait for fresh ones. Default
   * 5 minutes: MongoDB's rule that cached credentials are valid only while more than 5 minutes
   * from expiry.
   */
  readonly mandatoryWindowMs?: number | undefined;
  /**
   * How long before the mandatory window one background refresh may start. Defaults by lifetime:
   * 5 min for credentials that live 20 min or less (STS minimum 15 min), 15 min up to 90 min (IMDS
   * 1 h), 60 min beyond (ECS 6 h). Never more than half of the credentials' usable life.
   */
  readonly advisoryWindowMs?: number | undefined;
  /**
   * The share of the advisory window (from its start) over which each instance picks its refresh
   * moment at random, so a fleet does not refresh in the same second. Default 0.5: the later half
   * stays free for retries before the mandatory window.
   */
  readonly refreshJitter?: number | undefined;
  /** First backoff after a failed fetch of a retryable error; doubles per consecutive failure. Default 1 s. */
  readonly backoffBaseMs?: number | undefined;
  /** Cap of the exponential backoff (a source's `Retry-After` may ask for longer). Default 60 s. */
  readonly backoffMaxMs?: number | undefined;
  /**
   * Opt-in: when the source is down and the credentials are inside the mandatory window or have
   * expired, hand them out for up to `maxStaleMs` past their expiration (publishing a `stale`
   * event) instead of failing. Off by default.
   */
  readonly staticStability?: { readonly maxStaleMs: number } | false | undefined;
  /**
   * Credentials from these sources (as recorded by `createCredentials`) are shared by concurrent
   * callers but never stored: MongoDB requires environment credentials to be read at each
   * authentication. Such a result also drops credentials stored earlier, so a chain that starts
   * finding env credentials is read fresh from then on. Default `['env']`.
   */
  readonly uncachedSources?: readonly string[] | undefined;
  /** Defaults to `Date.now`. */
  readonly now?: Clock | undefined;
  /** Jitter source; defaults to `Math.random`. */
  readonly random?: RandomSource | undefined;
}

/**
 * The defaults of {@link CacheOptions}, and the fixed rules the cache applies.
 *
 * @example
 * ```ts
 * CACHE_DEFAULTS.mandatoryWindowMs; // 300000
 * ```
 * @public
 */
export const CACHE_DEFAULTS = Object.freeze({
  mandatoryWindowMs: 5 * 60_000,
  /** Advisory window by the credentials' remaining lifetime when they arrive: [max lifetime, window]. */
  advisoryWindowsByLifetime: Object.freeze([
    Object.freeze([20 * 60_000, 5 * 60_000] as const),
    Object.freeze([90 * 60_000, 15 * 60_000] as const),
    Object.freeze([Number.POSITIVE_INFINITY, 60 * 60_000] as const),
  ]),
  refreshJitter: 0.5,
  /** A background refresh never starts sooner than this after the credentials arrived. */
  minRefreshIntervalMs: 30_000,
  backoffBaseMs: 1_000,
  backoffMaxMs: 60_000,
  /** Non-retryable errors (`retryable: false`) are remembered for a random time in this range. */
  nonRetryableBackoffMs: Object.freeze([1_000, 5_000] as const),
  uncachedSources: Object.freeze(['env'] as const),
});

/** {@link CacheOptions} with every default filled in and every value checked. */
export interface ResolvedCacheOptions {
  readonly name: string | undefined;
  readonly mandatoryWindowMs: number;
  readonly advisoryWindowMs: number | undefined;
  readonly refreshJitter: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  readonly maxStaleMs: number | undefined;
  readonly uncachedSources: ReadonlySet<string>;
  readonly now: Clock;
  readonly random: RandomSource;
}

export function resolveCacheOptions(options: CacheOptions = {}): ResolvedCacheOptions {
  const staticStability = options.staticStability;
  return {
    name: options.name,
    mandatoryWindowMs: duration('mandatoryWindowMs', options.mandatoryWindowMs, CACHE_DEFAULTS.mandatoryWindowMs),
    advisoryWindowMs: options.advisoryWindowMs === undefined ? undefined : duration('advisoryWindowMs', options.advisoryWindowMs, 0),
    refreshJitter: fraction('refreshJitter', options.refreshJitter, CACHE_DEFAULTS.refreshJitter),
    backoffBaseMs: duration('backoffBaseMs', options.backoffBaseMs, CACHE_DEFAULTS.backoffBaseMs),
    backoffMaxMs: duration('backoffMaxMs', options.backoffMaxMs, CACHE_DEFAULTS.backoffMaxMs),
    maxStaleMs:
      staticStability === undefined || staticStability === false
        ? undefined
        : duration('staticStability.maxStaleMs', staticStability.maxStaleMs, 0),
    uncachedSources: new Set(options.uncachedSources ?? CACHE_DEFAULTS.uncachedSources),
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
  };
}

function duration(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw invalidOption(name, value, 'a finite number of milliseconds ≥ 0');
  return value;
}

function fraction(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw invalidOption(name, value, 'a number between 0 and 1');
  return value;
}

function invalidOption(name: string, value: unknown, expected: string): IamkitError {
  return new IamkitError({
    code: 'ERR_CONFIG_INVALID',
    source: 'cache',
    message: `cached(): option ${name} is ${typeof value === "number" ? String(value) : typeof value}; set it to ${expected}.`,
  });
}
