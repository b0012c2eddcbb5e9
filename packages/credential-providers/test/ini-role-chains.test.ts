import { inspect } from 'node:util';
import { credentialSource, isIamkitError } from '@iamkit/credentials';
import { createServiceAccountToken, STS_SAMPLE_ROLES } from '@iamkit/emulators';
import { createStsClient, STS_NOTICE_CHANNEL } from '@iamkit/sts';
import { describe, expect, it } from 'vitest';
import { fromIni } from '../src/index.js';
import { ACCOUNT, ALICE, assumeCalls, CONFIG, CREDENTIALS, ecs, fakeClock, files, HOME, imds, keys, listen, MINUTE, rejection, ROLE_A, ROLE_B, sts } from './helpers.js';

const CHAIN = `[profile a]\nrole_arn = ${ROLE_A.arn}\nsource_profile = base\nduration_seconds = 3600\n[profile b]\nrole_arn = ${ROLE_B.arn}\nsource_profile = a\nduration_seconds = 900\nrole_session_name = bee\n`;

/** Who STS says the credentials belong to. */
async function whoAmI(env: Record<string, string>, now: () => number, creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): Promise<string> {
  return (await createStsClient({ env, now, region: 'us-east-1', credentials: creds }).getCallerIdentity()).arn;
}

describe('fromIni: role chains through the STS emulator', () => {
  it('assumes a depth-2 chain (base → a → b), and a refresh costs one AssumeRole per expired layer', async () => {
    const clock = fakeClock();
    const emulator = await sts({ now: clock.now });
    const env = { ...emulator.env, HOME };
    const provider = fromIni({ profile: 'b', env, now: clock.now, random: () => 0.5, readFile: files({ [CONFIG]: CHAIN, [CREDENTIALS]: `[base]\n${keys(ALICE)}` }) });

    const first = await provider();
    expect(credentialSource(first)).toBe('ini');
    expect(first.expiration?.getTime()).toBe(clock.now() + 15 * MINUTE);
    expect(await whoAmI(emulator.env, clock.now, first)).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/role-b/bee`);
    const calls = assumeCalls(emulator);
    expect(calls.map((c) => c.status)).toEqual([200, 200]);
    expect(calls[0]?.accessKeyId).toBe(ALICE.accessKeyId);
    const layerA = calls[1]?.accessKeyId;

    // Cached: no STS call while b is fresh.
    clock.advance(2 * MINUTE);
    expect((await provider()).accessKeyId).toBe(first.accessKeyId);
    expect(assumeCalls(emulator)).toHaveLength(2);

    // b is inside its last 5 minutes, a has 49 left: one AssumeRole (b), signed with the same a.
    clock.advance(9 * MINUTE);
    const second = await provider();
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(assumeCalls(emulator).slice(2)).toEqual([{ accessKeyId: layerA, status: 200, code: undefined }]);

    // Both expired: a is assumed again from the base keys, then b with the new a.
    clock.advance(45 * MINUTE);
    await provider();
    const late = assumeCalls(emulator).slice(3);
    expect(late.map((c) => c.accessKeyId?.slice(0, 4))).toEqual(['AKIA', 'ASIA']);
    expect(late[0]?.accessKeyId).toBe(ALICE.accessKeyId);
    expect(late[1]?.accessKeyId).not.toBe(layerA);
  });

  it('reports a source_profile cycle with its path, before calling STS', async () => {
    const emulator = await sts();
    const error = await rejection(
      fromIni({ profile: 'x', env: { ...emulator.env, HOME }, readFile: files({ [CONFIG]: `[profile x]\nrole_arn = ${ROLE_A.arn}\nsource_profile = y\n[profile y]\nrole_arn = ${ROLE_B.arn}\nsource_profile = x\n` }) })(),
    );
    expect(isIamkitError(error, 'ERR_INI_PROFILE_CYCLE')).toBe(true);
    expect(error.message).toContain('source_profile links form a cycle: x -> y -> x');
    expect(emulator.calls).toEqual([]);
  });

  it('credential_source = EcsContainer takes the task role from the ECS agent and assumes the role with it', async () => {
    const clock = fakeClock();
    const emulator = await sts({ now: clock.now });
    const agent = await ecs({ now: clock.now });
    const task = agent.credentials;
    emulator.addUser({ accessKeyId: task.accessKeyId, secretAccessKey: task.secretAccessKey, sessionToken: task.sessionToken, expiration: task.expiration, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/task-role/task-1` });
    const env = { ...emulator.env, ...agent.env, HOME };
    const provider = fromIni({ env, now: clock.now, readFile: files({ [CONFIG]: `[default]\nrole_arn = ${ROLE_A.arn}\ncredential_source = EcsContainer\nrole_session_name = from-ecs\n` }) });
    const creds = await provider();
    expect(await whoAmI(emulator.env, clock.now, creds)).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/role-a/from-ecs`);
    expect(assumeCalls(emulator)).toEqual([{ accessKeyId: task.accessKeyId, status: 200, code: undefined }]);
    expect(agent.counters.total).toBe(1);
  });

  it('credential_source = Ec2InstanceMetadata takes the instance role from IMDS', async () => {
    const clock = fakeClock();
    const emulator = await sts({ now: clock.now });
    const metadata = await imds({ now: clock.now });
    const instance = metadata.credentials;
    emulator.addUser({ accessKeyId: instance.accessKeyId, secretAccessKey: instance.secretAccessKey, sessionToken: instance.sessionToken, expiration: instance.expiration, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/instance-role/i-0abc` });
    const provider = fromIni({ env: { ...emulator.env, ...metadata.env, HOME }, now: clock.now, readFile: files({ [CONFIG]: `[default]\nrole_arn = ${ROLE_A.arn}\ncredential_source = ec2instancemetadata\n` }) });
    const creds = await provider();
    expect(creds.accessKeyId).toMatch(/^ASIA/);
    expect(assumeCalls(emulator)).toEqual([{ accessKeyId: instance.accessKeyId, status: 200, code: undefined }]);
    expect(metadata.counters.path('/latest/api/token')).toBe(1);
  });

  it('asks mfaCodeProvider for mfa_serial, and only when that role is really assumed', async () => {
    const clock = fakeClock();
    const emulator = await sts({ now: clock.now });
    const serials: string[] = [];
    const provider = fromIni({
      profile: 'mfa',
      env: { ...emulator.env, HOME },
      now: clock.now,
      mfaCodeProvider: (serial) => (serials.push(serial), Promise.resolve('123456')),
      readFile: files({ [CONFIG]: `[profile mfa]\nrole_arn = ${STS_SAMPLE_ROLES.mfa.arn}\nsource_profile = alice\nmfa_serial = ${STS_SAMPLE_ROLES.mfa.mfa.serialNumber}\nduration_seconds = 900\n`, [CREDENTIALS]: `[alice]\n${keys(ALICE)}` }),
    });
    await provider();
    await provider();
    expect(serials).toEqual([STS_SAMPLE_ROLES.mfa.mfa.serialNumber]);
    clock.advance(11 * MINUTE);
    await provider();
    expect(serials).toHaveLength(2);
    expect(assumeCalls(emulator).map((c) => c.status)).toEqual([200, 200]);
  });

  it('fails with ERR_INI_MFA_REQUIRED, before any request, when mfa_serial is set and no mfaCodeProvider is given', async () => {
    const emulator = await sts();
    const error = await rejection(
      fromIni({ env: { ...emulator.env, HOME }, readFile: files({ [CONFIG]: `[default]\nrole_arn = ${STS_SAMPLE_ROLES.mfa.arn}\nsource_profile = alice\nmfa_serial = arn:aws:iam::${ACCOUNT}:mfa/Alice\n`, [CREDENTIALS]: `[alice]\n${keys(ALICE)}` }) })(),
    );
    expect(isIamkitError(error, 'ERR_INI_MFA_REQUIRED')).toBe(true);
    expect(error.message).toContain('pass an mfaCodeProvider');
    expect(emulator.calls).toEqual([]);
  });

  it('a wrong MFA code is STS’s AccessDenied, and the code never appears in the error', async () => {
    const emulator = await sts();
    const error = await rejection(
      fromIni({
        env: { ...emulator.env, HOME },
        mfaCodeProvider: () => Promise.resolve('654321'),
        readFile: files({ [CONFIG]: `[default]\nrole_arn = ${STS_SAMPLE_ROLES.mfa.arn}\nsource_profile = alice\nmfa_serial = ${STS_SAMPLE_ROLES.mfa.mfa.serialNumber}\n`, [CREDENTIALS]: `[alice]\n${keys(ALICE)}` }),
      })(),
    );
    expect(error.code).toBe('ERR_STS_ACCESS_DENIED');
    for (const text of [error.message, JSON.stringify(error), inspect(error, { depth: 10 })]) {
      expect(text).not.toContain('654321');
      expect(text).not.toContain(ALICE.secretAccessKey);
    }
  });

  it('sends external_id, without which the role refuses', async () => {
    const emulator = await sts();
    const config = (extra: string): string => `[default]\nrole_arn = ${STS_SAMPLE_ROLES.externalId.arn}\nsource_profile = alice\n${extra}`;
    const withId = await fromIni({ env: { ...emulator.env, HOME }, readFile: files({ [CONFIG]: config('external_id = iamkit-external-id\n'), [CREDENTIALS]: `[alice]\n${keys(ALICE)}` }) })();
    expect(withId.accessKeyId).toMatch(/^ASIA/);
    const error = await rejection(fromIni({ env: { ...emulator.env, HOME }, readFile: files({ [CONFIG]: config(''), [CREDENTIALS]: `[alice]\n${keys(ALICE)}` }) })());
    expect(error.code).toBe('ERR_STS_ACCESS_DENIED');
  });

  it('resolves web_identity_token_file profiles, naming the profile key when the file is missing', async () => {
    const clock = fakeClock();
    const token = createServiceAccountToken({ now: clock.now, audience: 'sts.amazonaws.com' });
    const emulator = await sts({ now: clock.now, webIdentity: { tokens: [token] } });
    const fs = files({ [CONFIG]: `[default]\nrole_arn = ${STS_SAMPLE_ROLES.webIdentity.arn}\nweb_identity_token_file = /var/run/token\n`, '/var/run/token': token });
    const provider = fromIni({ env: { ...emulator.env, HOME }, now: clock.now, readFile: fs });
    expect((await provider()).accessKeyId).toMatch(/^ASIA/);
    fs.set('/var/run/token', undefined);
    const error = await rejection(provider({ forceRefresh: true }));
    expect(isIamkitError(error, 'ERR_WEB_IDENTITY_TOKEN_FILE')).toBe(true);
    expect(error.message).toContain("/var/run/token (from web_identity_token_file of profile 'default') does not exist");
  });
});

describe('fromIni: the STS region of a role', () => {
  const profile = (region = ''): string => `[default]\nrole_arn = ${ROLE_A.arn}\nsource_profile = alice\n${region}`;

  it.each([
    ['the profile region, over clientConfig and AWS_REGION', 'eu-west-1', 'region = eu-west-1\n', { region: 'ap-south-1' }, { AWS_REGION: 'us-west-2' }],
    ['clientConfig.region, over AWS_REGION', 'ap-south-1', '', { region: 'ap-south-1' }, { AWS_REGION: 'us-west-2' }],
    ['clientConfig.region given as an async provider', 'ca-central-1', '', { region: () => Promise.resolve('ca-central-1') }, {}],
    ['AWS_REGION, over AWS_DEFAULT_REGION', 'us-west-2', '', undefined, { AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'eu-north-1' }],
    ['AWS_DEFAULT_REGION', 'eu-north-1', '', undefined, { AWS_DEFAULT_REGION: 'eu-north-1' }],
  ])('signs for %s', async (_name, expected, region, clientConfig, vars) => {
    // The emulator accepts only requests signed for its region.
    const emulator = await sts({ region: expected });
    const notices = listen(STS_NOTICE_CHANNEL);
    const creds = await fromIni({ env: { ...emulator.env, HOME, ...vars }, clientConfig, readFile: files({ [CONFIG]: profile(region), [CREDENTIALS]: `[alice]\n${keys(ALICE)}` }) })();
    expect(creds.accessKeyId).toMatch(/^ASIA/);
    expect(notices).toEqual([]);
  });

  it('falls back to us-east-1 and says so on iamkit:sts:notice', async () => {
    const emulator = await sts({ region: 'us-east-1' });
    const notices = listen(STS_NOTICE_CHANNEL);
    await fromIni({ env: { ...emulator.env, HOME }, readFile: files({ [CONFIG]: profile(), [CREDENTIALS]: `[alice]\n${keys(ALICE)}` }) })();
    expect(notices).toEqual([expect.objectContaining({ kind: 'region-default', message: expect.stringContaining('using us-east-1') })]);
  });

  it('a request signed for another region than the emulator’s is refused (the check above is real)', async () => {
    const emulator = await sts({ region: 'eu-west-1' });
    const error = await rejection(fromIni({ env: { ...emulator.env, HOME, AWS_REGION: 'us-west-2' }, readFile: files({ [CONFIG]: profile(), [CREDENTIALS]: `[alice]\n${keys(ALICE)}` }) })());
    expect(error.code).toBe('ERR_STS_SIGNATURE_DOES_NOT_MATCH');
  });
});
