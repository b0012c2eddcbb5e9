// explainMongoAwsError on the errors the drivers really raise: produced by real runs against the
// emulators where a run can produce them, built with the driver's own error classes otherwise.
import { cached, createCredentials, IamkitError, isIamkitError, NoneConfiguredError } from '@iamkit/credentials';
import { fromContainerMetadata } from '@iamkit/credential-container';
import { STS_SAMPLE_ROLES, STS_SAMPLE_USERS, startEcsAgent } from '@iamkit/emulators';
import { createStsClient } from '@iamkit/sts';
import { MongoAWSError, MongoClient, MongoMissingCredentialsError, MongoMissingDependencyError, MongoServerError, MongoServerSelectionError } from 'mongodb';
import { afterEach, describe, expect, it } from 'vitest';
import { createMongoAwsProvider, explainMongoAwsError, MongoAwsAuthError, mongoAwsOptions, wrapMongoAwsError, type MongoAwsProvider } from '../src/index.js';
import { closer } from './helpers/drivers.js';
import { fakeClock } from './helpers/fake-clock.js';
import { ALICE_ARN, startStack } from './helpers/stack.js';

const open = closer();
afterEach(() => open.closeAll());

const MIN = 60_000;
const { alice } = STS_SAMPLE_USERS;
const refused = (): MongoServerError => new MongoServerError({ ok: 0, code: 18, codeName: 'AuthenticationFailed', errmsg: 'Authentication failed.' });

async function providerThatHanded(init: Parameters<typeof createCredentials>[0], source: string, now?: () => number): Promise<MongoAwsProvider> {
  const provider = createMongoAwsProvider({ provider: async () => createCredentials(init, source), now, mandatoryWindowMs: 0 });
  await provider();
  return provider;
}

/** Runs one ping with this AWS_CREDENTIAL_PROVIDER against the emulators; returns the error. */
async function failedPing(provider: () => Promise<unknown>, users = [ALICE_ARN]): Promise<unknown> {
  const stack = open.add(await startStack({ users }));
  const client = open.add(new MongoClient(stack.mongo.uri, { authMechanismProperties: { AWS_CREDENTIAL_PROVIDER: provider as never }, serverSelectionTimeoutMS: 3000 }));
  return client.db('app').command({ ping: 1 }).then(() => { throw new Error('the ping succeeded'); }, (e: unknown) => e);
}

describe('code 18: the server refused the authentication', () => {
  it('names the credentials the driver was handed and lists the causes, the $external user first', async () => {
    const clock = fakeClock();
    const provider = await providerThatHanded({ ...alice, expiration: new Date(clock.now() + 3 * 60 * MIN) }, 'ini', clock.now);
    const error = await failedPing(async () => ({ ...alice, secretAccessKey: 'x'.repeat(40) }));
    const explanation = explainMongoAwsError(error, { provider, stsHost: 'sts.eu-west-1.amazonaws.com', now: clock.now });
    expect(explanation).toMatchObject({
      topic: 'authentication-failed',
      code: 'ERR_MONGODB_AWS_AUTH_FAILED',
      stsHost: 'sts.eu-west-1.amazonaws.com',
      stsRegion: 'eu-west-1',
      error: { name: 'MongoServerError', code: 18, codeName: 'AuthenticationFailed', message: 'Authentication failed.' },
      credentials: { accessKeyId: 'AKIA…0001', source: 'ini', secretAccessKey: '[redacted]' },
    });
    expect(explanation.summary).toMatch(/refused .* \(code 18, AuthenticationFailed\).* AKIA…0001 from ini, without a session token, expiring .* \(in 3 h\)/);
    expect(explanation.causes[0]).toMatch(/^No user in \$external matches .*\(arn:aws:iam::ACCOUNT:user\/NAME\)/);
    expect(explanation.causes.join('\n')).toMatch(/clock .* 15 minutes/);
    expect(explanation.causes.join('\n')).toMatch(/STS at sts\.eu-west-1\.amazonaws\.com \(signed for region eu-west-1\)/);
    expect(explanation.checks[0]).toMatch(/aws sts get-caller-identity/);
  });

  it('puts what the credentials themselves show first: expired, a temporary key without its token, a long-term key with one', async () => {
    const clock = fakeClock();
    const expired = await providerThatHanded({ accessKeyId: 'ASIAEXPIREDEXAMPLE03', secretAccessKey: 's'.repeat(40), sessionToken: 'token-value-1234', expiration: new Date(clock.now() + 10 * MIN) }, 'container', clock.now);
    clock.advance(12 * MIN);
    expect(explainMongoAwsError(refused(), { provider: expired, now: clock.now }).causes[0]).toMatch(/^They expired at .* \(2 min ago\): STS refuses an expired session token/);

    const noToken = await providerThatHanded({ accessKeyId: 'ASIANOTOKENEXAMPLE04', secretAccessKey: 's'.repeat(40) }, 'process');
    expect(explainMongoAwsError(refused(), { provider: noToken }).causes[0]).toMatch(/ASIA…LE04 is a temporary access key id \(ASIA…\) but no session token came with it/);

    const leftover = await providerThatHanded({ accessKeyId: 'AKIALONGTERMEXAMPLE5', secretAccessKey: 's'.repeat(40), sessionToken: 'stale-token-1234' }, 'env');
    const explanation = explainMongoAwsError(refused(), { provider: leftover });
    expect(explanation.causes[0]).toMatch(/long-term access key id \(AKIA…\) but a session token came with it .* Unset AWS_SESSION_TOKEN/);
    expect(explanation.checks.join('\n')).toMatch(/AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN must come from the same issuance/);
  });

  it('for role credentials, says the user must be the role (Atlas: the role ARN; mongod: assumed-role/ROLE/*)', async () => {
    const provider = await providerThatHanded({ accessKeyId: 'ASIATASKROLEEXAMPLE6', secretAccessKey: 's'.repeat(40), sessionToken: 'token-value-1234' }, 'container');
    const [first] = explainMongoAwsError(refused(), { provider }).causes;
    expect(first).toMatch(/temporary credentials from container, usually a role session: the user must be the role — .*arn:aws:iam::ACCOUNT:role\/ROLE on Atlas.*arn:aws:sts::ACCOUNT:assumed-role\/ROLE\/\* on self-managed/);
  });

  it('works from a bare cache, from no provider, and from text copied out of a log', () => {
    const shared = cached(async () => createCredentials(alice, 'env'));
    expect(explainMongoAwsError(refused(), { provider: shared }).credentials).toBeUndefined(); // nothing cached yet
    expect(explainMongoAwsError(refused())).toMatchObject({ topic: 'authentication-failed', credentials: undefined, stsHost: undefined });
    expect(explainMongoAwsError(refused()).causes.join('\n')).toMatch(/mongod's awsSTSUrl, default https:\/\/sts\.amazonaws\.com/);
    expect(explainMongoAwsError('MongoServerError: Authentication failed.').topic).toBe('authentication-failed');
    expect(explainMongoAwsError(refused(), { stsHost: 'sts..bad' }).stsRegion).toBeUndefined();
  });
});

describe('the credential provider failed (MongoAWSError)', () => {
  it('a 429 from the ECS agent, as the driver reports it, and through a pool-cleared error', async () => {
    const agent = open.add(await startEcsAgent());
    agent.faults.push({ response: { kind: 'throttle' } });
    const stack = open.add(await startStack());
    // A naive provider: no cache, one attempt, one request per connection.
    const naive = fromContainerMetadata({ env: agent.env, maxAttempts: 1 });
    const client = open.add(new MongoClient(stack.mongo.uri, { authMechanismProperties: { AWS_CREDENTIAL_PROVIDER: naive }, maxPoolSize: 4, maxConnecting: 4, serverSelectionTimeoutMS: 1500 }));
    const errors = (await Promise.allSettled(Array.from({ length: 8 }, () => client.db('app').command({ ping: 1 })))).flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
    expect(errors.length).toBe(8);
    expect(new Set(errors.map((e) => e.name))).toContain('MongoAWSError');
    for (const error of errors) {
      const explanation = explainMongoAwsError(error);
      expect(explanation.topic, `${error.name}: ${error.message}`).toBe('credentials-throttled');
      expect(explanation.code).toBe('ERR_MONGODB_AWS_CREDENTIALS_UNAVAILABLE');
      expect(explanation.summary).toMatch(/^container throttled the request for credentials \(HTTP 429\) .* clears the whole connection pool/);
      expect(explanation.checks[0]).toMatch(/one cached provider/);
    }
  });

  it('a pool-cleared or server-selection error is followed to the failure behind it', () => {
    const throttled = new IamkitError({ code: 'ERR_CREDENTIALS_THROTTLED', source: 'pod-identity', retryable: true, message: 'pod-identity: throttled' });
    const aws = new MongoAWSError(throttled.message, { cause: throttled });
    const poolCleared = Object.assign(new Error(`Connection pool for h:1 was cleared because another operation failed with: "${aws.message}"`, { cause: aws }), { name: 'MongoPoolClearedError' });
    expect(explainMongoAwsError(poolCleared).topic).toBe('credentials-throttled');
    const selection = new MongoServerSelectionError('Server selection timed out after 3000 ms', { servers: new Map([['h:1', { error: aws }]]) } as never);
    expect(explainMongoAwsError(selection)).toMatchObject({ topic: 'credentials-throttled', error: { name: 'MongoServerSelectionError' } });
  });

  it('no source configured: the chain’s list of what was tried', () => {
    const none = new NoneConfiguredError([{ source: 'env', reason: 'AWS_ACCESS_KEY_ID is not set', configureWith: ['AWS_ACCESS_KEY_ID'] }]);
    const explanation = explainMongoAwsError(new MongoAWSError(none.message, { cause: none }));
    expect(explanation).toMatchObject({ topic: 'credentials-not-configured', code: 'ERR_MONGODB_AWS_CREDENTIALS_UNAVAILABLE' });
    expect(explanation.causes[0]).toContain('env: AWS_ACCESS_KEY_ID is not set');
  });

  it('an STS error (a web identity token STS does not accept) is explained with explainStsError', async () => {
    const stack = open.add(await startStack());
    const sts = createStsClient({ region: 'us-east-1', env: stack.sts.env });
    const provider = () => sts.assumeRoleWithWebIdentity({ roleArn: STS_SAMPLE_ROLES.webIdentity.arn, roleSessionName: 'mongodb-test', webIdentityToken: 'not-a-token-sts-knows' }).then((r) => r.credentials);
    const error = await failedPing(provider);
    expect(error).toMatchObject({ name: 'MongoAWSError' });
    const explanation = explainMongoAwsError(error);
    expect(explanation.topic).toBe('sts-error');
    expect(explanation.sts?.code).toBe('InvalidIdentityToken');
    expect(explanation.summary).toMatch(/^Getting credentials failed at STS: InvalidIdentityToken/);
    expect(explanation.checks).toEqual(explanation.sts?.fixes);
  });

  it('other provider failures carry the provider’s own message', () => {
    const timeout = new IamkitError({ code: 'ERR_HTTP_TIMEOUT', source: 'imds', retryable: true, message: 'imds: no response headers within 1 s from http://169.254.169.254' });
    const explanation = explainMongoAwsError(new MongoAWSError(timeout.message, { cause: timeout }));
    expect(explanation).toMatchObject({ topic: 'credentials-failed', causes: [timeout.message] });
    expect(explanation.checks[0]).toMatch(/usually transient/);
    const expired = new IamkitError({ code: 'ERR_CREDENTIALS_EXPIRED', source: 'container', message: 'container: the source returned credentials that expired' });
    expect(explainMongoAwsError(new MongoAWSError(expired.message, { cause: expired })).topic).toBe('credentials-expired');
  });
});

describe('driver set-up problems', () => {
  it('a missing @aws-sdk/credential-providers (mongodb 7 refuses MONGODB-AWS without it)', () => {
    const missing = new MongoMissingDependencyError('Optional module `@aws-sdk/credential-providers` not found. Please install it to enable getting aws credentials via the official sdk.', { cause: new Error('Cannot find module'), dependencyName: '@aws-sdk/credential-providers' });
    const explanation = explainMongoAwsError(new MongoAWSError(missing.message, { cause: missing }));
    expect(explanation).toMatchObject({ topic: 'module-missing', code: 'ERR_MONGODB_AWS_DRIVER_SETUP' });
    expect(explanation.summary).toMatch(/mongodb 7\.x refuses MONGODB-AWS without it even when AWS_CREDENTIAL_PROVIDER is set/);
  });

  it('a missing aws4 (mongodb 6.x signs with it), recognised from the message alone', () => {
    const explanation = explainMongoAwsError(new Error('Optional module `aws4` not found. Please install it to enable AWS authentication'));
    expect(explanation).toMatchObject({ topic: 'module-missing', summary: expect.stringMatching(/`aws4`: mongodb 6\.x signs/) });
  });

  it('credentials in the URI, refused by mongodb 7 when the client is built — without echoing them', () => {
    let error: unknown;
    try {
      new MongoClient(`mongodb://${alice.accessKeyId}:${encodeURIComponent(alice.secretAccessKey)}@127.0.0.1/?authMechanism=MONGODB-AWS`);
    } catch (e) {
      error = e;
    }
    const explanation = explainMongoAwsError(error);
    expect(explanation).toMatchObject({ topic: 'explicit-credentials', code: 'ERR_MONGODB_AWS_DRIVER_SETUP' });
    expect(JSON.stringify(explanation) + explanation.format()).not.toContain(alice.secretAccessKey);
  });

  it('a provider answering without keys (MongoMissingCredentialsError)', () => {
    expect(explainMongoAwsError(new MongoMissingCredentialsError('Could not obtain temporary MONGODB-AWS credentials')).topic).toBe('missing-credentials');
  });

  it('anything else is "unknown", with its cause chain', () => {
    const explanation = explainMongoAwsError(new Error('boom', { cause: new TypeError('inner') }));
    expect(explanation).toMatchObject({ topic: 'unknown', code: 'ERR_MONGODB_AWS_UNKNOWN', summary: 'Not a MONGODB-AWS failure iamkit recognises: Error: boom', causes: ['TypeError: inner'] });
    expect(explainMongoAwsError(undefined).summary).toBe('No error was given.');
  });
});

describe('format() and wrapMongoAwsError', () => {
  it('format() renders summary, credentials, causes and checks; it is not part of the JSON', async () => {
    const provider = await providerThatHanded(alice, 'env');
    const explanation = explainMongoAwsError(refused(), { provider, stsHost: 'sts.amazonaws.com' });
    const text = explanation.format();
    expect(text).toMatch(/^MONGODB-AWS: The server refused/);
    expect(text).toContain('\nCredentials: AKIA…0001 from env, without a session token, without an expiration\n');
    expect(text).toContain('\nSTS: sts.amazonaws.com (us-east-1)\n');
    expect(text).toMatch(/\nPossible causes, most likely first:\n {2}- No user in \$external/);
    expect(text).toMatch(/\nCheck:\n {2}1\. Ask STS who these credentials are/);
    expect(Object.keys(JSON.parse(JSON.stringify(explanation)) as object)).not.toContain('format');
  });

  it('wraps a driver error into an IamkitError with a stable code, a message that names what to check, and the error as cause', () => {
    const error = refused();
    const wrapped = wrapMongoAwsError(error);
    expect(wrapped).toBeInstanceOf(MongoAwsAuthError);
    expect(isIamkitError(wrapped, 'ERR_MONGODB_AWS_AUTH_FAILED')).toBe(true);
    expect(wrapped.cause).toBe(error);
    expect(wrapped.retryable).toBe(false);
    expect(wrapped.message).toMatch(/^The server refused .* Ask STS who these credentials are/);
    expect(wrapMongoAwsError(wrapped)).toBe(wrapped);
    expect(wrapped.toJSON()).toMatchObject({ code: 'ERR_MONGODB_AWS_AUTH_FAILED', explanation: { topic: 'authentication-failed' } });
    const throttled = new IamkitError({ code: 'ERR_CREDENTIALS_THROTTLED', source: 'container', retryable: true, message: 'container: throttled' });
    expect(wrapMongoAwsError(new MongoAWSError('x', { cause: throttled })).retryable).toBe(true);
  });

  it('mongoAwsOptions and the explanation agree on the provider', async () => {
    const provider = createMongoAwsProvider({ provider: async () => createCredentials(alice, 'env') });
    const client = open.add(new MongoClient('mongodb://127.0.0.1:1/', { ...mongoAwsOptions(provider), serverSelectionTimeoutMS: 50 }));
    expect(client.options.credentials?.mechanism).toBe('MONGODB-AWS');
    expect(client.options.credentials?.source).toBe('$external');
    expect(client.options.credentials?.mechanismProperties.AWS_CREDENTIAL_PROVIDER).toBe(provider);
  });
});
