import { createCredentials, credentialSource, notConfigured, type CredentialProvider } from '@iamkit/credentials';
import { createServiceAccountToken, STS_SAMPLE_ROLES } from '@iamkit/emulators';
import { describe, expect, it } from 'vitest';
import * as providers from '../src/index.js';
import {
  createCredentialChain,
  fromContainerMetadata,
  fromEnv,
  fromHttp,
  fromIni,
  fromInstanceMetadata,
  fromNodeProviderChain,
  fromProcess,
  fromTokenFile,
  fromWebToken,
  PROVIDERS_NOTICE_CHANNEL,
  type AwsCredentialIdentityProvider,
} from '../src/index.js';
import { ALICE, CREDENTIALS, ecs, fakeClock, files, HOME, imds, keys, listen, MINUTE, rejection, sts } from './helpers.js';

describe('the AWS SDK’s names', () => {
  it('exports every from* the mongodb driver and typical apps use, plus createCredentialChain', () => {
    for (const name of ['fromEnv', 'fromIni', 'fromProcess', 'fromTokenFile', 'fromWebToken', 'fromContainerMetadata', 'fromHttp', 'fromInstanceMetadata', 'fromTemporaryCredentials', 'fromNodeProviderChain', 'createCredentialChain']) {
      expect(typeof (providers as Record<string, unknown>)[name]).toBe('function');
    }
  });

  it('accepts SDK-only options, ignores them, and says so once per function and option (names only)', async () => {
    const notices = listen(PROVIDERS_NOTICE_CHANNEL);
    const logger = { debug: () => undefined, secret: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYLOGGERKEY1' };
    for (let i = 0; i < 2; i++) {
      fromEnv({ env: {}, logger });
      fromNodeProviderChain({ env: { HOME, AWS_EC2_METADATA_DISABLED: 'true' }, readFile: files({}), logger, clientConfig: { region: 'eu-west-1', requestHandler: {} } as never, shared: false, parentClientConfig: {} });
    }
    const ignored = notices.filter((n) => (n as { kind: string }).kind === 'ignored-options');
    expect(ignored).toEqual([
      { source: 'providers', kind: 'ignored-options', function: 'fromEnv', options: ['logger'], message: 'fromEnv(): ignoring option logger, which iamkit does not use (they belong to the AWS SDK).' },
      expect.objectContaining({ function: 'fromNodeProviderChain', options: ['logger', 'parentClientConfig', 'clientConfig.requestHandler'] }),
    ]);
    expect(JSON.stringify(notices)).not.toContain('LOGGERKEY1');
  });

  it('returns providers an AWS SDK v3 client accepts (AwsCredentialIdentityProvider)', async () => {
    const provider: AwsCredentialIdentityProvider = fromEnv({ env: { AWS_ACCESS_KEY_ID: ALICE.accessKeyId, AWS_SECRET_ACCESS_KEY: ALICE.secretAccessKey } });
    // The SDK calls providers with an identity-properties record.
    const creds = await provider({ callerClientConfig: { region: 'eu-west-1' } } as never);
    expect({ ...creds }).toEqual({ accessKeyId: ALICE.accessKeyId, secretAccessKey: ALICE.secretAccessKey });
  });
});

describe('cached sources', () => {
  it('fromContainerMetadata and fromHttp are caches: 100 concurrent callers, one request', async () => {
    for (const make of [fromContainerMetadata, fromHttp]) {
      const agent = await ecs();
      const provider = make({ env: agent.env });
      const results = await Promise.all(Array.from({ length: 100 }, () => provider()));
      expect(new Set(results).size).toBe(1);
      expect(agent.counters.total).toBe(1);
      expect(provider.stats()).toMatchObject({ source: 'container', fetches: 1 });
    }
  });

  it('fromInstanceMetadata maps the SDK’s maxRetries and ec2MetadataV1Disabled', async () => {
    const metadata = await imds({ v1: 'allowed' });
    metadata.faults.push({ match: { path: /security-credentials\/.+/ }, times: 1, response: { kind: 'status', status: 500 } });
    const error = await rejection(fromInstanceMetadata({ env: metadata.env, maxRetries: 0 })());
    expect(error.code).toBe('ERR_IMDS_UNAVAILABLE');
    expect(metadata.counters.path(`/latest/meta-data/iam/security-credentials/${metadata.roleName}`)).toBe(1);

    const v1Only = await imds({ v1: 'allowed' });
    v1Only.faults.push({ match: { method: 'PUT' }, response: { kind: 'status', status: 403 } });
    const refused = await rejection(fromInstanceMetadata({ env: v1Only.env, ec2MetadataV1Disabled: true })());
    expect(refused.code).toBe('ERR_IMDS_V1_DISABLED');
    expect((await fromInstanceMetadata({ env: v1Only.env, ec2MetadataV1Disabled: false })()).accessKeyId).toMatch(/^ASIA/);
  });

  it('fromTokenFile and fromWebToken are caches', async () => {
    const clock = fakeClock();
    const token = createServiceAccountToken({ now: clock.now, audience: 'sts.amazonaws.com' });
    const emulator = await sts({ now: clock.now, webIdentity: { tokens: [token] } });
    const readFile = files({ '/t': token });
    const a = fromTokenFile({ env: { ...emulator.env, AWS_WEB_IDENTITY_TOKEN_FILE: '/t', AWS_ROLE_ARN: STS_SAMPLE_ROLES.webIdentity.arn }, readFile, now: clock.now });
    const b = fromWebToken({ roleArn: STS_SAMPLE_ROLES.webIdentity.arn, webIdentityToken: token, env: emulator.env, now: clock.now });
    await Promise.all([a(), a(), b(), b()]);
    expect(emulator.calls).toHaveLength(2);
    clock.advance(56 * MINUTE);
    await a();
    expect(emulator.calls).toHaveLength(3);
  });

  it('fromIni with static keys and fromProcess are caches; fromEnv never is', async () => {
    const readFile = files({ [CREDENTIALS]: `[default]\n${keys(ALICE)}` });
    const ini = fromIni({ env: { HOME }, readFile });
    await ini();
    await ini();
    expect(readFile.reads.filter((p) => p === CREDENTIALS)).toHaveLength(1);
    expect(ini.peek()?.credentials.accessKeyId).toBe('AKIA…0001');

    const notSet = await rejection(fromProcess({ env: { HOME }, readFile })());
    expect(notSet.code).toBe('ERR_CREDENTIALS_NOT_CONFIGURED');

    const env: Record<string, string> = { AWS_ACCESS_KEY_ID: 'AKIAFIRSTEXAMPLE0001', AWS_SECRET_ACCESS_KEY: ALICE.secretAccessKey };
    const envProvider = fromEnv({ env });
    await envProvider();
    env.AWS_ACCESS_KEY_ID = 'AKIASECONDEXAMPLE001';
    expect((await envProvider()).accessKeyId).toBe('AKIASECONDEXAMPLE001');
  });
});

describe('createCredentialChain', () => {
  const fixed = (id: string): CredentialProvider => () => Promise.resolve(createCredentials({ accessKeyId: id, secretAccessKey: 's' }, id.toLowerCase()));
  const absent: CredentialProvider = () => Promise.reject(notConfigured({ source: 'absent', reason: 'nothing here', configureWith: [] }));

  it('returns the first configured provider’s credentials', async () => {
    expect((await createCredentialChain(absent, fixed('AKIDSECOND'), fixed('AKIDTHIRD'))()).accessKeyId).toBe('AKIDSECOND');
  });

  it('stops at a provider that is configured and fails (unlike the SDK, it never falls through)', async () => {
    const failing: CredentialProvider = () => Promise.reject(Object.assign(new Error('throttled'), { name: 'ThrottlingError' }));
    const error = await rejection(createCredentialChain(absent, failing, fixed('AKIDLATER'))());
    expect(error.message).toBe('throttled');
  });

  it('expireAfter gives credentials without an expiration one, and refuses 5 minutes or less', async () => {
    const before = Date.now();
    const creds = await createCredentialChain(fixed('AKIDSTATIC')).expireAfter(15 * MINUTE)();
    const after = Date.now();
    expect(credentialSource(creds)).toBe('akidstatic');
    const expiresAt = creds.expiration?.getTime() ?? 0;
    expect(expiresAt).toBeGreaterThanOrEqual(before + 15 * MINUTE);
    expect(expiresAt).toBeLessThanOrEqual(after + 15 * MINUTE);
    // Credentials that have an expiration keep it.
    const expiring = createCredentials({ accessKeyId: 'AKIDEXP', secretAccessKey: 's', expiration: new Date(before + 60 * MINUTE) }, 'x');
    expect((await createCredentialChain(() => Promise.resolve(expiring)).expireAfter(15 * MINUTE)()).expiration).toEqual(expiring.expiration);
    expect(() => createCredentialChain(fixed('A')).expireAfter(5 * MINUTE)).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }));
  });

  it('refuses a chain of nothing or of non-functions', () => {
    expect(() => createCredentialChain()).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }));
    expect(() => createCredentialChain(fromEnv(), 'x' as never)).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID', message: expect.stringContaining('source #2 is string') }));
  });
});
