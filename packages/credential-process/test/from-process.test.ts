import { describe, expect, it } from 'vitest';
import { type ReadTextFile, credentialSource, isIamkitError, isNotConfigured } from '@iamkit/credentials';
import { fromProcess } from '../src/index.js';
import { b64, helper } from './helpers.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const env = { HOME: '/h' };
const ok = JSON.stringify({ Version: 1, AccessKeyId: 'AKIDPROCESS', SecretAccessKey: SECRET });

function files(map: Record<string, string>): ReadTextFile {
  return (path) => {
    const text = map[path];
    return text === undefined ? Promise.reject(Object.assign(new Error('ENOENT'), { code: 'ENOENT' })) : Promise.resolve(text);
  };
}

describe('fromProcess', () => {
  const config = [
    '[default]',
    `credential_process = ${helper('print', b64(ok))}`,
    'aws_account_id = 123456789012',
    '[profile dev]',
    'region = eu-west-1',
    `credential_process = ${helper('fail', '9', b64('dev helper broke'))}`,
    '[profile plain]',
    'region = us-east-1',
  ].join('\n');
  const readFile = files({ '/h/.aws/config': config });

  it("runs the default profile's credential_process, with aws_account_id as the fallback account", async () => {
    const creds = await fromProcess({ env, readFile })();
    expect({ ...creds }).toEqual({ accessKeyId: 'AKIDPROCESS', secretAccessKey: SECRET, accountId: '123456789012' });
    expect(credentialSource(creds)).toBe('process');
  });

  it('selects the profile from the option, then AWS_PROFILE, and names it and its line in errors', async () => {
    for (const options of [{ profile: 'dev', env }, { env: { ...env, AWS_PROFILE: 'dev' } }]) {
      const error: unknown = await fromProcess({ ...options, readFile })().catch((e: unknown) => e);
      expect(isIamkitError(error, 'ERR_PROCESS_EXIT')).toBe(true);
      expect((error as Error).message).toBe(
        "credential_process of profile 'dev' (/h/.aws/config line 6): the command exited with code 9. Its stderr said: dev helper broke",
      );
    }
  });

  it('is not configured when the profile has no credential_process', async () => {
    const error: unknown = await fromProcess({ profile: 'plain', env, readFile })().catch((e: unknown) => e);
    expect(isNotConfigured(error)).toBe(true);
    expect((error as Error).message).toContain("profile 'plain' has no credential_process");
  });

  it('is not configured when there is no default profile and none was asked for', async () => {
    const error: unknown = await fromProcess({ env, readFile: files({}) })().catch((e: unknown) => e);
    expect(isNotConfigured(error)).toBe(true);
    expect((error as Error).message).toContain('no [default] profile in /h/.aws/config or /h/.aws/credentials');
  });

  it('fails when a profile asked for by name does not exist', async () => {
    const error: unknown = await fromProcess({ env: { ...env, AWS_PROFILE: 'typo' }, readFile })().catch((e: unknown) => e);
    expect(isIamkitError(error, 'ERR_PROCESS_PROFILE_NOT_FOUND')).toBe(true);
    expect(isNotConfigured(error)).toBe(false);
    expect((error as Error).message).toContain("profile 'typo' (chosen by AWS_PROFILE) was not found");
    expect((error as Error).message).toContain('Profiles there: default, dev, plain');
  });

  it('reads credential_process from the credentials file too, and honours the file options', async () => {
    const creds = await fromProcess({
      env,
      filepath: '/custom/credentials',
      readFile: files({ '/custom/credentials': `[ci]\ncredential_process = ${helper('print', b64(ok))}\n` }),
      profile: 'ci',
    })();
    expect(creds.accessKeyId).toBe('AKIDPROCESS');
  });

  it('passes the per-call abort signal to the command', async () => {
    const error: unknown = await fromProcess({ env, readFile })({ signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(isIamkitError(error, 'ERR_ABORTED')).toBe(true);
  });

  it('applies maxOutputBytes', async () => {
    const error: unknown = await fromProcess({ env, readFile, maxOutputBytes: 8 })().catch((e: unknown) => e);
    expect(isIamkitError(error, 'ERR_PROCESS_OUTPUT_TOO_LARGE')).toBe(true);
  });
});
