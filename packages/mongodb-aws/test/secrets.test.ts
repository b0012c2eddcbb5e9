// Secrets never reach an explanation, a wrapped error, stats or a diagnostics event — on the
// failure paths, where they are most likely to leak.
import { inspect } from 'node:util';
import { BACKOFF_CHANNEL, FETCH_END_CHANNEL, FETCH_ERROR_CHANNEL, FETCH_START_CHANNEL, INVALIDATE_CHANNEL } from '@iamkit/credentials';
import { createServiceAccountToken, STS_SAMPLE_ROLES } from '@iamkit/emulators';
import { createStsClient } from '@iamkit/sts';
import { recordChannels } from '@iamkit/test-kit';
import { MongoClient } from 'mongodb';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AUTH_FAILURE_CHANNEL, createMongoAwsProvider, explainMongoAwsError, mongoAwsOptions, wrapMongoAwsError } from '../src/index.js';
import { closer } from './helpers/drivers.js';
import { K1, SECRETS, scriptedSource } from './helpers/sources.js';
import { startStack, TASK_ROLE_USER } from './helpers/stack.js';

const open = closer();
const channels = [AUTH_FAILURE_CHANNEL, FETCH_START_CHANNEL, FETCH_END_CHANNEL, FETCH_ERROR_CHANNEL, BACKOFF_CHANNEL, INVALIDATE_CHANNEL];
const published = recordChannels(channels);
afterEach(async () => {
  await open.closeAll();
  published.events.length = 0;
});
afterAll(() => {
  published.stop();
});

function expectNoSecrets(texts: readonly string[], secrets: readonly string[]): void {
  const all = texts.join('\n');
  for (const secret of secrets) expect(all).not.toContain(secret);
}

async function ping(uri: string, provider: ReturnType<typeof createMongoAwsProvider>): Promise<unknown> {
  const client = open.add(new MongoClient(uri, { ...mongoAwsOptions(provider), serverSelectionTimeoutMS: 3000 }));
  provider.attach(client);
  return client.db('app').command({ ping: 1 }).then(() => undefined, (e: unknown) => e);
}

function everyView(error: unknown, provider: ReturnType<typeof createMongoAwsProvider>): string[] {
  const explanation = explainMongoAwsError(error, { provider });
  const wrapped = wrapMongoAwsError(error, { provider });
  return [
    JSON.stringify(explanation),
    explanation.format(),
    inspect(explanation, { depth: 10 }),
    wrapped.message,
    JSON.stringify(wrapped),
    inspect(wrapped, { depth: 10 }),
    JSON.stringify(provider.stats()),
    inspect(provider, { depth: 10 }),
    JSON.stringify(published.events.map((event) => event.message)),
  ];
}

describe('no secret on a failure path', () => {
  it('a refused authentication with temporary credentials (secret key and session token known to the provider)', async () => {
    const stack = open.add(await startStack({ users: [TASK_ROLE_USER] }));
    const provider = createMongoAwsProvider({ provider: scriptedSource([K1]).provider }); // K1 is unknown to STS
    const error = await ping(stack.mongo.uri, provider);
    expect(error).toMatchObject({ code: 18 });
    expect(provider.stats().authFailures).toBe(1);
    expect(published.events.length).toBeGreaterThan(0);
    expectNoSecrets(everyView(error, provider), SECRETS);
  });

  it('a provider whose own error message carries the secret', async () => {
    const stack = open.add(await startStack());
    const provider = createMongoAwsProvider({ provider: () => Promise.reject(new Error(`refused ${K1.accessKeyId} / ${K1.secretAccessKey} / ${K1.sessionToken}`)) });
    const error = await ping(stack.mongo.uri, provider);
    expect(error).toMatchObject({ name: 'MongoAWSError' });
    expect(explainMongoAwsError(error).topic).toBe('credentials-failed');
    expectNoSecrets(everyView(error, provider), [K1.secretAccessKey]);
    // The driver's own error carries the message as the provider threw it, scrubbed by the cache.
    expectNoSecrets([(error as Error).message], [K1.secretAccessKey]);
  });

  it('a web identity token STS refuses', async () => {
    const stack = open.add(await startStack());
    const token = createServiceAccountToken({ audience: 'sts.amazonaws.com' }); // not accepted by this STS
    const sts = createStsClient({ region: 'us-east-1', env: stack.sts.env });
    const provider = createMongoAwsProvider({
      provider: async () => (await sts.assumeRoleWithWebIdentity({ roleArn: STS_SAMPLE_ROLES.webIdentity.arn, roleSessionName: 'mongodb-test', webIdentityToken: token })).credentials,
    });
    const error = await ping(stack.mongo.uri, provider);
    expect(explainMongoAwsError(error).topic).toBe('sts-error');
    expectNoSecrets(everyView(error, provider), [token, token.split('.')[1] ?? token]);
  });
});
