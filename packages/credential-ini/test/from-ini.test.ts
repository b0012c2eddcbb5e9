import { describe, expect, it } from 'vitest';
import { type Credentials, IamkitError, createCredentials, credentialSource, isIamkitError, isNotConfigured } from '@iamkit/credentials';
import { type AssumeRoleParams, type AssumeRoleWithWebIdentityParams, type CredentialSourceName, type FromIniOptions, fromIni } from '../src/index.js';
import { HOME, SECRET, TOKEN, files, printCommand, rejection } from './helpers.js';

const NOW = Date.parse('2026-03-01T00:00:00Z');
const now = (): number => NOW;
const keys = (id: string): string => `aws_access_key_id = ${id}\naws_secret_access_key = ${SECRET}\n`;

/** Fake STS: each call returns credentials named after the role, and is recorded. */
function fakeSts(): {
  calls: { source: Credentials; params: AssumeRoleParams }[];
  assumeRole: NonNullable<FromIniOptions['assumeRole']>;
} {
  const calls: { source: Credentials; params: AssumeRoleParams }[] = [];
  return {
    calls,
    assumeRole: (source, params) => {
      calls.push({ source, params });
      const role = params.roleArn.split('/').pop() ?? 'role';
      return Promise.resolve({ accessKeyId: `ASIA${role.toUpperCase()}`, secretAccessKey: `secret-of-${role}`, sessionToken: `token-of-${role}`, expiration: new Date(NOW + 3_600_000) });
    },
  };
}

function provider(config: string | undefined, credentials: string | undefined, options: FromIniOptions = {}): ReturnType<typeof fromIni> {
  return fromIni({ env: HOME, now, readFile: files(config, credentials), ...options });
}

describe('fromIni: static and selection', () => {
  it('returns static keys of the default profile, tagged as ini', async () => {
    const creds = await provider(undefined, `[default]\n${keys('AKIAEXAMPLEDEFAULT')}aws_session_token = ${TOKEN}\n`)();
    expect({ ...creds }).toEqual({ accessKeyId: 'AKIAEXAMPLEDEFAULT', secretAccessKey: SECRET, sessionToken: TOKEN });
    expect(credentialSource(creds)).toBe('ini');
  });

  it('selects the profile option over AWS_PROFILE over default', async () => {
    const creds = `[default]\n${keys('AKIDDEFAULT')}[env]\n${keys('AKIDENV')}[opt]\n${keys('AKIDOPT')}`;
    expect((await provider(undefined, creds)()).accessKeyId).toBe('AKIDDEFAULT');
    expect((await provider(undefined, creds, { env: { ...HOME, AWS_PROFILE: 'env' } })()).accessKeyId).toBe('AKIDENV');
    expect((await provider(undefined, creds, { env: { ...HOME, AWS_PROFILE: 'env' }, profile: 'opt' })()).accessKeyId).toBe('AKIDOPT');
  });

  it('re-reads the files on every call', async () => {
    let text = `[default]\n${keys('AKIDFIRST')}`;
    const p = fromIni({ env: HOME, readFile: (path) => (path.endsWith('credentials') ? Promise.resolve(text) : Promise.reject(Object.assign(new Error('x'), { code: 'ENOENT' }))) });
    expect((await p()).accessKeyId).toBe('AKIDFIRST');
    text = `[default]\n${keys('AKIDSECOND')}`;
    expect((await p()).accessKeyId).toBe('AKIDSECOND');
  });

  it('is not configured when neither file exists', async () => {
    const error = await rejection(provider(undefined, undefined)());
    expect(isNotConfigured(error)).toBe(true);
    expect(error.message).toContain('neither /h/.aws/config nor /h/.aws/credentials exists');
  });

  it('is not configured when there is no default profile and none was asked for', async () => {
    const error = await rejection(provider('[profile dev]\nregion = x\n', undefined)());
    expect(isNotConfigured(error)).toBe(true);
    expect(error.message).toContain('no [default] profile in /h/.aws/config');
  });

  it('is not configured when the default profile only holds settings such as region', async () => {
    expect(isNotConfigured(await rejection(provider('[default]\nregion = eu-west-1\n', undefined)()))).toBe(true);
  });

  it.each([
    [{ env: { ...HOME, AWS_PROFILE: 'prod' } }, 'AWS_PROFILE'],
    [{ profile: 'prod' }, 'the profile option'],
  ])('fails when a profile asked for by name is missing (%j)', async (options, chosenBy) => {
    const error = await rejection(provider('[default]\n[profile dev]\n', `[staging]\n${keys('AKIDS')}`, options)());
    expect(isIamkitError(error, 'ERR_INI_PROFILE_NOT_FOUND')).toBe(true);
    expect(isNotConfigured(error)).toBe(false);
    expect(error.message).toBe(
      `profile 'prod' (chosen by ${chosenBy}) was not found in /h/.aws/config and /h/.aws/credentials. Profiles there: default, dev, staging. Fix ${chosenBy}, or add [profile prod] to /h/.aws/config.`,
    );
  });

  it('reports a malformed file with its line instead of moving on', async () => {
    const error = await rejection(provider('[default]\nregion\n', undefined)());
    expect(isIamkitError(error, 'ERR_SHARED_CONFIG_PARSE')).toBe(true);
    expect(error.message).toMatch(/^\/h\/\.aws\/config line 2:/);
  });
});

describe('fromIni: running plans with injected executors', () => {
  it('runs a depth-2 role chain innermost first, signing each step with the previous credentials', async () => {
    const sts = fakeSts();
    const creds = await provider(
      '[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\nregion = eu-west-1\n[profile b]\nrole_arn = arn:aws:iam::2:role/b\nsource_profile = c\nrole_session_name = bee\nexternal_id = x-1\nduration_seconds = 900\n',
      `[c]\n${keys('AKIAEXAMPLEC')}`,
      { profile: 'a', assumeRole: sts.assumeRole },
    )();
    expect(sts.calls.map((c) => [c.source.accessKeyId, c.params])).toEqual([
      ['AKIAEXAMPLEC', { roleArn: 'arn:aws:iam::2:role/b', roleSessionName: 'bee', externalId: 'x-1', durationSeconds: 900, serialNumber: undefined, tokenCode: undefined, region: undefined, profile: 'b', signal: undefined }],
      ['ASIAB', { roleArn: 'arn:aws:iam::1:role/a', roleSessionName: `iamkit-${NOW}`, externalId: undefined, durationSeconds: undefined, serialNumber: undefined, tokenCode: undefined, region: 'eu-west-1', profile: 'a', signal: undefined }],
    ]);
    expect(sts.calls[1]?.source.secretAccessKey).toBe('secret-of-b');
    expect({ ...creds }).toEqual({ accessKeyId: 'ASIAA', secretAccessKey: 'secret-of-a', sessionToken: 'token-of-a', expiration: new Date(NOW + 3_600_000) });
    expect(credentialSource(creds)).toBe('ini');
  });

  it('asks mfaCodeProvider for the code of mfa_serial and passes it to AssumeRole', async () => {
    const sts = fakeSts();
    const serials: string[] = [];
    await provider(`[default]\nrole_arn = arn:aws:iam::1:role/m\nsource_profile = k\nmfa_serial = arn:aws:iam::1:mfa/me\n[profile k]\n${keys('AKIDK')}`, undefined, {
      assumeRole: sts.assumeRole,
      mfaCodeProvider: (serial) => {
        serials.push(serial);
        return Promise.resolve('123456');
      },
    })();
    expect(serials).toEqual(['arn:aws:iam::1:mfa/me']);
    expect(sts.calls[0]?.params).toMatchObject({ serialNumber: 'arn:aws:iam::1:mfa/me', tokenCode: '123456' });
  });

  it.each<CredentialSourceName>(['EcsContainer', 'Ec2InstanceMetadata', 'Environment'])('gets source credentials for credential_source = %s from the executor', async (name) => {
    const sts = fakeSts();
    const asked: string[] = [];
    await provider(`[default]\nrole_arn = arn:aws:iam::1:role/cs\ncredential_source = ${name}\n`, undefined, {
      assumeRole: sts.assumeRole,
      credentialSource: (n) => {
        asked.push(n);
        return Promise.resolve(createCredentials({ accessKeyId: `ASIA${n.toUpperCase()}`, secretAccessKey: 's' }, 'container'));
      },
    })();
    expect(asked).toEqual([name]);
    expect(sts.calls[0]?.source.accessKeyId).toBe(`ASIA${name.toUpperCase()}`);
  });

  it('reads credential_source = Environment from the injected env without an executor', async () => {
    const sts = fakeSts();
    await provider('[default]\nrole_arn = arn:aws:iam::1:role/e\ncredential_source = Environment\n', undefined, {
      env: { ...HOME, AWS_ACCESS_KEY_ID: 'AKIDFROMENV', AWS_SECRET_ACCESS_KEY: SECRET },
      assumeRole: sts.assumeRole,
    })();
    expect(sts.calls[0]?.source.accessKeyId).toBe('AKIDFROMENV');
  });

  it('fails — instead of reporting "not configured" — when credential_source = Environment has no keys', async () => {
    const error = await rejection(provider('[default]\nrole_arn = arn:aws:iam::1:role/e\ncredential_source = Environment\n', undefined, { assumeRole: fakeSts().assumeRole })());
    expect(isIamkitError(error, 'ERR_INI_SOURCE_UNAVAILABLE')).toBe(true);
    expect(isNotConfigured(error)).toBe(false);
    expect(error.message).toMatch(/^credential_source = Environment of profile 'default' is not available here: env: not configured/);
  });

  it('hands web identity profiles to assumeRoleWithWebIdentity without reading the token', async () => {
    const calls: AssumeRoleWithWebIdentityParams[] = [];
    let read = 0;
    const creds = await fromIni({
      env: HOME,
      now,
      readFile: (path) => {
        if (path === '/var/run/token') read++;
        return path === '/h/.aws/config'
          ? Promise.resolve('[default]\nrole_arn = arn:aws:iam::1:role/wi\nweb_identity_token_file = /var/run/token\n')
          : Promise.reject(Object.assign(new Error('x'), { code: 'ENOENT' }));
      },
      assumeRoleWithWebIdentity: (params) => {
        calls.push(params);
        return Promise.resolve({ accessKeyId: 'ASIAWEBID', secretAccessKey: 'w' });
      },
    })();
    expect(calls).toEqual([{ roleArn: 'arn:aws:iam::1:role/wi', roleSessionName: `iamkit-${NOW}`, webIdentityTokenFile: '/var/run/token', region: undefined, profile: 'default', signal: undefined }]);
    expect(read).toBe(0);
    expect(creds.accessKeyId).toBe('ASIAWEBID');
  });

  it('runs credential_process profiles through @iamkit/credential-process', async () => {
    const command = printCommand({ Version: 1, AccessKeyId: 'ASIAPROC', SecretAccessKey: SECRET, Expiration: '2026-03-01T01:00:00Z' });
    const creds = await provider(`[profile p]\ncredential_process = ${command}\naws_account_id = 222233334444\n`, undefined, { profile: 'p' })();
    expect({ ...creds }).toEqual({ accessKeyId: 'ASIAPROC', secretAccessKey: SECRET, expiration: new Date('2026-03-01T01:00:00Z'), accountId: '222233334444' });
    expect(credentialSource(creds)).toBe('ini');
  });

  it('uses a credential_process profile as the source of a role', async () => {
    const sts = fakeSts();
    const command = printCommand({ Version: 1, AccessKeyId: 'AKIAPROCSOURCE', SecretAccessKey: SECRET });
    await provider(`[default]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = p\n[profile p]\ncredential_process = ${command}\n`, undefined, { assumeRole: sts.assumeRole })();
    expect(sts.calls[0]?.source.accessKeyId).toBe('AKIAPROCSOURCE');
  });

  it('reports a failing credential_process with the profile and line', async () => {
    const error = await rejection(provider(`[profile p]\nregion = x\ncredential_process = ${printCommand('', 4)}\n`, undefined, { profile: 'p' })());
    expect(isIamkitError(error, 'ERR_PROCESS_EXIT')).toBe(true);
    expect(error.message).toMatch(/^credential_process of profile 'p' \(\/h\/\.aws\/config line 3\): the command exited with code 4/);
  });

  it('passes the per-call abort signal to the executors', async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    await provider(`[default]\nrole_arn = arn:aws:iam::1:role/s\nsource_profile = k\n[profile k]\n${keys('AKIDK')}`, undefined, {
      assumeRole: (_source, params) => {
        seen = params.signal;
        return Promise.resolve({ accessKeyId: 'ASIAS', secretAccessKey: 's' });
      },
    })({ signal: controller.signal });
    expect(seen).toBe(controller.signal);
  });
});

describe('fromIni: missing executors and failing executors', () => {
  const chain = `[default]\nrole_arn = arn:aws:iam::1:role/needs\ncredential_source = EcsContainer\n`;

  it('fails with ERR_INI_NEEDS_STS, before contacting any source, when no assumeRole is given', async () => {
    let contacted = 0;
    const error = await rejection(
      provider(chain, undefined, {
        credentialSource: () => {
          contacted++;
          return Promise.resolve({ accessKeyId: 'A', secretAccessKey: 'B' });
        },
      })(),
    );
    expect(isIamkitError(error, 'ERR_INI_NEEDS_STS')).toBe(true);
    expect(error.message).toBe(
      "profile 'default' assumes role arn:aws:iam::1:role/needs and needs @iamkit/sts: use fromIni from @iamkit/credential-providers, or pass an assumeRole function.",
    );
    expect(contacted).toBe(0);
  });

  it('fails with ERR_INI_NEEDS_STS for web identity without an executor', async () => {
    const error = await rejection(provider('[default]\nrole_arn = arn:aws:iam::1:role/w\nweb_identity_token_file = /t\n', undefined)());
    expect(isIamkitError(error, 'ERR_INI_NEEDS_STS')).toBe(true);
    expect(error.message).toContain('with the web identity token in /t and needs @iamkit/sts: use fromIni from @iamkit/credential-providers');
  });

  it.each([
    ['Ec2InstanceMetadata', '@iamkit/credential-imds'],
    ['EcsContainer', '@iamkit/credential-container'],
  ])('fails with ERR_INI_NEEDS_PROVIDER for credential_source = %s without an executor', async (name, pkg) => {
    const error = await rejection(provider(`[default]\nrole_arn = arn:aws:iam::1:role/x\ncredential_source = ${name}\n`, undefined, { assumeRole: fakeSts().assumeRole })());
    expect(isIamkitError(error, 'ERR_INI_NEEDS_PROVIDER')).toBe(true);
    expect(error.message).toContain(`credential_source = ${name}, which needs ${pkg}`);
    const direct = await rejection(provider(`[default]\ncredential_source = ${name}\n`, undefined)());
    expect(isIamkitError(direct, 'ERR_INI_NEEDS_PROVIDER')).toBe(true);
  });

  it('fails with ERR_INI_MFA_REQUIRED when mfa_serial is set and no mfaCodeProvider is given', async () => {
    const error = await rejection(provider(`[default]\nrole_arn = arn:aws:iam::1:role/m\nsource_profile = k\nmfa_serial = arn:aws:iam::1:mfa/me\n[profile k]\n${keys('AKIDK')}`, undefined, { assumeRole: fakeSts().assumeRole })());
    expect(isIamkitError(error, 'ERR_INI_MFA_REQUIRED')).toBe(true);
    expect(error.message).toContain('sets mfa_serial = arn:aws:iam::1:mfa/me: pass an mfaCodeProvider');
  });

  it('passes iamkit errors from an executor through unchanged', async () => {
    const original = new IamkitError({ code: 'ERR_STS_ACCESS_DENIED', source: 'sts', message: 'not allowed' });
    const error = await rejection(provider(chain, undefined, { assumeRole: () => Promise.reject(original), credentialSource: () => Promise.resolve({ accessKeyId: 'A', secretAccessKey: 'B' }) })());
    expect(error).toBe(original);
  });

  it('wraps any other executor failure, scrubbing secrets from the message and the cause', async () => {
    const error = await rejection(
      provider(`[default]\nrole_arn = arn:aws:iam::1:role/f\nsource_profile = k\n[profile k]\n${keys('AKIDK')}`, undefined, {
        assumeRole: (source) => Promise.reject(new TypeError(`socket hang up while signing with ${source.secretAccessKey}`)),
      })(),
    );
    expect(isIamkitError(error, 'ERR_INI_EXECUTOR_FAILED')).toBe(true);
    expect(error.message).toBe("assumeRole of arn:aws:iam::1:role/f for profile 'default' failed: socket hang up while signing with [redacted]");
    expect((error.cause as Error).name).toBe('TypeError');
    expect(JSON.stringify(error)).not.toContain(SECRET);
  });

  it.each([null, {}, { accessKeyId: 'A' }, { accessKeyId: '', secretAccessKey: 's' }])('rejects unusable executor results (%j)', async (result) => {
    const error = await rejection(provider('[default]\ncredential_source = EcsContainer\n', undefined, { credentialSource: () => Promise.resolve(result as unknown as Credentials) })());
    expect(isIamkitError(error, 'ERR_CREDENTIALS_INVALID')).toBe(true);
  });
});
