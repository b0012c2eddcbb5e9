import type { MongoClient } from 'mongodb';

/** What the connection pool did, from the driver's own CMAP events. */
export interface PoolSnapshot {
  /** Connections that completed their handshake, MONGODB-AWS authentication included. */
  readonly authenticated: number;
  /** Connections whose handshake failed (a credential error or a refused authentication). */
  readonly failedHandshakes: number;
  /** Times the pool was cleared (after a failed handshake or a network error). */
  readonly poolClears: number;
  /** Handshake durations, connectionCreated → connectionReady, in ms, sorted. */
  readonly handshakeMs: readonly number[];
}

interface Tracked {
  readonly address?: string;
  readonly connectionId?: number | string;
  readonly reason?: string;
}

/** Measures every connection's handshake, created → ready or created → closed with an error, on every client it watches. */
export interface PoolMonitor {
  watch(client: MongoClient): void;
  snapshot(): PoolSnapshot;
}

export function createPoolMonitor(now: () => number = () => performance.now()): PoolMonitor {
  const durations: number[] = [];
  let failed = 0;
  let clears = 0;
  let clients = 0;
  return {
    watch(client) {
      // Connection ids restart at 1 in every client's pools.
      const id = (clients += 1);
      const started = new Map<string, number>();
      const key = (event: Tracked): string => `${String(id)}/${event.address ?? ''}#${String(event.connectionId)}`;
      client.on('connectionCreated', (event) => {
        started.set(key(event), now());
      });
      client.on('connectionReady', (event) => {
        const at = started.get(key(event));
        started.delete(key(event));
        if (at !== undefined) durations.push(now() - at);
      });
      client.on('connectionClosed', (event) => {
        // Only a connection still in its handshake counts as a failed handshake.
        if (started.delete(key(event)) && event.reason === 'error') failed += 1;
      });
      client.on('connectionPoolCleared', () => {
        clears += 1;
      });
    },
    snapshot: () => ({ authenticated: durations.length, failedHandshakes: failed, poolClears: clears, handshakeMs: [...durations].sort((a, b) => a - b) }),
  };
}

/** The p-th percentile (0–100) of sorted values; NaN when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}
