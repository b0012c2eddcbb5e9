import type { CredentialsSummary } from '../credentials.js';
import type { IamkitErrorJSON } from '../errors.js';

/**
 * Where cached credentials stand: `fresh` (before the refresh moment), `advisory` (a background
 * refresh may run; still handed out), `mandatory` (within `mandatoryWindowMs` of expiry: not
 * handed out), `expired`.
 *
 * @example
 * ```ts
 * if (provider.peek()?.state === 'mandatory') console.warn('credentials are being refreshed');
 * ```
 * @public
 */
export type CacheEntryState = 'fresh' | 'advisory' | 'mandatory' | 'expired';

/**
 * A secret-free view of what a cache holds, from {@link CachedProvider.peek}.
 *
 * @example
 * ```ts
 * const entry = provider.peek();
 * if (entry) console.log(entry.credentials.accessKeyId, entry.state, entry.refreshAt);
 * ```
 * @public
 */
export interface CacheEntrySnapshot {
  /** Masked key id, `[redacted]` secret and token, expiry, source. */
  readonly credentials: CredentialsSummary;
  readonly state: CacheEntryState;
  /** ISO timestamps; absent for credentials without an expiration. */
  readonly expiration?: string;
  readonly refreshAt?: string;
  readonly mandatoryAt?: string;
  readonly fetchedAt: string;
}

/**
 * A secret-free snapshot of a cache's activity, from {@link CachedProvider.stats}; safe to log or
 * print as JSON (`iamkit doctor` does).
 *
 * @example
 * ```ts
 * const { fetches, failures, backoffUntil, lastError } = provider.stats();
 * ```
 * @public
 */
export interface CacheStats {
  /** The cache's label: the `name` option, else the source recorded on the credentials. */
  readonly source: string;
  /** Fetches started (each one call to the wrapped provider). */
  readonly fetches: number;
  readonly successes: number;
  readonly failures: number;
  /** Failures since the last success. */
  readonly consecutiveFailures: number;
  /** Calls answered with stale credentials under static stability. */
  readonly staleServes: number;
  /** `invalidate()` calls that dropped the entry. */
  readonly invalidations: number;
  readonly inFlight: boolean;
  readonly entry: CacheEntrySnapshot | undefined;
  /** Masked key id of the cached credentials. */
  readonly accessKeyId: string | undefined;
  readonly expiration: string | undefined;
  readonly nextRefreshAt: string | undefined;
  /** Until when the source is left alone after a failure (ISO), if that is still ahead. */
  readonly backoffUntil: string | undefined;
  readonly lastError: IamkitErrorJSON | undefined;
  readonly lastSuccessAt: string | undefined;
  readonly lastFailureAt: string | undefined;
}
