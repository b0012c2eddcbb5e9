import { maskAccessKeyId, type CachedProvider, type Clock } from '@iamkit/credentials';
import { authFailureChannel } from './adapter-diagnostics.js';
import { connectionKey, isAuthenticationFailed, type MongoAwsEventSource, type PoolEvent } from './driver-events.js';
import type { HandoutLog } from './handout-log.js';
import type { MongoAwsAuthFailure } from './provider-stats.js';

/** What an attached client shares with its provider. @internal */
export interface AttachState {
  readonly cache: CachedProvider;
  readonly log: HandoutLog;
  readonly now: Clock;
  readonly failures: { count: number; invalidations: number; last: MongoAwsAuthFailure | undefined };
}

// A connection that never finishes its handshake leaves nothing behind once closed; this bounds the
// map when events go missing (a pool closed while connecting).
const MAX_TRACKED_CONNECTIONS = 10_000;

/**
 * Listens to one client's CMAP events: remembers, per pending connection, how many handouts had
 * happened when it was created, and on a code-18 failure invalidates the oldest key handed out
 * since then. Returns the function that removes the listeners.
 * @internal
 */
export function attachClient(client: MongoAwsEventSource, state: AttachState): () => void {
  const createdAt = new Map<string, number>();
  // Both connectionClosed and connectionCheckOutFailed carry the same error object: handle it once.
  const handled = new WeakSet<object>();

  const onCreated = (event: PoolEvent): void => {
    const key = connectionKey(event);
    if (key === undefined) return;
    if (createdAt.size >= MAX_TRACKED_CONNECTIONS) createdAt.clear();
    createdAt.set(key, state.log.seq);
  };
  const onReady = (event: PoolEvent): void => {
    const key = connectionKey(event);
    if (key !== undefined) createdAt.delete(key);
  };
  const onFailure = (event: PoolEvent, key: string | undefined): void => {
    const { error } = event;
    if (!isAuthenticationFailed(error) || typeof error !== 'object' || error === null || handled.has(error)) return;
    handled.add(error);
    const since = key === undefined ? undefined : createdAt.get(key);
    const candidates = state.log.keysSince(since);
    // The connection used one of these keys. The oldest is invalidated: if it is stale, the cache
    // has moved on and invalidate() keeps the newer credentials; if a newer one is bad too, the
    // next connection, created after it was handed out, sees only that key and drops it.
    const blamed = candidates[0];
    const dropped = blamed === undefined ? false : state.cache.invalidate(blamed);
    state.failures.count += 1;
    if (dropped) state.failures.invalidations += 1;
    const report: MongoAwsAuthFailure = {
      at: new Date(state.now()).toISOString(),
      address: event.address,
      connectionId: event.connectionId,
      candidates: candidates.map(maskAccessKeyId),
      invalidated: blamed === undefined ? undefined : maskAccessKeyId(blamed),
      dropped,
    };
    state.failures.last = report;
    if (authFailureChannel.hasSubscribers) {
      authFailureChannel.publish({ address: report.address, connectionId: report.connectionId, candidates: report.candidates, invalidated: report.invalidated, dropped });
    }
  };
  const onClosed = (event: PoolEvent): void => {
    const key = connectionKey(event);
    if (event.reason === 'error') onFailure(event, key);
    if (key !== undefined) createdAt.delete(key);
  };
  const onCheckOutFailed = (event: PoolEvent): void => {
    if (event.reason === 'connectionError') onFailure(event, undefined);
  };

  const listeners: [string, (event: PoolEvent) => void][] = [
    ['connectionCreated', onCreated],
    ['connectionReady', onReady],
    ['connectionClosed', onClosed],
    ['connectionCheckOutFailed', onCheckOutFailed],
  ];
  for (const [name, listener] of listeners) client.on(name, listener);
  return () => {
    for (const [name, listener] of listeners) client.removeListener(name, listener);
    createdAt.clear();
  };
}
