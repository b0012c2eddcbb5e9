// The adapter with the real drivers (mongodb 7.9 and 6.x) against the MongoDB emulator, which
// forwards every authentication to the STS emulator as mongod does.
import { cached, chain, createCredentials, type Credentials } from '@iamkit/credentials';
import { fromContainerMetadata } from '@iamkit/credential-container';
import { fromEnv } from '@iamkit/credential-env';
import { STS_SAMPLE_USERS, startEcsAgent } from '@iamkit/emulators';
import { afterEach, describe, expect, it } from 'vitest';
import { createMongoAwsProvider, mongoAwsOptions, type MongoAwsProvider } from '../src/index.js';
import { closer, DRIVERS, type Driver } from './helpers/drivers.js';
import { fakeClock } from './helpers/fake-clock.js';
import { ACCOUNT, ALICE_ARN, startAgent, startStack } from './helpers/stack.js';

const open = closer();
afterEach(() => open.closeAll());

const { alice, bob } = STS_SAMPLE_USERS;
const BOB_ARN = `arn:aws:iam::${ACCOUNT}:user/Bob`;

function poolCounter(client: { on(event: string, listener: () => void): unknown }): { created: number; ready: number; failed: number } {
  const counts = { created: 0, ready: 0, failed: 0 };
  client.on('connectionCreated', () => (counts.created += 1));
  client.on('connectionReady', () => (counts.ready += 1));
  client.on('connectionClosed', ((event: { reason?: string }) => {
    if (event.reason === 'error') counts.failed += 1;
  }) as () => void);
  return counts;
}

function clientFor(driver: Driver, uri: string, provider: MongoAwsProvider, extra: Record<string, unknown> = {}): ReturnType<Driver['create']> {
  const client = open.add(driver.create(uri, { ...mongoAwsOptions(provider), serverSelectionTimeoutMS: 5000, ...extra }));
  provider.attach(client);
  return client;
}

describe.each(DRIVERS)('$name ($version)', (driver) => {
  it('80 concurrent operations open 40 pooled connections at once: 40 authentications, one credential request', async () => {
    const stack = open.add(await startStack());
    const agent = open.add(await startAgent(stack));
    const provider = createMongoAwsProvider({ provider: chain(fromEnv({ env: {} }), fromContainerMetadata({ env: agent.env })) });
    const client = clientFor(driver, stack.mongo.uri, provider, { maxPoolSize: 40, maxConnecting: 40 });
    const pool = poolCounter(client);
    const items = client.db('app').collection('items');
    await Promise.all(Array.from({ length: 80 }, (_, n) => (n % 2 === 0 ? items.insertOne({ n }) : items.find({ n }).toArray())));
    expect(pool).toEqual({ created: 40, ready: 40, failed: 0 });
    expect(stack.mongo.counters.authSucceeded).toBe(40);
    expect(agent.counters.total).toBe(1);
    expect(provider.stats()).toMatchObject({ handouts: 40, failedHandouts: 0, authFailures: 0, cache: { fetches: 1 } });
  });

  describe('the specification’s poisoned cache: a bad key id is cached, the find fails, the next find succeeds', () => {
    const poisonedSource = (): { provider: () => Promise<Credentials>; readonly calls: number } => {
      let calls = 0;
      return {
        // No expiration: without invalidation the cache would keep the bad key for the process's life.
        provider: async () => createCredentials(calls++ === 0 ? { ...alice, accessKeyId: 'AKIAPOISONEDEXAMPLE0' } : alice, 'container'),
        get calls() {
          return calls;
        },
      };
    };

    it('attached: the refused key is dropped and the source is asked again', async () => {
      const stack = open.add(await startStack());
      const source = poisonedSource();
      const provider = createMongoAwsProvider({ provider: source.provider });
      const items = clientFor(driver, stack.mongo.uri, provider).db('app').collection('items');
      await expect(items.findOne({})).rejects.toMatchObject({ code: 18 });
      expect(provider.peek()).toBeUndefined();
      expect(provider.stats().lastAuthFailure).toMatchObject({ invalidated: 'AKIA…PLE0', dropped: true });
      expect(await items.findOne({})).toBeNull();
      expect(source.calls).toBe(2);
      expect(provider.peek()?.credentials.accessKeyId).toBe('AKIA…0001');
      expect(stack.sts.calls.map((c) => [c.accessKeyId, c.code ?? c.status])).toEqual([
        ['AKIAPOISONEDEXAMPLE0', 'InvalidClientTokenId'],
        [alice.accessKeyId, 200],
      ]);
    });

    it('not attached: the driver never clears anything, so every later connection fails too', async () => {
      const stack = open.add(await startStack());
      const source = poisonedSource();
      const provider = createMongoAwsProvider({ provider: source.provider });
      const items = open.add(driver.create(stack.mongo.uri, { ...mongoAwsOptions(provider), serverSelectionTimeoutMS: 5000 })).db('app').collection('items');
      await expect(items.findOne({})).rejects.toMatchObject({ code: 18 });
      await expect(items.findOne({})).rejects.toMatchObject({ code: 18 });
      expect(source.calls).toBe(1);
    });
  });

  it('environment credentials are read at each authentication: a new connection uses the new keys', async () => {
    const stack = open.add(await startStack({ users: [ALICE_ARN, BOB_ARN] }));
    const env: Record<string, string> = { AWS_ACCESS_KEY_ID: alice.accessKeyId, AWS_SECRET_ACCESS_KEY: alice.secretAccessKey };
    const provider = createMongoAwsProvider({ provider: cached(chain(fromEnv({ env }))) });
    const client = clientFor(driver, stack.mongo.uri, provider, { maxPoolSize: 2 });
    expect(await client.db('admin').command({ connectionStatus: 1 })).toMatchObject({ authInfo: { authenticatedUsers: [{ user: ALICE_ARN }] } });
    Object.assign(env, { AWS_ACCESS_KEY_ID: bob.accessKeyId, AWS_SECRET_ACCESS_KEY: bob.secretAccessKey, AWS_SESSION_TOKEN: bob.sessionToken });
    // Two at once: the first connection is busy, so the pool opens a second one.
    const statuses = await Promise.all([client.db('admin').command({ connectionStatus: 1 }), client.db('admin').command({ connectionStatus: 1 })]);
    const users = statuses.map((s) => (s as { authInfo: { authenticatedUsers: { user: string }[] } }).authInfo.authenticatedUsers[0]?.user).sort();
    expect(users).toEqual([ALICE_ARN, BOB_ARN]);
    expect(stack.sts.calls.map((c) => c.accessKeyId)).toEqual([alice.accessKeyId, bob.accessKeyId]);
    expect(provider.peek()).toBeUndefined();
    expect(provider.stats().cache.fetches).toBe(2);
  });

  it('rotation during a long-lived pool: new connections get the new credentials, old connections keep working', async () => {
    const clock = fakeClock();
    const stack = open.add(await startStack());
    const agent = open.add(await startEcsAgent({ now: clock.now }));
    const first = agent.credentials; // 6-hour credentials
    stack.register(first);
    const provider = createMongoAwsProvider({ provider: fromContainerMetadata({ env: agent.env, now: clock.now }), now: clock.now, random: () => 0 });
    const client = clientFor(driver, stack.mongo.uri, provider, { maxPoolSize: 10, maxConnecting: 10 });
    const pool = poolCounter(client);
    const items = client.db('app').collection('items');
    await Promise.all(Array.from({ length: 4 }, (_, n) => items.insertOne({ n })));
    const oldConnections = new Set(stack.mongo.commands.filter({ command: 'insert' }).map((c) => c.connectionId));
    expect(pool.ready).toBe(oldConnections.size);
    const mark = stack.mongo.commands.count();

    // 5 h 56 min later the credentials are inside the 5-minute window; the agent has new ones.
    clock.advance(5 * 3_600_000 + 56 * 60_000);
    const second = agent.rotate();
    stack.register(second);
    await Promise.all(Array.from({ length: 10 }, (_, n) => items.find({ n }).toArray()));

    expect(agent.counters.total).toBe(2);
    const authentications = stack.sts.calls.filter((c) => c.action === 'GetCallerIdentity');
    expect(authentications.slice(0, oldConnections.size).every((c) => c.accessKeyId === first.accessKeyId)).toBe(true);
    const later = authentications.slice(oldConnections.size);
    expect(later.length).toBe(pool.ready - oldConnections.size);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((c) => c.accessKeyId === second.accessKeyId && c.status === 200)).toBe(true);
    const findsOnOld = stack.mongo.commands.entries.slice(mark).filter((c) => c.command === 'find' && oldConnections.has(c.connectionId));
    expect(findsOnOld.length).toBeGreaterThan(0);
    expect(findsOnOld.every((c) => c.ok === true)).toBe(true);
    expect(pool.failed).toBe(0);
  });
});
