import {
  cached,
  type CachedProvider,
  type CacheEntrySnapshot,
  type CredentialProvider,
  type CredentialProviderOptions,
  type Credentials,
} from '@iamkit/credentials';
import { fromNodeProviderChain } from '@iamkit/credential-providers';
import { invalidOptions } from './adapter-errors.js';
import { attachClient, type AttachState } from './attach-client.js';
import type { MongoAwsEventSource } from './driver-events.js';
import { HandoutLog } from './handout-log.js';
import { checkProviderOptions, givenCacheOptions, isCachedProvider, type MongoAwsProviderOptions } from './provider-options.js';
import type { MongoAwsProviderStats } from './provider-stats.js';

/**
 * A credential provider for the `mongodb` driver's `AWS_CREDENTIAL_PROVIDER`, from
 * {@link createMongoAwsProvider}: call it like any provider (the driver does, once per new pooled
 * connection); every call is answered from one shared cache.
 *
 * @example
 * ```ts
 * const provider = createMongoAwsProvider();
 * const client = new MongoClient(uri, { ...mongoAwsOptions(provider), maxPoolSize: 100 });
 * provider.attach(client);
 * ```
 * @public
 */
export interface MongoAwsProvider extends CredentialProvider {
  /** The cache every call is answered from (shared with whoever else holds it). */
  readonly cache: CachedProvider;
  /**
   * Drops the cached credentials if they still have this access key id (all of them without an
   * argument), so the next connection fetches fresh ones. Returns whether something was dropped.
   */
  invalidate(accessKeyId?: string): boolean;
  /** What the cache holds, secret-free, without fetching. */
  peek(): CacheEntrySnapshot | undefined;
  stats(): MongoAwsProviderStats;
  /**
   * Listens to the client's connection-pool events and, when the server refuses a connection's
   * authentication (code 18), invalidates the credentials that connection was handed — unless the
   * cache has already moved on to newer ones. Attach every client that uses this provider;
   * attaching a client twice is a no-op. Returns a function that detaches it.
   */
  attach(client: MongoAwsEventSource): () => void;
}

/**
 * Builds the `AWS_CREDENTIAL_PROVIDER` for the `mongodb` driver (6.15+ and 7.x) on the shared
 * iamkit cache, with the MONGODB-AWS specification's caching rules: credentials are handed out only
 * while more than 5 minutes from expiry, refreshed once in the background ahead of that, shared by
 * every concurrent handshake (any number of pooled connections → one credential request per
 * lifetime), and environment credentials are read fresh at every authentication. With
 * {@link MongoAwsProvider.attach}, a connection the server refuses (code 18) clears the cache, as
 * the specification requires and the Node driver does not do itself.
 *
 * @example
 * ```ts
 * import { createMongoAwsProvider, mongoAwsOptions } from '@iamkit/mongodb-aws';
 * import { MongoClient } from 'mongodb';
 *
 * // The default chain (env, shared files, web identity, ECS/EKS, EC2), one cache per process.
 * const provider = createMongoAwsProvider();
 * const client = new MongoClient(process.env.MONGODB_URI!, { ...mongoAwsOptions(provider), maxPoolSize: 100 });
 * provider.attach(client);
 * ```
 * @public
 */
export function createMongoAwsProvider(options: MongoAwsProviderOptions = {}): MongoAwsProvider {
  const { options: checked, now } = checkProviderOptions(options);
  const given = checked.provider;
  const { provider: _source, env: _env, ...cacheOptions } = checked;
  const cache =
    given === undefined
      ? defaultChain(checked)
      : isMongoAwsProvider(given)
        ? given.cache
        : isCachedProvider(given)
          ? given
          : cached(given, cacheOptions);
  const log = new HandoutLog();
  const counters = { handouts: 0, failedHandouts: 0 };
  const state: AttachState = { cache, log, now, failures: { count: 0, invalidations: 0, last: undefined } };
  // Weak, so a client the app drops without detaching is not kept alive by its provider.
  const attached = new WeakMap<MongoAwsEventSource, () => void>();
  let attachedClients = 0;

  const get = (callOptions?: CredentialProviderOptions): Promise<Credentials> =>
    cache(callOptions).then(
      (credentials) => {
        counters.handouts += 1;
        log.record(credentials, now());
        return credentials;
      },
      (error: unknown) => {
        counters.failedHandouts += 1;
        throw error;
      },
    );

  const stats = (): MongoAwsProviderStats => {
    const last = log.last;
    return {
      handouts: counters.handouts,
      failedHandouts: counters.failedHandouts,
      lastHandout: last === undefined ? undefined : { credentials: last.summary, at: new Date(last.at).toISOString() },
      authFailures: state.failures.count,
      invalidations: state.failures.invalidations,
      lastAuthFailure: state.failures.last,
      attachedClients,
      cache: cache.stats(),
    };
  };

  const attach = (client: MongoAwsEventSource): (() => void) => {
    if (typeof client !== 'object' || (client as unknown) === null || typeof client.on !== 'function' || typeof client.removeListener !== 'function') {
      throw invalidOptions('attach(client): pass the MongoClient that uses this provider (an object with on() and removeListener()).');
    }
    const existing = attached.get(client);
    if (existing !== undefined) return existing;
    const remove = attachClient(client, state);
    const detach = (): void => {
      if (attached.get(client) !== detach) return;
      attached.delete(client);
      attachedClients -= 1;
      remove();
    };
    attached.set(client, detach);
    attachedClients += 1;
    return detach;
  };

  return Object.assign(get, {
    cache,
    invalidate: (accessKeyId?: string) => cache.invalidate(accessKeyId),
    peek: () => cache.peek(),
    stats,
    attach,
  });
}

// The process-wide default chain; cache options, when given, configure a chain of its own.
function defaultChain(options: MongoAwsProviderOptions): CachedProvider {
  const { random, ...cache } = givenCacheOptions(options);
  const { now, env } = options;
  if (Object.keys(cache).length === 0 && now === undefined && random === undefined) return fromNodeProviderChain({ env });
  return fromNodeProviderChain({ env, cache, now, random, shared: false });
}

/** A provider made by {@link createMongoAwsProvider} (possibly by another copy of this package). @internal */
export function isMongoAwsProvider(value: unknown): value is MongoAwsProvider {
  return isCachedProvider(value) && typeof (value as unknown as Record<string, unknown>).attach === 'function' && isCachedProvider((value as unknown as Record<string, unknown>).cache);
}
