import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { inspect } from 'node:util';
import { credentialSource, isIamkitError, isNotConfigured } from '@iamkit/credentials';
import { createStsClient, explainStsError, isStsError, STS_NOTICE_CHANNEL } from '@iamkit/sts';
import { describe, expect, it } from 'vitest';
import { fromTokenFile } from '../src/index.js';
import { fakeClock, oidcToken, rejection, ROLE, sts, tempDir, tokenFile } from './helpers.js';

/** The session the credentials belong to, asked from STS itself. */
async function sessionOf(env: Record<string, string>, creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, now: () => number): Promise<string> {
  const { arn } = await createStsClient({ env, now, credentials: creds, region: 'us-east-1' }).getCallerIdentity();
  return arn;
}

describe('fromTokenFile: settings', () => {
  it('is not configured when neither AWS_WEB_IDENTITY_TOKEN_FILE nor AWS_ROLE_ARN is set', async () => {
    const error = await rejection(fromTokenFile({ env: {} })());
    expect(isNotConfigured(error)).toBe(true);
    expect(error.message).toBe('web-identity: not configured (AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not set). Set AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN to use it.');
  });

  it.each([
    [{ AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token' }, 'AWS_WEB_IDENTITY_TOKEN_FILE is set (/var/run/token) but AWS_ROLE_ARN is not: set AWS_ROLE_ARN'],
    [{ AWS_ROLE_ARN: ROLE }, `AWS_ROLE_ARN is set (${ROLE}) but AWS_WEB_IDENTITY_TOKEN_FILE is not: set AWS_WEB_IDENTITY_TOKEN_FILE`],
    [{ AWS_ROLE_ARN: ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: '  ' }, 'AWS_WEB_IDENTITY_TOKEN_FILE is not'],
  ])('fails with ERR_WEB_IDENTITY_PARTIAL naming the missing variable (%j), without reading anything', async (env, text) => {
    let reads = 0;
    const error = await rejection(fromTokenFile({ env, readFile: () => (reads++, Promise.resolve('x')) })());
    expect(isIamkitError(error, 'ERR_WEB_IDENTITY_PARTIAL')).toBe(true);
    expect(isNotConfigured(error)).toBe(false);
    expect(error.message).toContain(text);
    expect(reads).toBe(0);
  });

  it('fails with ERR_WEB_IDENTITY_TOKEN_FILE naming the variable and the path when the file is missing', async () => {
    const path = join(await tempDir(), 'missing-token');
    const error = await rejection(fromTokenFile({ env: { AWS_WEB_IDENTITY_TOKEN_FILE: path, AWS_ROLE_ARN: ROLE } })());
    expect(isIamkitError(error, 'ERR_WEB_IDENTITY_TOKEN_FILE')).toBe(true);
    expect(error.message).toContain(`the web identity token file ${path} (from AWS_WEB_IDENTITY_TOKEN_FILE) does not exist (ENOENT)`);
    expect(error.retryable).toBe(true);
  });

  it('names an unreadable file as unreadable, with the option that set it', async () => {
    const dir = await tempDir();
    const error = await rejection(fromTokenFile({ env: {}, webIdentityTokenFile: dir, roleArn: ROLE })());
    expect(isIamkitError(error, 'ERR_WEB_IDENTITY_TOKEN_FILE')).toBe(true);
    expect(error.message).toContain(`${dir} (from option webIdentityTokenFile) cannot be read (EISDIR)`);
  });

  it.each(['', '\n', '  \t\n'])('fails with ERR_WEB_IDENTITY_TOKEN_EMPTY for a file holding %j', async (content) => {
    const path = join(await tempDir(), 'token');
    await writeFile(path, content);
    const error = await rejection(fromTokenFile({ env: { AWS_WEB_IDENTITY_TOKEN_FILE: path, AWS_ROLE_ARN: ROLE } })());
    expect(isIamkitError(error, 'ERR_WEB_IDENTITY_TOKEN_EMPTY')).toBe(true);
    expect(error.message).toContain(`the web identity token file ${path} (from AWS_WEB_IDENTITY_TOKEN_FILE) is empty`);
  });

  it('names the setting given by tokenFileSetting (as fromIni does)', async () => {
    const error = await rejection(
      fromTokenFile({ env: {}, webIdentityTokenFile: '/nope/token', roleArn: ROLE, tokenFileSetting: "web_identity_token_file of profile 'ci'", readFile: () => Promise.reject(Object.assign(new Error('no'), { code: 'ENOENT' })) })(),
    );
    expect(error.message).toContain("/nope/token (from web_identity_token_file of profile 'ci') does not exist");
  });
});

describe('fromTokenFile: against the STS emulator', () => {
  it('assumes the role with the token in the file and returns credentials tagged web-identity', async () => {
    const clock = fakeClock();
    const token = oidcToken(clock.now);
    const emulator = await sts(clock.now, [token]);
    const env = { ...emulator.env, AWS_WEB_IDENTITY_TOKEN_FILE: await tokenFile(token), AWS_ROLE_ARN: ROLE, AWS_ROLE_SESSION_NAME: 'orders-pod-1' };
    const creds = await fromTokenFile({ env, now: clock.now })();
    expect(credentialSource(creds)).toBe('web-identity');
    expect(creds.accessKeyId).toMatch(/^ASIA/);
    expect(creds.sessionToken).toBeDefined();
    expect(creds.accountId).toBe('123456789012');
    expect(creds.expiration?.getTime()).toBe(clock.now() + 3_600_000);
    expect(emulator.calls.map((c) => [c.action, c.status])).toEqual([['AssumeRoleWithWebIdentity', 200]]);
    // Unsigned, as the SDKs send it.
    expect(emulator.requests.last()?.headers.authorization).toBeUndefined();
    expect(await sessionOf(emulator.env, creds, clock.now)).toBe('arn:aws:sts::123456789012:assumed-role/web-identity-role/orders-pod-1');
  });

  it('options win over the variables, and durationSeconds and the region are passed on', async () => {
    const clock = fakeClock();
    const token = oidcToken(clock.now);
    const emulator = await sts(clock.now, [token]);
    const file = await tokenFile(token);
    const env = { ...emulator.env, AWS_WEB_IDENTITY_TOKEN_FILE: '/wrong/file', AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/wrong', AWS_ROLE_SESSION_NAME: 'wrong' };
    const notices: unknown[] = [];
    const listen = (message: unknown): void => void notices.push(message);
    subscribe(STS_NOTICE_CHANNEL, listen);
    try {
      const creds = await fromTokenFile({ env, now: clock.now, webIdentityTokenFile: file, roleArn: ROLE, roleSessionName: 'from-option', durationSeconds: 900, clientConfig: { region: 'eu-west-1' } })();
      expect(creds.expiration?.getTime()).toBe(clock.now() + 900_000);
      expect(await sessionOf(emulator.env, creds, clock.now)).toBe('arn:aws:sts::123456789012:assumed-role/web-identity-role/from-option');
    } finally {
      unsubscribe(STS_NOTICE_CHANNEL, listen);
    }
    // A region was configured: no "using us-east-1" notice.
    expect(notices).toEqual([]);
  });

  it('without a session name generates iamkit-<ms>-<random>, and says on iamkit:sts:notice that it uses us-east-1', async () => {
    const clock = fakeClock();
    const token = oidcToken(clock.now);
    const emulator = await sts(clock.now, [token]);
    const notices: { kind?: string; message?: string }[] = [];
    const listen = (message: unknown): void => void notices.push(message as { kind?: string });
    subscribe(STS_NOTICE_CHANNEL, listen);
    try {
      const env = { ...emulator.env, AWS_WEB_IDENTITY_TOKEN_FILE: await tokenFile(token), AWS_ROLE_ARN: ROLE };
      const creds = await fromTokenFile({ env, now: clock.now, random: () => 0.5 })();
      expect(await sessionOf(emulator.env, creds, clock.now)).toBe(`arn:aws:sts::123456789012:assumed-role/web-identity-role/iamkit-${clock.now()}-iiiiiiii`);
    } finally {
      unsubscribe(STS_NOTICE_CHANNEL, listen);
    }
    expect(notices).toEqual([expect.objectContaining({ kind: 'region-default', message: expect.stringContaining('using us-east-1') })]);
  });

  it('re-reads a token file that rotates between two fetches; a stale token gives InvalidIdentityToken, explained', async () => {
    const clock = fakeClock();
    const first = oidcToken(clock.now, 'first');
    const emulator = await sts(clock.now, [first]);
    const file = await tokenFile(first);
    const provider = fromTokenFile({ env: { ...emulator.env, AWS_WEB_IDENTITY_TOKEN_FILE: file, AWS_ROLE_ARN: ROLE }, now: clock.now });
    const one = await provider();

    // kubelet rotates: STS accepts only the new token, and the file holds it.
    clock.advance(60 * 60_000);
    const second = oidcToken(clock.now, 'second');
    emulator.revokeWebIdentityToken(first);
    emulator.acceptWebIdentityToken(second);
    await writeFile(file, second);
    const two = await provider();
    expect(two.accessKeyId).not.toBe(one.accessKeyId);
    expect(emulator.calls.map((c) => c.status)).toEqual([200, 200]);

    // The file is stale: STS accepts a third token only.
    emulator.revokeWebIdentityToken(second);
    emulator.acceptWebIdentityToken(oidcToken(clock.now, 'third'));
    const error = await rejection(provider());
    expect(isStsError(error, 'ERR_STS_INVALID_IDENTITY_TOKEN')).toBe(true);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(`web-identity: AssumeRoleWithWebIdentity of ${ROLE} with the token in ${file} (AWS_WEB_IDENTITY_TOKEN_FILE) failed.`);
    expect(error.message).toContain('The file was read just now');
    expect(error.message).toContain('Re-read the token file (AWS_WEB_IDENTITY_TOKEN_FILE) on every call');
    expect(explainStsError(error)).toMatchObject({ code: 'InvalidIdentityToken', topic: 'invalid-identity-token' });
    for (const text of [error.message, JSON.stringify(error), inspect(error, { depth: 10 })]) {
      for (const token of [first, second]) expect(text).not.toContain(token);
    }
  });

  it('explains an expired token (ExpiredTokenException) the same way', async () => {
    const clock = fakeClock();
    const token = oidcToken(clock.now);
    const emulator = await sts(clock.now, [token]);
    const file = await tokenFile(token);
    clock.advance(25 * 60 * 60_000); // past the token's 24 h
    const error = await rejection(fromTokenFile({ env: { ...emulator.env, AWS_WEB_IDENTITY_TOKEN_FILE: file, AWS_ROLE_ARN: ROLE }, now: clock.now })());
    expect(isStsError(error, 'ERR_STS_EXPIRED_TOKEN')).toBe(true);
    expect(error.message).toContain('The file was read just now');
    expect(explainStsError(error).topic).toBe('web-identity-token-expired');
    expect(error.message).not.toContain(token);
  });
});
