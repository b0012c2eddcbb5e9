import { inspect } from 'node:util';
import { cached, createCredentials, credentialSource, isIamkitError, type Credentials } from '@iamkit/credentials';
import { STS_SAMPLE_ROLES } from '@iamkit/emulators';
import { describe, expect, it } from 'vitest';
import { fromEnv, fromTemporaryCredentials, type FromTemporaryCredentialsOptions } from '../src/index.js';
import { ACCOUNT, ALICE, assumeCalls, fakeClock, MINUTE, rejection, ROLE_A, ROLE_B, sts } from './helpers.js';

const aliceCreds = (): Credentials => createCredentials({ accessKeyId: ALICE.accessKeyId, secretAccessKey: ALICE.secretAccessKey }, 'test');

describe('fromTemporaryCredentials', () => {
  it('assumes the role with fixed master credentials, caches the result, and passes the SDK-shaped params', async () => {
    const clock = fakeClock();
    const emulator = await sts({ now: clock.now });
    const provider = fromTemporaryCredentials({
      params: { RoleArn: STS_SAMPLE_ROLES.externalId.arn, RoleSessionName: 'deploy-7', ExternalId: 'iamkit-external-id', DurationSeconds: 900 },
      masterCredentials: aliceCreds(),
      env: emulator.env,
      now: clock.now,
    });
    const [one, two] = await Promise.all([provider(), provider()]);
    expect(one).toBe(two);
    expect(credentialSource(one)).toBe('sts:assume-role');
    expect(one.accountId).toBe(ACCOUNT);
    expect(one.expiration?.getTime()).toBe(clock.now() + 900_000);
    expect(assumeCalls(emulator)).toEqual([{ accessKeyId: ALICE.accessKeyId, status: 200, code: undefined }]);
    await provider();
    expect(assumeCalls(emulator)).toHaveLength(1);
  });

  it('caches a master provider that is not cached yet: a refresh of the role does not ask it again', async () => {
    const clock = fakeClock();
    const emulator = await sts({ now: clock.now });
    let masterCalls = 0;
    const provider = fromTemporaryCredentials({
      params: { RoleArn: ROLE_A.arn, DurationSeconds: 900 },
      masterCredentials: () => (masterCalls++, Promise.resolve(aliceCreds())),
      env: emulator.env,
      now: clock.now,
    });
    await provider();
    clock.advance(11 * MINUTE);
    await provider();
    expect(assumeCalls(emulator).map((c) => c.status)).toEqual([200, 200]);
    expect(masterCalls).toBe(1);
  });

  it('chains roles by nesting, and a refresh of the top costs one AssumeRole while the layer below is valid', async () => {
    const clock = fakeClock();
    const emulator = await sts({ now: clock.now });
    const runtime = { env: emulator.env, now: clock.now, random: () => 0.5 };
    const a = fromTemporaryCredentials({ ...runtime, params: { RoleArn: ROLE_A.arn, DurationSeconds: 3600 }, masterCredentials: aliceCreds() });
    const b = fromTemporaryCredentials({ ...runtime, params: { RoleArn: ROLE_B.arn, DurationSeconds: 900 }, masterCredentials: a });
    await b();
    clock.advance(11 * MINUTE);
    await b();
    const calls = assumeCalls(emulator);
    expect(calls.map((c) => c.accessKeyId === ALICE.accessKeyId)).toEqual([true, false, false]);
    expect(calls[2]?.accessKeyId).toBe(calls[1]?.accessKeyId);
  });

  it('asks mfaCodeProvider for the code of params.SerialNumber on every assumption', async () => {
    const clock = fakeClock();
    const emulator = await sts({ now: clock.now });
    const serials: string[] = [];
    const provider = fromTemporaryCredentials({
      params: { RoleArn: STS_SAMPLE_ROLES.mfa.arn, SerialNumber: STS_SAMPLE_ROLES.mfa.mfa.serialNumber, DurationSeconds: 900 },
      masterCredentials: aliceCreds(),
      mfaCodeProvider: (serial) => (serials.push(serial), Promise.resolve(' 123456 ')),
      env: emulator.env,
      now: clock.now,
    });
    await provider();
    clock.advance(11 * MINUTE);
    await provider();
    expect(serials).toEqual([STS_SAMPLE_ROLES.mfa.mfa.serialNumber, STS_SAMPLE_ROLES.mfa.mfa.serialNumber]);
  });

  it('fails with ERR_PROVIDERS_MFA_REQUIRED before any request when SerialNumber has no code', async () => {
    const emulator = await sts();
    const error = await rejection(fromTemporaryCredentials({ params: { RoleArn: STS_SAMPLE_ROLES.mfa.arn, SerialNumber: 'arn:aws:iam::123456789012:mfa/Alice' }, masterCredentials: aliceCreds(), env: emulator.env })());
    expect(isIamkitError(error, 'ERR_PROVIDERS_MFA_REQUIRED')).toBe(true);
    expect(error.message).toContain('pass mfaCodeProvider');
    expect(emulator.calls).toEqual([]);
  });

  it.each([
    [() => Promise.reject(new Error('prompt closed; had secret wJalrXUtnFEMI/K7MDENG+bPxRfiCYPROMPTKEY1')), 'mfaCodeProvider for arn:aws:iam::123456789012:mfa/Alice failed: prompt closed; had secret [redacted]'],
    [() => Promise.resolve(123456 as unknown as string), 'returned number, not the code as a string'],
  ])('fails with ERR_PROVIDERS_MFA_CODE_FAILED when the callback fails (%#)', async (mfaCodeProvider, text) => {
    const emulator = await sts();
    const error = await rejection(fromTemporaryCredentials({ params: { RoleArn: STS_SAMPLE_ROLES.mfa.arn, SerialNumber: 'arn:aws:iam::123456789012:mfa/Alice' }, masterCredentials: aliceCreds(), mfaCodeProvider, env: emulator.env })());
    expect(isIamkitError(error, 'ERR_PROVIDERS_MFA_CODE_FAILED')).toBe(true);
    expect(error.message).toContain(text);
    expect(inspect(error, { depth: 10 })).not.toContain('PROMPTKEY1');
  });

  it('a master that is not configured is this provider’s error, not a reason for a chain to move on', async () => {
    const emulator = await sts();
    const error = await rejection(fromTemporaryCredentials({ params: { RoleArn: ROLE_A.arn }, masterCredentials: fromEnv({ env: {} }), env: emulator.env })());
    expect(isIamkitError(error, 'ERR_PROVIDERS_SOURCE_UNAVAILABLE')).toBe(true);
    expect(error.message).toContain('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set');
  });

  it('uses the default chain when no master is given (here: environment keys)', async () => {
    const emulator = await sts();
    const creds = await fromTemporaryCredentials({ params: { RoleArn: ROLE_A.arn }, env: { ...emulator.env, AWS_ACCESS_KEY_ID: ALICE.accessKeyId, AWS_SECRET_ACCESS_KEY: ALICE.secretAccessKey } })();
    expect(creds.accessKeyId).toMatch(/^ASIA/);
    expect(assumeCalls(emulator)).toEqual([{ accessKeyId: ALICE.accessKeyId, status: 200, code: undefined }]);
  });

  it('takes clientConfig.credentials as the master, and clientConfig.region for STS', async () => {
    const emulator = await sts({ region: 'eu-central-1' });
    const creds = await fromTemporaryCredentials({ params: { RoleArn: ROLE_A.arn }, clientConfig: { region: 'eu-central-1', credentials: aliceCreds() }, env: emulator.env })();
    expect(creds.accessKeyId).toMatch(/^ASIA/);
  });

  it('invalidates the master’s cache when STS says its key is unknown', async () => {
    const emulator = await sts();
    const master = cached(() => Promise.resolve(aliceCreds()));
    const provider = fromTemporaryCredentials({ params: { RoleArn: ROLE_A.arn }, masterCredentials: master, env: emulator.env });
    await provider();
    expect(master.peek()?.credentials.accessKeyId).toMatch(/^AKIA/);
    emulator.removeUser(ALICE.accessKeyId);
    const error = await rejection(provider({ forceRefresh: true }));
    expect(error.code).toBe('ERR_STS_INVALID_CLIENT_TOKEN_ID');
    expect(master.peek()).toBeUndefined();
  });

  it('forwards Policy: a malformed one is refused by STS', async () => {
    const emulator = await sts();
    const error = await rejection(fromTemporaryCredentials({ params: { RoleArn: ROLE_A.arn, Policy: '{not json' }, masterCredentials: aliceCreds(), env: emulator.env })());
    expect(error.code).toBe('ERR_STS_MALFORMED_POLICY_DOCUMENT');
  });

  it.each<[unknown, string]>([
    [undefined, 'pass { params: { RoleArn'],
    [{}, 'params.RoleArn must be the ARN'],
    [{ params: { RoleArn: '' } }, 'params.RoleArn must be the ARN'],
    [{ params: { RoleArn: ROLE_A.arn }, masterCredentials: { accessKeyId: 'A' } }, 'masterCredentials must be credentials'],
  ])('refuses unusable options when created (%j)', (options, text) => {
    expect(() => fromTemporaryCredentials(options as FromTemporaryCredentialsOptions)).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID', message: expect.stringContaining(text) }));
  });
});
