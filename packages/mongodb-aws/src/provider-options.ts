import type { CachedProvider, CacheOptions, Clock, CredentialProvider, Env } from '@iamkit/credentials';
import { invalidOptions } from './adapter-errors.js';

/**
 * Options of {@link createMongoAwsProvider}: the credential provider to serve the driver from, and
 * — when that provider is not cached yet — the options of the cache put around it (`cached()` from
 * `@iamkit/credentials`, with MongoDB's rules as defaults: a 5-minute mandatory window, background
 * refresh ahead of expiry, environment credentials never stored).
 *
 * @example
 * ```ts
 * createMongoAwsProvider();                                   // the default chain, shared per process
 * createMongoAwsProvider({ provider: fromContainerMetadata() }); // one source, in a new cache
 * ```
 * @public
 */
export interface MongoAwsProviderOptions extends CacheOptions {
  /**
   * Where credentials come from. Default: `fromNodeProviderChain()` of
   * `@iamkit/credential-providers` — environment, shared files and `credential_process`, web
   * identity, the ECS/EKS container endpoint, then EC2 IMDS — one cached chain per process, so
   * every MongoClient (and every AWS SDK client given the same chain) shares one cache; with cache
   * options, a chain with its own cache configured by them. A provider that is already cached
   * (`cached()`, any `from*()` of `@iamkit/credential-providers`, or another
   * `createMongoAwsProvider`) is shared as is — an authentication failure then invalidates it for
   * everyone using it — and cache options are refused with it. Any other provider is wrapped in a
   * new cache.
   */
  readonly provider?: CredentialProvider | undefined;
  /**
   * The environment the default chain reads (default `process.env`); only with no `provider`.
   * Chains built from the same `env` object share one cache.
   */
  readonly env?: Env | undefined;
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

/** The cache options given, by name (to pass to a cache or to refuse them). @internal */
export function givenCacheOptions(options: MongoAwsProviderOptions): Partial<CacheOptions> {
  const given: Record<string, unknown> = {};
  for (const key of CACHE_OPTION_KEYS) if (options[key] !== undefined) given[key] = options[key];
  return given;
}

/** The options, checked, with the clock the adapter uses for its own timestamps. @internal */
export function checkProviderOptions(options: unknown): { readonly options: MongoAwsProviderOptions; readonly now: Clock } {
  if (typeof options !== 'object' || options === null) {
    throw invalidOptions(
      'createMongoAwsProvider(options): options must be an object (or nothing, for the default chain), e.g. { provider: fromContainerMetadata() }.',
    );
  }
  const { provider, now } = options as Partial<MongoAwsProviderOptions>;
  if (provider !== undefined && typeof provider !== 'function') {
    throw invalidOptions(
      `createMongoAwsProvider(): the provider option is ${(provider as unknown) === null ? 'null' : typeof provider}; pass a credential provider function, e.g. { provider: fromContainerMetadata() }, or leave it out for the default chain.`,
    );
  }
  if (provider !== undefined && (options as Partial<MongoAwsProviderOptions>).env !== undefined) {
    throw invalidOptions('createMongoAwsProvider(): env configures the default chain, used only without a provider; pass env to your provider instead (e.g. fromContainerMetadata({ env })).');
  }
  if (now !== undefined && typeof now !== 'function') throw invalidOptions('createMongoAwsProvider(): now must be a clock function like Date.now.');
  if (provider !== undefined && isCachedProvider(provider)) {
    const given = CACHE_OPTION_KEYS.filter((key) => (options as Record<string, unknown>)[key] !== undefined);
    if (given.length > 0) {
      throw invalidOptions(
        `createMongoAwsProvider(): ${given.join(', ')} configure the cache put around an uncached provider, but this provider is already cached and is shared as is. Pass ${given.join(', ')} to cached() where that provider is created, or pass the uncached provider here.`,
      );
    }
  }
  return { options: options, now: now ?? Date.now };
}
