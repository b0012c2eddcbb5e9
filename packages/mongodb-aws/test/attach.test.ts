// attach() against a stand-in client that emits CMAP events exactly as mongodb 6.x/7.x do for a
// refused authentication (see driver-events.test.ts for the real drivers): connectionCreated, the
// provider call, then connectionClosed { reason: 'error', connectionId, error } and, when an
// operation waited for that connection, connectionCheckOutFailed { reason: 'connectionError', error }.
import { EventEmitter } from 'node:events';
import { cached } from '@iamkit/credentials';
import { recordChannels } from '@iamkit/test-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTH_FAILURE_CHANNEL, createMongoAwsProvider, type MongoAwsAuthFailureEvent } from '../src/index.js';
import { K1, K2, scriptedSource } from './helpers/sources.js';

const ADDRESS = '127.0.0.1:27017';

function authFailed(): Error & { code: number; codeName: string } {
  return Object.assign(new Error('Authentication failed.'), { name: 'MongoServerError', code: 18, codeName: 'AuthenticationFailed' });
}

class FakeClient extends EventEmitter {
  created(id: number, address = ADDRESS): void {
    this.emit('connectionCreated', { address, connectionId: id });
  }
  ready(id: number, address = ADDRESS): void {
    this.emit('connectionReady', { address, connectionId: id });
  }
  refused(id: number, error: unknown = authFailed(), address = ADDRESS): void {
    this.emit('connectionClosed', { address, connectionId: id, reason: 'error', error });
    this.emit('connectionCheckOutFailed', { address, reason: 'connectionError', error });
  }
}

const recordings: { stop(): void }[] = [];
afterEach(() => {
  for (const recording of recordings.splice(0)) recording.stop();
});

describe('attach(client): invalidation on a refused authentication', () => {
  it('drops the key the refused connection was handed, once per failure, and the next connection fetches again', async () => {
    const source = scriptedSource([K1, K2]);
    const provider = createMongoAwsProvider({ provider: source.provider });
    const client = new FakeClient();
    provider.attach(client);
    client.created(1);
    await provider();
    client.refused(1);
    expect(provider.peek()).toBeUndefined();
    expect(provider.stats()).toMatchObject({ authFailures: 1, invalidations: 1, lastAuthFailure: { address: ADDRESS, connectionId: 1, candidates: ['ASIA…PLE1'], invalidated: 'ASIA…PLE1', dropped: true } });
    client.created(2);
    expect((await provider()).accessKeyId).toBe(K2.accessKeyId);
    client.ready(2);
    expect(source.calls).toBe(2);
  });

  it('a late failure of old credentials does not throw away the newer ones', async () => {
    const source = scriptedSource([K1, K2]);
    const shared = cached(source.provider);
    const provider = createMongoAwsProvider({ provider: shared });
    const client = new FakeClient();
    provider.attach(client);
    client.created(1);
    await provider(); // connection 1 signs with K1…
    shared.invalidate(); // …meanwhile the cache moves on (another client's failure, a forced refresh)
    client.created(2);
    await provider(); // connection 2 gets K2
    client.refused(1); // connection 1's failure arrives late: it may have used K1 or K2
    expect(provider.stats().lastAuthFailure).toMatchObject({ candidates: ['ASIA…PLE1', 'ASIA…MPL2'], invalidated: 'ASIA…PLE1', dropped: false });
    expect(provider.peek()?.credentials.accessKeyId).toBe('ASIA…MPL2');
    // If K2 is bad too, the next refused connection — created after K2 was handed out — drops it.
    client.refused(2);
    expect(provider.stats().lastAuthFailure).toMatchObject({ candidates: ['ASIA…MPL2'], invalidated: 'ASIA…MPL2', dropped: true });
    expect(provider.peek()).toBeUndefined();
    expect(provider.stats()).toMatchObject({ authFailures: 2, invalidations: 1 });
  });

  it('keeps connections of different servers apart (each pool numbers its connections from 1)', async () => {
    const source = scriptedSource([K1, K2]);
    const provider = createMongoAwsProvider({ provider: source.provider });
    const client = new FakeClient();
    provider.attach(client);
    client.created(1, 'a:27017');
    await provider(); // K1 to a#1
    provider.invalidate();
    client.created(1, 'b:27017');
    await provider(); // K2 to b#1
    client.refused(1, authFailed(), 'b:27017');
    expect(provider.stats().lastAuthFailure).toMatchObject({ address: 'b:27017', candidates: ['ASIA…MPL2'], dropped: true });
  });

  it('leaves the cache alone for failures that are not a refused authentication', async () => {
    const provider = createMongoAwsProvider({ provider: scriptedSource([K1]).provider });
    const client = new FakeClient();
    provider.attach(client);
    client.created(1);
    await provider();
    const providerFailure = Object.assign(new Error('container: throttled (HTTP 429)'), { name: 'MongoAWSError' });
    client.refused(1, providerFailure);
    client.emit('connectionClosed', { address: ADDRESS, connectionId: 1, reason: 'error', error: Object.assign(new Error('connection reset'), { name: 'MongoNetworkError' }) });
    client.emit('connectionClosed', { address: ADDRESS, connectionId: 1, reason: 'poolClosed', error: null });
    client.emit('connectionCheckOutFailed', { address: ADDRESS, reason: 'timeout' });
    client.emit('connectionClosed', { address: ADDRESS, connectionId: 1, reason: 'stale', error: authFailed() });
    expect(provider.peek()?.credentials.accessKeyId).toBe('ASIA…PLE1');
    expect(provider.stats()).toMatchObject({ authFailures: 0, invalidations: 0 });
  });

  it('blames the oldest key it knows for a connection created before attach()', async () => {
    const source = scriptedSource([K1, K2]);
    const provider = createMongoAwsProvider({ provider: source.provider });
    await provider(); // K1, before any client was attached
    provider.invalidate();
    await provider(); // K2
    const client = new FakeClient();
    provider.attach(client);
    client.refused(7);
    expect(provider.stats().lastAuthFailure).toMatchObject({ connectionId: 7, candidates: ['ASIA…PLE1', 'ASIA…MPL2'], invalidated: 'ASIA…PLE1', dropped: false });
  });

  it('attaching a client twice adds one set of listeners; detaching removes them', async () => {
    const provider = createMongoAwsProvider({ provider: scriptedSource([K1]).provider });
    const client = new FakeClient();
    const detach = provider.attach(client);
    expect(provider.attach(client)).toBe(detach);
    expect(client.listenerCount('connectionClosed')).toBe(1);
    expect(provider.stats().attachedClients).toBe(1);
    detach();
    detach();
    expect(client.eventNames()).toEqual([]);
    expect(provider.stats().attachedClients).toBe(0);
    client.created(1);
    await provider();
    client.refused(1);
    expect(provider.peek()).toBeDefined();
    expect(provider.stats().authFailures).toBe(0);
  });

  it('publishes each refused authentication on a diagnostics channel, with masked key ids', async () => {
    const recording = recordChannels([AUTH_FAILURE_CHANNEL]);
    recordings.push(recording);
    const provider = createMongoAwsProvider({ provider: scriptedSource([K1]).provider });
    const client = new FakeClient();
    provider.attach(client);
    client.created(3);
    await provider();
    client.refused(3);
    const events = recording.events.map((event) => event.message as unknown as MongoAwsAuthFailureEvent);
    expect(events).toEqual([{ address: ADDRESS, connectionId: 3, candidates: ['ASIA…PLE1'], invalidated: 'ASIA…PLE1', dropped: true }]);
    expect(JSON.stringify(events)).not.toContain(K1.accessKeyId);
  });

  it('refuses something that is not a client', () => {
    const provider = createMongoAwsProvider({ provider: scriptedSource([K1]).provider });
    expect(() => provider.attach({} as never)).toThrow(expect.objectContaining({ code: 'ERR_MONGODB_AWS_INVALID_OPTIONS', message: expect.stringMatching(/pass the MongoClient/) }));
    expect(() => provider.attach(null as never)).toThrow(/pass the MongoClient/);
  });
});
