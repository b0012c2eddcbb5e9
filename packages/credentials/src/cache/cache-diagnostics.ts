import { channel } from 'node:diagnostics_channel';
import type { IamkitErrorJSON } from '../errors.js';

/**
 * Diagnostics channel: a cache started fetching from its source. Payload {@link CacheFetchStartEvent}.
 *
 * @example
 * ```ts
 * import { subscribe } from 'node:diagnostics_channel';
 * subscribe(FETCH_START_CHANNEL, (event) => log.debug(event));
 * ```
 * @public
 */
export const FETCH_START_CHANNEL = 'iamkit:credentials:fetch:start';
/**
 * Diagnostics channel: a fetch produced usable credentials. Payload {@link CacheFetchEndEvent}.
 *
 * @example
 * ```ts
 * subscribe(FETCH_END_CHANNEL, (event) => log.info('credentials', event));
 * ```
 * @public
 */
export const FETCH_END_CHANNEL = 'iamkit:credentials:fetch:end';
/**
 * Diagnostics channel: a fetch failed (including credentials that arrived expired or inside the
 * mandatory window). Payload {@link CacheFetchErrorEvent}.
 *
 * @example
 * ```ts
 * subscribe(FETCH_ERROR_CHANNEL, (event) => log.warn('credential fetch failed', event));
 * ```
 * @public
 */
export const FETCH_ERROR_CHANNEL = 'iamkit:credentials:fetch:error';
/**
 * Diagnostics channel: the cache started one background refresh in the advisory window while it
 * keeps serving the current credentials. Payload {@link CacheRefreshEvent}.
 *
 * @example
 * ```ts
 * subscribe(REFRESH_CHANNEL, (event) => log.debug('refreshing', event));
 * ```
 * @public
 */
export const REFRESH_CHANNEL = 'iamkit:credentials:refresh';
/**
 * Diagnostics channel: after a failure the cache leaves the source alone until `until`. Payload
 * {@link CacheBackoffEvent}.
 *
 * @example
 * ```ts
 * subscribe(BACKOFF_CHANNEL, (event) => metrics.increment('credentials.backoff', { code: event.code }));
 * ```
 * @public
 */
export const BACKOFF_CHANNEL = 'iamkit:credentials:backoff';
/**
 * Diagnostics channel: `invalidate()` was called. Payload {@link CacheInvalidateEvent}.
 *
 * @example
 * ```ts
 * subscribe(INVALIDATE_CHANNEL, (event) => log.info('credentials invalidated', event));
 * ```
 * @public
 */
export const INVALIDATE_CHANNEL = 'iamkit:credentials:invalidate';
/**
 * Diagnostics channel: static stability handed out credentials inside the mandatory window or past
 * expiry because the source is failing (once per failed attempt). Payload {@link CacheStaleEvent}.
 *
 * @example
 * ```ts
 * subscribe(STALE_CHANNEL, (event) => log.warn('serving stale credentials', event));
 * ```
 * @public
 */
export const STALE_CHANNEL = 'iamkit:credentials:stale';

/**
 * Why a fetch ran: nothing cached (`initial`), a background refresh (`advisory`), callers waiting
 * for fresh credentials (`mandatory`), or `forceRefresh`.
 *
 * @example
 * ```ts
 * subscribe(FETCH_START_CHANNEL, (e) => { if ((e as CacheFetchStartEvent).reason === 'mandatory') log.warn('callers are waiting'); });
 * ```
 * @public
 */
export type CacheFetchReason = 'initial' | 'advisory' | 'mandatory' | 'forced';

/**
 * Payload of {@link FETCH_START_CHANNEL}.
 *
 * @example
 * ```ts
 * // { source: 'container', reason: 'initial', background: false, attempt: 1 }
 * subscribe(FETCH_START_CHANNEL, (e) => log.debug('fetching', e as CacheFetchStartEvent));
 * ```
 * @public
 */
export interface CacheFetchStartEvent {
  readonly source: string;
  readonly reason: CacheFetchReason;
  /** True when callers are served the current credentials meanwhile. */
  readonly background: boolean;
  /** 1 for the first attempt after a success, 2 after one failure, … */
  readonly attempt: number;
}

/**
 * Payload of {@link FETCH_END_CHANNEL}.
 *
 * @example
 * ```ts
 * subscribe(FETCH_END_CHANNEL, (e) => metrics.timing('credentials.fetch', (e as CacheFetchEndEvent).durationMs));
 * ```
 * @public
 */
export interface CacheFetchEndEvent {
  readonly source: string;
  readonly reason: CacheFetchReason;
  readonly background: boolean;
  readonly durationMs: number;
  /** Masked, e.g. `ASIA…MPLE`. */
  readonly accessKeyId: string;
  readonly expiration: string | undefined;
  /** When the cache will refresh them (ISO), `undefined` for credentials that do not expire or are not stored. */
  readonly refreshAt: string | undefined;
  /** False for credentials from an uncached source (env), which are handed out but not stored. */
  readonly stored: boolean;
}

/**
 * Payload of {@link FETCH_ERROR_CHANNEL}.
 *
 * @example
 * ```ts
 * subscribe(FETCH_ERROR_CHANNEL, (e) => log.warn((e as CacheFetchErrorEvent).error.message));
 * ```
 * @public
 */
export interface CacheFetchErrorEvent {
  readonly source: string;
  readonly reason: CacheFetchReason;
  readonly background: boolean;
  readonly durationMs: number;
  readonly error: IamkitErrorJSON;
}

/**
 * Payload of {@link REFRESH_CHANNEL}.
 *
 * @example
 * ```ts
 * subscribe(REFRESH_CHANNEL, (e) => log.debug(`refreshing ${(e as CacheRefreshEvent).accessKeyId}`));
 * ```
 * @public
 */
export interface CacheRefreshEvent {
  readonly source: string;
  /** The credentials being refreshed (masked key id and expiry); they stay in use meanwhile. */
  readonly accessKeyId: string;
  readonly expiration: string | undefined;
  /** The refresh moment that was decided when they arrived. */
  readonly refreshAt: string;
}

/**
 * Payload of {@link BACKOFF_CHANNEL}.
 *
 * @example
 * ```ts
 * subscribe(BACKOFF_CHANNEL, (e) => log.warn(`source failing (${(e as CacheBackoffEvent).code}), next try ${(e as CacheBackoffEvent).until}`));
 * ```
 * @public
 */
export interface CacheBackoffEvent {
  readonly source: string;
  readonly code: string;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly consecutiveFailures: number;
  readonly delayMs: number;
  readonly until: string;
}

/**
 * Payload of {@link INVALIDATE_CHANNEL}.
 *
 * @example
 * ```ts
 * subscribe(INVALIDATE_CHANNEL, (e) => log.info('invalidated', (e as CacheInvalidateEvent).dropped));
 * ```
 * @public
 */
export interface CacheInvalidateEvent {
  readonly source: string;
  /** The masked key id the caller asked to drop, `undefined` for "whatever is cached". */
  readonly accessKeyId: string | undefined;
  /** The masked key id that was cached at the time. */
  readonly cachedAccessKeyId: string | undefined;
  readonly dropped: boolean;
}

/**
 * Payload of {@link STALE_CHANNEL}.
 *
 * @example
 * ```ts
 * subscribe(STALE_CHANNEL, (e) => log.error(`serving expired credentials until ${(e as CacheStaleEvent).staleUntil}`));
 * ```
 * @public
 */
export interface CacheStaleEvent {
  readonly source: string;
  readonly accessKeyId: string;
  readonly expiration: string | undefined;
  /** The last moment static stability will hand them out. */
  readonly staleUntil: string;
  /** The code of the failure that made the cache fall back. */
  readonly code: string;
}

/** The channels the cache publishes on, created once. */
export const cacheChannels = {
  fetchStart: channel(FETCH_START_CHANNEL),
  fetchEnd: channel(FETCH_END_CHANNEL),
  fetchError: channel(FETCH_ERROR_CHANNEL),
  refresh: channel(REFRESH_CHANNEL),
  backoff: channel(BACKOFF_CHANNEL),
  invalidate: channel(INVALIDATE_CHANNEL),
  stale: channel(STALE_CHANNEL),
};
