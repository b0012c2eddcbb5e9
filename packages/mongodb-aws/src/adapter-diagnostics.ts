import { channel } from 'node:diagnostics_channel';

/**
 * Diagnostics channel: an attached `MongoClient` reported a connection whose authentication the
 * server refused (code 18). Payload {@link MongoAwsAuthFailureEvent}.
 *
 * @example
 * ```ts
 * import { subscribe } from 'node:diagnostics_channel';
 * subscribe(AUTH_FAILURE_CHANNEL, (event) => log.warn('MONGODB-AWS authentication refused', event));
 * ```
 * @public
 */
export const AUTH_FAILURE_CHANNEL = 'iamkit:mongodb-aws:auth-failure';

/**
 * What {@link AUTH_FAILURE_CHANNEL} publishes: where it happened, which access key ids the failed
 * connection may have used (masked), and which one the adapter invalidated. Never a secret.
 *
 * @example
 * ```ts
 * const onFailure = (event: MongoAwsAuthFailureEvent) => console.warn(`${event.address}: refused, dropped ${event.invalidated ?? 'nothing'}`);
 * ```
 * @public
 */
export interface MongoAwsAuthFailureEvent {
  readonly address: string | undefined;
  readonly connectionId: number | string | undefined;
  /** Masked key ids handed out since the connection was created, oldest first. */
  readonly candidates: readonly string[];
  /** The masked key id passed to `invalidate()`, if any. */
  readonly invalidated: string | undefined;
  /** Whether the cache still held that key and dropped it. */
  readonly dropped: boolean;
}

/** @internal */
export const authFailureChannel = channel(AUTH_FAILURE_CHANNEL);
