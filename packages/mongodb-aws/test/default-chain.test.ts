// Without a provider, the adapter serves the driver from the default chain of
// @iamkit/credential-providers, shared per process: several MongoClients, each with its own
// createMongoAwsProvider(), still cost one request at the credential endpoint.
import { afterEach, describe, expect, it } from 'vitest';
import { createMongoAwsProvider, mongoAwsOptions } from '../src/index.js';
import { closer, DRIVERS } from './helpers/drivers.js';
import { startAgent, startStack, TASK_ROLE_USER } from './helpers/stack.js';

const open = closer();
afterEach(() => open.closeAll());

describe.each(DRIVERS)('$name ($version): the default chain', (driver) => {
  it('three clients, each with its own adapter, share one cache: one request at the ECS agent', async () => {
    const stack = open.add(await startStack());
    const agent = open.add(await startAgent(stack));
    // One env object for the process, as process.env would be.
    const env = { ...agent.env, AWS_EC2_METADATA_DISABLED: 'true' };
    const clients = [0, 1, 2].map(() => {
      const provider = createMongoAwsProvider({ env });
      const client = open.add(driver.create(stack.mongo.uri, { ...mongoAwsOptions(provider), maxPoolSize: 5, maxConnecting: 5, serverSelectionTimeoutMS: 5000 }));
      provider.attach(client);
      return { client, provider };
    });
    await Promise.all(clients.flatMap(({ client }) => Array.from({ length: 8 }, (_, n) => client.db('app').collection('items').insertOne({ n }))));

    const status = await clients[0]!.client.db('admin').command({ connectionStatus: 1 });
    expect(status).toMatchObject({ authInfo: { authenticatedUsers: [{ user: TASK_ROLE_USER, db: '$external' }] } });
    expect(stack.mongo.counters.authSucceeded).toBeGreaterThan(3);
    expect(stack.mongo.counters.authFailed).toBe(0);
    expect(agent.counters.total).toBe(1);
    // The same cache behind every adapter: the chain decided by the container source.
    expect(clients[1]!.provider.cache).toBe(clients[0]!.provider.cache);
    expect(clients[2]!.provider.peek()?.credentials.source).toBe('container');
  });

  it('refuses env together with a provider: env configures only the default chain', () => {
    expect(() => createMongoAwsProvider({ provider: () => Promise.reject(new Error('unused')), env: {} })).toThrow(/env configures the default chain/);
  });
});
