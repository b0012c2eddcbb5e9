import { abortedError, raceAbort } from '../abort.js';
import { credentialSource, type CredentialProvider, type CredentialProviderOptions, type Credentials } from '../credentials.js';
import { IamkitError, type IamkitErrorJSON } from '../errors.js';
import { maskAccessKeyId } from '../redact.js';
import { toSourceError } from '../source-error.js';
import { backoffDelay } from './backoff.js';
import { cacheChannels, type CacheFetchReason } from './cache-diagnostics.js';
import { safeErrorJSON, tooCloseToExpiryError } from './cache-errors.js';
import { resolveCacheOptions, type CacheOptions } from './cache-options.js';
import { entrySnapshot, type CacheEntry } from './cache-entry.js';
import type { CacheEntrySnapshot, CacheStats } from './cache-stats.js';
import { normalizeCredentials } from './normalize-credentials.js';
import { scheduleRefresh } from './refresh-schedule.js';

/**
 * A {@link CredentialProvider} that caches: what {@link cached} returns. Call it like any provider;
 * the extra methods are for auth-failure handling and diagnostics.
 *
 * @example
 * ```ts
 * const provider = cached(fromContainerMetadata());
 * const creds = await provider();
 * // the server rejected these credentials: drop them unless they were already replaced
 * provider.invalidate(creds.accessKeyId);
 * console.log(JSON.stringify(provider.stats()));
 * ```
 * @public
 */
export interface CachedProvider extends CredentialProvider {
  /**
   * Drops the cached credentials if they still have this access key id (so a late auth failure of
   * old credentials does not throw away newer ones); without an argument drops whatever is cached.
   * Returns whether something was dropped. A backoff in force stays in force.
   */
  invalidate(accessKeyId?: string): boolean;
  /** What the cache holds, secret-free, without fetching or refreshing. */
  peek(): CacheEntrySnapshot | undefined;
  /** Counters, timings and the last error, secret-free. */
  stats(): CacheStats;
}

type Outcome = { readonly ok: true; readonly credentials: Credentials } | { readonly ok: false; readonly error: IamkitError };

interface Flight {
  readonly outcome: Promise<Outcome>;
}

/**
 * Wraps a provider in the cache that makes any number of callers cost one credential request per
 * credential lifetime, without ever storming the source:
 *
 * - **single flight**: concurrent callers share one fetch;
 * - **advisory window**: near expiry, the first caller after a per-instance jittered moment
 *   (decided once per credentials) starts one background refresh; everyone keeps getting the
 *   current credentials meanwhile;
 * - **mandatory window** (`mandatoryWindowMs`, default 5 min before expiry): credentials this
 *   close to expiry are never handed out; callers wait for the refresh;
 * - **failures**: still-valid credentials keep being served; the source is left alone for a
 *   jittered exponential backoff (at least its `Retry-After`; 1–5 s for non-retryable errors).
 *   During the backoff, callers that have no valid credentials get the last error at once, without
 *   contacting the source; after it, the next call tries again. A failure is never cached longer;
 * - **static stability** (opt-in): serve expired credentials for a bounded time while the source
 *   is down;
 * - credentials without an expiration are kept until {@link CachedProvider.invalidate};
 *   credentials from `uncachedSources` (default `env`) are shared by concurrent callers but never
 *   stored.
 *
 * Refreshes are driven by calls: the cache sets no timers and never keeps the process alive.
 *
 * @example
 * ```ts
 * import { cached } from '@iamkit/credentials';
 * const provider = cached(fromContainerMetadata());
 * new MongoClient(uri, { authMechanismProperties: { AWS_CREDENTIAL_PROVIDER: provider } });
 * ```
 * @public
 */
export function cached(provider: CredentialProvider, options?: CacheOptions): CachedProvider {
  if (typeof provider !== 'function') {
    throw new IamkitError({ code: 'ERR_CONFIG_INVALID', source: 'cache', message: 'cached(provider): provider must be a function returning a Promise of credentials.' });
  }
  const config = resolveCacheOptions(options);
  const { now: clock } = config;

  let entry: CacheEntry | undefined;
  let flight: Flight | undefined;
  let backoffUntil = 0;
  let lastError: IamkitError | undefined;
  let consecutiveFailures = 0;
  let staleAnnounced = false;
  let lastSource: string | undefined;
  let lastSuccessAt: number | undefined;
  let lastFailureAt: number | undefined;
  const counts = { fetches: 0, successes: 0, failures: 0, staleServes: 0, invalidations: 0 };

  const label = (): string => config.name ?? lastSource ?? 'cache';
  const knownSecrets = (): (string | undefined)[] => [entry?.credentials.secretAccessKey, entry?.credentials.sessionToken];

  const get = (callOptions?: CredentialProviderOptions): Promise<Credentials> => {
    // The hot path: one clock read and one comparison, no allocation.
    const current = entry;
    if (current !== undefined && (callOptions === undefined || isPlainCall(callOptions)) && clock() < current.schedule.refreshAt) {
      return current.promise;
    }
    return slowPath(callOptions);
  };

  function slowPath(callOptions: CredentialProviderOptions | undefined): Promise<Credentials> {
    const signal = callOptions?.signal;
    if (signal?.aborted === true) return Promise.reject(abortedError(signal, label(), 'waiting for credentials'));
    const now = clock();
    if (callOptions?.forceRefresh === true) return raceAbort(forced(now), signal, label(), 'waiting for credentials');
    const current = entry;
    if (current !== undefined && now < current.schedule.mandatoryAt) {
      if (now >= current.schedule.refreshAt && flight === undefined && now >= backoffUntil) startBackgroundRefresh(current);
      return current.promise;
    }
    return raceAbort(awaitFresh(now), signal, label(), 'waiting for credentials');
  }

  function awaitFresh(now: number): Promise<Credentials> {
    if (flight !== undefined) return settle(flight, true);
    const failure = lastError;
    if (failure !== undefined && now < backoffUntil) {
      // Fail fast (or serve stale) without contacting the source until the backoff ends.
      return new Promise((resolve) => {
        resolve(staleOr(failure, now));
      });
    }
    return settle(startFetch(entry === undefined ? 'initial' : 'mandatory', false), true);
  }

  function forced(now: number): Promise<Credentials> {
    if (flight !== undefined) return settle(flight, false);
    if (lastError !== undefined && now < backoffUntil) return Promise.reject(lastError);
    return settle(startFetch('forced', false), false);
  }

  function settle(current: Flight, allowStale: boolean): Promise<Credentials> {
    return current.outcome.then((outcome) => {
      if (outcome.ok) return outcome.credentials;
      if (allowStale) return staleOr(outcome.error, clock());
      throw outcome.error;
    });
  }

  function staleOr(error: IamkitError, now: number): Credentials {
    const current = entry;
    const maxStaleMs = config.maxStaleMs;
    if (maxStaleMs === undefined || current === undefined || now >= current.schedule.expiresAt + maxStaleMs) throw error;
    counts.staleServes += 1;
    if (!staleAnnounced) {
      staleAnnounced = true;
      if (cacheChannels.stale.hasSubscribers) {
        cacheChannels.stale.publish({
          source: label(),
          accessKeyId: maskAccessKeyId(current.credentials.accessKeyId),
          expiration: current.credentials.expiration?.toISOString(),
          staleUntil: new Date(current.schedule.expiresAt + maxStaleMs).toISOString(),
          code: error.code,
        });
      }
    }
    return current.credentials;
  }

  function startBackgroundRefresh(current: CacheEntry): void {
    if (cacheChannels.refresh.hasSubscribers) {
      cacheChannels.refresh.publish({
        source: label(),
        accessKeyId: maskAccessKeyId(current.credentials.accessKeyId),
        expiration: current.credentials.expiration?.toISOString(),
        refreshAt: new Date(current.schedule.refreshAt).toISOString(),
      });
    }
    startFetch('advisory', true);
  }

  function startFetch(reason: CacheFetchReason, background: boolean): Flight {
    const startedAt = clock();
    counts.fetches += 1;
    if (cacheChannels.fetchStart.hasSubscribers) {
      cacheChannels.fetchStart.publish({ source: label(), reason, background, attempt: consecutiveFailures + 1 });
    }
    // An executor turns a provider that throws synchronously into a rejection like any other.
    const pending = new Promise<Credentials>((resolve) => {
      resolve(provider(reason === 'forced' ? { forceRefresh: true } : undefined));
    });
    const current: Flight = {
      outcome: pending.then(
        (value) => succeeded(current, value, reason, background, startedAt),
        (error: unknown) => failed(current, error, reason, background, startedAt),
      ),
    };
    flight = current;
    return current;
  }

  function succeeded(current: Flight, value: unknown, reason: CacheFetchReason, background: boolean, startedAt: number): Outcome {
    const now = clock();
    let credentials: Credentials;
    try {
      credentials = normalizeCredentials(value, label());
    } catch (error) {
      return failed(current, error, reason, background, startedAt);
    }
    const source = credentialSource(credentials);
    if (source !== undefined) lastSource = source;
    const expiresAt = credentials.expiration?.getTime();
    if (expiresAt !== undefined && expiresAt - config.mandatoryWindowMs <= now) {
      return failed(current, tooCloseToExpiryError(credentials, now, config.mandatoryWindowMs, label()), reason, background, startedAt);
    }
    if (flight === current) flight = undefined;
    counts.successes += 1;
    consecutiveFailures = 0;
    backoffUntil = 0;
    staleAnnounced = false;
    lastSuccessAt = now;
    const stored = !config.uncachedSources.has(source ?? '');
    // An uncached (env) result also drops older stored credentials: env credentials are read fresh.
    entry = stored
      ? { credentials, promise: Promise.resolve(credentials), schedule: scheduleRefresh(credentials.expiration, now, config), fetchedAt: now }
      : undefined;
    if (cacheChannels.fetchEnd.hasSubscribers) {
      const refreshAt = entry?.schedule.refreshAt;
      cacheChannels.fetchEnd.publish({
        source: label(),
        reason,
        background,
        durationMs: now - startedAt,
        accessKeyId: maskAccessKeyId(credentials.accessKeyId),
        expiration: credentials.expiration?.toISOString(),
        refreshAt: refreshAt === undefined || !Number.isFinite(refreshAt) ? undefined : new Date(refreshAt).toISOString(),
        stored,
      });
    }
    return { ok: true, credentials };
  }

  function failed(current: Flight, value: unknown, reason: CacheFetchReason, background: boolean, startedAt: number): Outcome {
    const now = clock();
    const error = toSourceError(value, label(), knownSecrets());
    lastSource ??= error.source;
    if (flight === current) flight = undefined;
    counts.failures += 1;
    consecutiveFailures += 1;
    lastError = error;
    lastFailureAt = now;
    staleAnnounced = false;
    const untilMandatory = entry !== undefined && now < entry.schedule.mandatoryAt ? entry.schedule.mandatoryAt - now : Number.POSITIVE_INFINITY;
    const delayMs = backoffDelay(error, consecutiveFailures, untilMandatory, config.random, config);
    backoffUntil = now + delayMs;
    if (cacheChannels.fetchError.hasSubscribers) {
      cacheChannels.fetchError.publish({ source: label(), reason, background, durationMs: now - startedAt, error: errorJSON(error) });
    }
    if (cacheChannels.backoff.hasSubscribers) {
      cacheChannels.backoff.publish({
        source: label(),
        code: error.code,
        retryable: error.retryable,
        retryAfterMs: error.retryAfterMs,
        consecutiveFailures,
        delayMs,
        until: new Date(backoffUntil).toISOString(),
      });
    }
    return { ok: false, error };
  }

  function errorJSON(error: IamkitError): IamkitErrorJSON {
    return safeErrorJSON(error, knownSecrets());
  }

  function peek(): CacheEntrySnapshot | undefined {
    return entry === undefined ? undefined : entrySnapshot(entry, clock());
  }

  function stats(): CacheStats {
    const now = clock();
    const snapshot = peek();
    return {
      source: label(),
      ...counts,
      consecutiveFailures,
      inFlight: flight !== undefined,
      entry: snapshot,
      accessKeyId: snapshot?.credentials.accessKeyId,
      expiration: snapshot?.expiration,
      nextRefreshAt: snapshot?.refreshAt,
      backoffUntil: backoffUntil > now ? new Date(backoffUntil).toISOString() : undefined,
      lastError: lastError === undefined ? undefined : errorJSON(lastError),
      lastSuccessAt: lastSuccessAt === undefined ? undefined : new Date(lastSuccessAt).toISOString(),
      lastFailureAt: lastFailureAt === undefined ? undefined : new Date(lastFailureAt).toISOString(),
    };
  }

  function invalidate(accessKeyId?: string): boolean {
    const current = entry;
    const dropped = current !== undefined && (accessKeyId === undefined || current.credentials.accessKeyId === accessKeyId);
    if (dropped) {
      entry = undefined;
      counts.invalidations += 1;
    }
    if (cacheChannels.invalidate.hasSubscribers) {
      cacheChannels.invalidate.publish({
        source: label(),
        accessKeyId: accessKeyId === undefined ? undefined : maskAccessKeyId(accessKeyId),
        cachedAccessKeyId: current === undefined ? undefined : maskAccessKeyId(current.credentials.accessKeyId),
        dropped,
      });
    }
    return dropped;
  }

  return Object.assign(get, { invalidate, peek, stats });
}

function isPlainCall(options: CredentialProviderOptions): boolean {
  return options.forceRefresh !== true && options.signal?.aborted !== true;
}
