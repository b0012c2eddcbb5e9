import type { CacheStats, CredentialsSummary } from '@iamkit/credentials';

/**
 * The credentials handed to the driver last, secret-free: masked key id, source, expiry, whether
 * a session token came with them, and when.
 *
 * @example
 * ```ts
 * const last: MongoAwsHandout | undefined = provider.stats().lastHandout;
 * console.log(last?.credentials.accessKeyId, last?.credentials.source, last?.at);
 * ```
 * @public
 */
export interface MongoAwsHandout {
  readonly credentials: CredentialsSummary;
  /** ISO time of that handout. */
  readonly at: string;
}

/**
 * What the adapter's last authentication-failure handling did.
 *
 * @example
 * ```ts
 * const failure: MongoAwsAuthFailure | undefined = provider.stats().lastAuthFailure;
 * if (failure && !failure.dropped) console.log('the cache had already moved on to newer credentials');
 * ```
 * @public
 */
export interface MongoAwsAuthFailure {
  /** ISO time the driver reported it. */
  readonly at: string;
  readonly address: string | undefined;
  readonly connectionId: number | string | undefined;
  /** Masked key ids handed out since that connection was created, oldest first. */
  readonly candidates: readonly string[];
  /** The masked key id invalidated: the oldest candidate (see the README on stale failures). */
  readonly invalidated: string | undefined;
  /** Whether the cache still held it and dropped it. */
  readonly dropped: boolean;
}

/**
 * A secret-free snapshot of a {@link MongoAwsProvider}: what its cache did, what it handed to the
 * driver, and the authentication failures attached clients reported.
 *
 * @example
 * ```ts
 * const { handouts, cache, authFailures } = provider.stats();
 * console.log(`${handouts} handshakes, ${cache.fetches} credential requests, ${authFailures} refused`);
 * ```
 * @public
 */
export interface MongoAwsProviderStats {
  /** Calls that returned credentials (one per authenticated connection when only the driver calls). */
  readonly handouts: number;
  /** Calls that failed (the driver turns each into a `MongoAWSError`). */
  readonly failedHandouts: number;
  readonly lastHandout: MongoAwsHandout | undefined;
  /** Code-18 failures reported by attached clients. */
  readonly authFailures: number;
  /** Of those, how many dropped credentials from the cache. */
  readonly invalidations: number;
  readonly lastAuthFailure: MongoAwsAuthFailure | undefined;
  /** Clients currently attached. */
  readonly attachedClients: number;
  /** The shared cache's own statistics (`fetches` = credential requests to the source). */
  readonly cache: CacheStats;
}
