import type { CachedProvider, CacheOptions, Clock, CredentialProvider } from '@iamkit/credentials';
import { invalidOptions } from './adapter-errors.js';

/**
 * Options of {@link createMongoAwsProvider}: the credential provider to serve the driver from, and
 * — when that provider is not cached yet — the options of the cache put around it (`cached()` from
 * `@iamkit/credentials`, with MongoDB's rules as defaults: a 5-minute mandatory window, background
 * refresh ahead of expiry, environment credentials never stored).
 *
 * @example
 * ```ts
 * createMongoAwsProvider({ provider: chain(fromEnv(), fromContainerMetadata(), fromInstanceMetadata()), name: 'mongodb' });
 * ```
 * @public
 */
export interface MongoAwsProviderOptions extends CacheOptions {
  /**
   * Where credentials come from. Required for now: pass a chain such as
   * `cached(chain(fromEnv(), fromContainerMetadata(), fromInstanceMetadata()))`. A provider that is
   * already cached (`cached()`, or another `createMongoAwsProvider`) is shared as is — the same
   * cache then serves this client, other clients and AWS SDK clients, and an authentication failure
   * invalidates it for all of them; cache options are refused with it. Any other provider is
   * wrapped in a new cache.
   */
  readonly provider: CredentialProvider;
}

const CACHE_OPTION_KEYS = [
  'name',
  'mandatoryWindowMs',
  'advisoryWindowMs',
  'refreshJitter',
  'backoffBaseMs',
  'backoffMaxMs',
  'staticStability',
  'uncachedSources',
  'random',
] as const satisfies readonly (keyof CacheOptions)[];

/** What a provider with `invalidate`, `peek` and `stats` is: a cache to share, not to wrap. @internal */
export function isCachedProvider(value: unknown): value is CachedProvider {
  if (typeof value !== 'function') return false;
  const candidate = value as unknown as Record<string, unknown>;
  return typeof candidate.invalidate === 'function' && typeof candidate.peek === 'function' && typeof candidate.stats === 'function';
}

/** The options, checked, with the clock the adapter uses for its own timestamps. @internal */
export function checkProviderOptions(options: unknown): { readonly options: MongoAwsProviderOptions; readonly now: Clock } {
  if (typeof options !== 'object' || options === null) {
    throw invalidOptions(
      'createMongoAwsProvider(options): options must be an object with a provider, e.g. { provider: cached(chain(fromEnv(), fromContainerMetadata(), fromInstanceMetadata())) }.',
    );
  }
  const { provider, now } = options as Partial<MongoAwsProviderOptions>;
  if (typeof provider !== 'function') {
    throw invalidOptions(
      `createMongoAwsProvider(): the provider option is ${(provider as unknown) === null ? 'null' : typeof provider}; pass a credential provider function, e.g. { provider: cached(chain(fromEnv(), fromContainerMetadata(), fromInstanceMetadata())) }.`,
    );
  }
  if (now !== undefined && typeof now !== 'function') throw invalidOptions('createMongoAwsProvider(): now must be a clock function like Date.now.');
  if (isCachedProvider(provider)) {
    const given = CACHE_OPTION_KEYS.filter((key) => (options as Record<string, unknown>)[key] !== undefined);
    if (given.length > 0) {
      throw invalidOptions(
        `createMongoAwsProvider(): ${given.join(', ')} configure the cache put around an uncached provider, but this provider is already cached and is shared as is. Pass ${given.join(', ')} to cached() where that provider is created, or pass the uncached provider here.`,
      );
    }
  }
  return { options: options as MongoAwsProviderOptions, now: now ?? Date.now };
}
