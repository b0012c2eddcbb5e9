// What mongodb 7.9 and 6.x actually emit when a connection's MONGODB-AWS authentication fails:
// the contract attach() is built on. Both majors behave the same.
import { IamkitError, isIamkitError } from '@iamkit/credentials';
import { afterEach, describe, expect, it } from 'vitest';
import { closer, DRIVERS } from './helpers/drivers.js';
import { ALICE_ARN, startStack } from './helpers/stack.js';

const open = closer();
afterEach(() => open.closeAll());

const ALICE = { accessKeyId: 'AKIAALICEEXAMPLE0001', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYALICEKEY01' };

interface Recorded {
  readonly name: string;
  readonly event: Record<string, unknown>;
}

describe.each(DRIVERS)('$name ($version)', (driver) => {
  async function run(provider: () => Promise<unknown>): Promise<{ events: Recorded[]; error: unknown }> {
    const stack = open.add(await startStack({ users: [ALICE_ARN] }));
    const client = open.add(driver.create(stack.mongo.uri, { authMechanismProperties: { AWS_CREDENTIAL_PROVIDER: provider }, serverSelectionTimeoutMS: 5000 }));
    const events: Recorded[] = [];
    for (const name of ['connectionCreated', 'connectionReady', 'connectionClosed', 'connectionCheckOutFailed']) {
      client.on(name as 'connectionCreated', (event) => events.push({ name, event: event as unknown as Record<string, unknown> }));
    }
    const error = await client.db('app').command({ ping: 1 }).then(() => undefined, (e: unknown) => e);
    return { events, error };
  }

  it('a refused authentication: connectionClosed (reason error, connection id, the code-18 error), then connectionCheckOutFailed (reason connectionError, the same error)', async () => {
    const { events, error } = await run(async () => ({ ...ALICE, secretAccessKey: 'w'.repeat(40) }));
    expect(error).toMatchObject({ name: 'MongoServerError', code: 18, codeName: 'AuthenticationFailed', message: 'Authentication failed.' });
    const names = events.map((e) => e.name);
    expect(names.slice(0, 3)).toEqual(['connectionCreated', 'connectionClosed', 'connectionCheckOutFailed']);
    const [created, closed, checkOut] = events;
    expect(closed?.event).toMatchObject({ reason: 'error', connectionId: created?.event.connectionId, address: created?.event.address });
    expect(closed?.event.error).toBe(error);
    expect(checkOut?.event).toMatchObject({ reason: 'connectionError' });
    expect(checkOut?.event.connectionId).toBeUndefined();
    expect(checkOut?.event.error).toBe(error);
  });

  it('a failing provider: the same events, with a MongoAWSError whose cause is the provider’s error', async () => {
    const thrown = new IamkitError({ code: 'ERR_CREDENTIALS_THROTTLED', source: 'container', retryable: true, message: 'container: throttled (HTTP 429)' });
    const { events, error } = await run(() => Promise.reject(thrown));
    expect(error).toMatchObject({ name: 'MongoAWSError', message: thrown.message });
    expect((error as { cause?: unknown }).cause).toBe(thrown);
    expect(isIamkitError((error as { cause?: unknown }).cause, 'ERR_CREDENTIALS_THROTTLED')).toBe(true);
    expect(events.find((e) => e.name === 'connectionClosed')?.event).toMatchObject({ reason: 'error', error });
  });

  it('a successful authentication: connectionCreated then connectionReady, same id', async () => {
    const { events, error } = await run(async () => ALICE);
    expect(error).toBeUndefined();
    expect(events.map((e) => e.name)).toEqual(['connectionCreated', 'connectionReady']);
    expect(events[1]?.event.connectionId).toBe(events[0]?.event.connectionId);
  });
});
