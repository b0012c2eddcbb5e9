/**
 * The part of a `MongoClient` the adapter needs: it listens to connection-pool (CMAP) events.
 * Structural, so the adapter works with `mongodb` 6.x and 7.x without importing the driver (a
 * `MongoClient` of either is assignable).
 *
 * @example
 * ```ts
 * const client: MongoAwsEventSource = new MongoClient(uri, mongoAwsOptions(provider));
 * ```
 * @public
 */
export interface MongoAwsEventSource {
  on(event: string, listener: (event: PoolEvent) => void): unknown;
  removeListener(event: string, listener: (event: PoolEvent) => void): unknown;
}

/**
 * What the adapter reads from the driver's CMAP events (`connectionCreated`, `connectionReady`,
 * `connectionClosed`, `connectionCheckOutFailed`). In `mongodb` 6.x and 7.x a failed
 * authentication emits `connectionClosed` with `reason: 'error'`, the connection's id and the
 * `error`, then — when an operation was waiting for that connection — `connectionCheckOutFailed`
 * with `reason: 'connectionError'` and the same `error` (no connection id).
 *
 * @example
 * ```ts
 * client.on('connectionClosed', (event: PoolEvent) => console.log(event.address, event.connectionId, event.reason));
 * ```
 * @public
 */
export interface PoolEvent {
  /** `host:port` of the server whose pool emitted the event. */
  readonly address?: string | undefined;
  readonly connectionId?: number | string | undefined;
  readonly reason?: string | undefined;
  readonly error?: unknown;
}

/** MongoDB's `AuthenticationFailed`: the server's only answer to any MONGODB-AWS failure. */
export const AUTHENTICATION_FAILED = 18;

/** Whether `error` is the server refusing an authentication (code 18). @internal */
export function isAuthenticationFailed(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, codeName } = error as { code?: unknown; codeName?: unknown };
  return code === AUTHENTICATION_FAILED || codeName === 'AuthenticationFailed';
}

/** The key a connection is known by across the pools of one client. @internal */
export function connectionKey(event: PoolEvent): string | undefined {
  if (event.connectionId === undefined) return undefined;
  return `${event.address ?? ''}#${String(event.connectionId)}`;
}
