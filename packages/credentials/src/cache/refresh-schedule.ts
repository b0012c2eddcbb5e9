import { CACHE_DEFAULTS, type ResolvedCacheOptions } from './cache-options.js';

/** When the cache will act on one set of credentials; decided once, when they arrive. */
export interface RefreshSchedule {
  /** Expiry in ms since the epoch; `Infinity` for credentials without an expiration. */
  readonly expiresAt: number;
  /** From here on the credentials are never handed out (unless static stability is on). */
  readonly mandatoryAt: number;
  /** From here on the first caller starts one background refresh. */
  readonly refreshAt: number;
  /** The advisory window actually applied (after clamping to half the usable life). */
  readonly advisoryWindowMs: number;
}

/** The advisory window for credentials that arrive with `lifetimeMs` left. */
function advisoryWindowFor(lifetimeMs: number): number {
  for (const [maxLifetime, window] of CACHE_DEFAULTS.advisoryWindowsByLifetime) {
    if (lifetimeMs <= maxLifetime) return window;
  }
  return CACHE_DEFAULTS.advisoryWindowsByLifetime[CACHE_DEFAULTS.advisoryWindowsByLifetime.length - 1]?.[1] ?? 0;
}

/**
 * Decides, once per set of credentials, when to refresh them. The caller has already checked that
 * they arrive outside the mandatory window (`expiresAt - mandatoryWindowMs > now`).
 *
 * The refresh moment lies in the first `refreshJitter` share of the advisory window, so each
 * instance of a fleet that received the same credentials refreshes at its own moment, and the rest
 * of the window is left for retries. Clamping the window to half the usable life keeps short-lived
 * credentials (or credentials that arrive late in their life, e.g. the same ones again from an
 * endpoint that has not rotated yet) from being refreshed almost as soon as they arrive.
 */
export function scheduleRefresh(
  expiration: Date | undefined,
  now: number,
  options: Pick<ResolvedCacheOptions, 'mandatoryWindowMs' | 'advisoryWindowMs' | 'refreshJitter' | 'random'>,
): RefreshSchedule {
  if (expiration === undefined) {
    const never = Number.POSITIVE_INFINITY;
    return { expiresAt: never, mandatoryAt: never, refreshAt: never, advisoryWindowMs: 0 };
  }
  const expiresAt = expiration.getTime();
  const mandatoryAt = expiresAt - options.mandatoryWindowMs;
  const usable = mandatoryAt - now;
  const advisoryWindowMs = Math.min(options.advisoryWindowMs ?? advisoryWindowFor(expiresAt - now), usable / 2);
  const draw = Math.min(Math.max(options.random(), 0), 1);
  // Whole milliseconds, so the moment reported by stats() (ISO, ms precision) is the moment used.
  const jittered = Math.ceil(mandatoryAt - advisoryWindowMs + draw * advisoryWindowMs * options.refreshJitter);
  const refreshAt = Math.min(mandatoryAt, Math.max(jittered, now + CACHE_DEFAULTS.minRefreshIntervalMs));
  return { expiresAt, mandatoryAt, refreshAt, advisoryWindowMs };
}
