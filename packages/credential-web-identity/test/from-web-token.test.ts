import { inspect } from 'node:util';
import { credentialSource, isIamkitError } from '@iamkit/credentials';
import { isStsError } from '@iamkit/sts';
import { describe, expect, it } from 'vitest';
import { fromWebToken, type FromWebTokenOptions } from '../src/index.js';
import { fakeClock, oidcToken, rejection, ROLE, sts } from './helpers.js';

describe('fromWebToken', () => {
  it('assumes the role with a token string', async () => {
    const clock = fakeClock();
    const token = oidcToken(clock.now);
    const emulator = await sts(clock.now, [token]);
    const creds = await fromWebToken({ roleArn: ROLE, webIdentityToken: token, env: emulator.env, now: clock.now, roleSessionName: 'ci-42' })();
    expect(credentialSource(creds)).toBe('web-identity');
    expect(emulator.calls).toEqual([expect.objectContaining({ action: 'AssumeRoleWithWebIdentity', status: 200 })]);
  });

  it('calls a token function on every fetch, so rotated tokens are sent', async () => {
    const clock = fakeClock();
    const tokens = [oidcToken(clock.now, 'a'), oidcToken(clock.now, 'b')];
    const emulator = await sts(clock.now, [tokens[0]!]);
    let calls = 0;
    const provider = fromWebToken({ roleArn: ROLE, webIdentityToken: async () => tokens[Math.min(calls++, 1)]!, env: emulator.env, now: clock.now });
    await provider();
    emulator.revokeWebIdentityToken(tokens[0]!);
    emulator.acceptWebIdentityToken(tokens[1]!);
    await provider();
    expect(calls).toBe(2);
    expect(emulator.calls.map((c) => c.status)).toEqual([200, 200]);
  });

  it('explains a refused token without the file advice, and never shows the token', async () => {
    const clock = fakeClock();
    const token = oidcToken(clock.now);
    const emulator = await sts(clock.now, []);
    const error = await rejection(fromWebToken({ roleArn: ROLE, webIdentityToken: token, env: emulator.env, now: clock.now })());
    expect(isStsError(error, 'ERR_STS_INVALID_IDENTITY_TOKEN')).toBe(true);
    expect(error.message).toContain(`AssumeRoleWithWebIdentity of ${ROLE} with the token supplied to fromWebToken failed.`);
    expect(error.message).not.toContain('read just now');
    for (const text of [error.message, JSON.stringify(error), inspect(error, { depth: 10 })]) expect(text).not.toContain(token);
  });

  it('wraps a failing token function, scrubbing what it said', async () => {
    const secretish = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzZWNyZXQtc3ViamVjdCJ9.c2lnbmF0dXJlLWJ5dGVz';
    const error = await rejection(fromWebToken({ roleArn: ROLE, webIdentityToken: () => Promise.reject(new Error(`refresh of ${secretish} failed`)), env: {} })());
    expect(isIamkitError(error, 'ERR_WEB_IDENTITY_TOKEN_CALLBACK')).toBe(true);
    expect(error.message).toBe('web-identity: the webIdentityToken function of fromWebToken failed: refresh of [redacted] failed');
    for (const text of [JSON.stringify(error), inspect(error, { depth: 10 })]) expect(text).not.toContain(secretish);
  });

  it.each([
    [() => 42, 'returned number, not the token string', 'ERR_WEB_IDENTITY_TOKEN_CALLBACK'],
    [() => '  ', 'is empty', 'ERR_WEB_IDENTITY_TOKEN_EMPTY'],
    ['', 'is empty', 'ERR_WEB_IDENTITY_TOKEN_EMPTY'],
  ])('refuses an unusable token (%s)', async (webIdentityToken, text, code) => {
    const error = await rejection(fromWebToken({ roleArn: ROLE, webIdentityToken: webIdentityToken as FromWebTokenOptions['webIdentityToken'], env: {} })());
    expect(isIamkitError(error, code)).toBe(true);
    expect(error.message).toContain(text);
  });

  it.each([
    [{ webIdentityToken: 't' }, 'option roleArn must be the ARN'],
    [{ roleArn: ' ', webIdentityToken: 't' }, 'option roleArn must be the ARN'],
    [{ roleArn: ROLE }, 'option webIdentityToken must be the token (a string) or a function returning it, not undefined'],
    [{ roleArn: ROLE, webIdentityToken: null }, 'not null'],
  ])('refuses bad options when created (%j)', (options, text) => {
    expect(() => fromWebToken(options as unknown as FromWebTokenOptions)).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID', message: expect.stringContaining(text) }));
  });
});
