import { describe, expect, it } from 'vitest';
import { credentialSource, isIamkitError, isNotConfigured } from '@iamkit/credentials';
import { fromEnv } from '../src/index.js';

const ID = 'ASIAENVEXAMPLE123456';
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDexampletokenvalue0123456789';
const NOW = Date.parse('2026-03-01T00:00:00Z');
const FUTURE = '2026-03-01T01:00:00Z';
const now = (): number => NOW;

type Outcome = 'ok' | 'not-configured' | `partial:${string}`;

// Every combination of the four credential variables (expiration valid and in the future).
const combinations: [id: boolean, secret: boolean, token: boolean, expiration: boolean, outcome: Outcome][] = [
  [false, false, false, false, 'not-configured'],
  [false, false, false, true, 'partial:AWS_CREDENTIAL_EXPIRATION is set but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not'],
  [false, false, true, false, 'partial:AWS_SESSION_TOKEN is set but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not'],
  [false, false, true, true, 'partial:AWS_SESSION_TOKEN is set but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not'],
  [false, true, false, false, 'partial:AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not'],
  [false, true, false, true, 'partial:AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not'],
  [false, true, true, false, 'partial:AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not'],
  [false, true, true, true, 'partial:AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not'],
  [true, false, false, false, 'partial:AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not'],
  [true, false, false, true, 'partial:AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not'],
  [true, false, true, false, 'partial:AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not'],
  [true, false, true, true, 'partial:AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not'],
  [true, true, false, false, 'ok'],
  [true, true, false, true, 'ok'],
  [true, true, true, false, 'ok'],
  [true, true, true, true, 'ok'],
];

describe('fromEnv: every combination of variables', () => {
  it.each(combinations)('id=%s secret=%s token=%s expiration=%s → %s', async (id, secret, token, expiration, outcome) => {
    const env: Record<string, string> = { AWS_ACCOUNT_ID: '123456789012' };
    if (id) env.AWS_ACCESS_KEY_ID = ID;
    if (secret) env.AWS_SECRET_ACCESS_KEY = SECRET;
    if (token) env.AWS_SESSION_TOKEN = TOKEN;
    if (expiration) env.AWS_CREDENTIAL_EXPIRATION = FUTURE;
    const result = await fromEnv({ env, now })().then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    if (outcome === 'ok') {
      expect('value' in result).toBe(true);
      const creds = (result as { value: Awaited<ReturnType<ReturnType<typeof fromEnv>>> }).value;
      expect({ ...creds }).toEqual({
        accessKeyId: ID,
        secretAccessKey: SECRET,
        ...(token ? { sessionToken: TOKEN } : {}),
        ...(expiration ? { expiration: new Date(FUTURE) } : {}),
        accountId: '123456789012',
      });
      expect(credentialSource(creds)).toBe('env');
    } else if (outcome === 'not-configured') {
      const { error } = result as { error: unknown };
      expect(isNotConfigured(error)).toBe(true);
      expect((error as Error).message).toContain('AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY');
    } else {
      const { error } = result as { error: unknown };
      expect(isIamkitError(error, 'ERR_ENV_PARTIAL')).toBe(true);
      expect(isNotConfigured(error)).toBe(false);
      expect((error as Error).message).toContain(outcome.slice('partial:'.length));
      expect((error as { source?: string }).source).toBe('env');
    }
  });
});

describe('fromEnv: values', () => {
  it('treats empty and blank variables as unset and trims values', async () => {
    await expect(fromEnv({ env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '  ' } })()).rejects.toSatisfy(isNotConfigured);
    const creds = await fromEnv({ env: { AWS_ACCESS_KEY_ID: ` ${ID}\n`, AWS_SECRET_ACCESS_KEY: `${SECRET}\n`, AWS_SESSION_TOKEN: '' } })();
    expect({ ...creds }).toEqual({ accessKeyId: ID, secretAccessKey: SECRET });
  });

  it('does not read AWS_SECURITY_TOKEN or the go-only AWS_ACCESS_KEY / AWS_SECRET_KEY', async () => {
    await expect(fromEnv({ env: { AWS_ACCESS_KEY: ID, AWS_SECRET_KEY: SECRET, AWS_SECURITY_TOKEN: TOKEN } })()).rejects.toSatisfy(isNotConfigured);
    const creds = await fromEnv({ env: { AWS_ACCESS_KEY_ID: ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SECURITY_TOKEN: TOKEN } })();
    expect(creds.sessionToken).toBeUndefined();
  });

  it.each([
    ['2026-03-01T01:00:00Z', '2026-03-01T01:00:00.000Z'],
    ['2026-03-01t01:00:00z', '2026-03-01T01:00:00.000Z'],
    ['2026-03-01 01:00:00Z', '2026-03-01T01:00:00.000Z'],
    ['2026-03-01T01:00:00.5Z', '2026-03-01T01:00:00.500Z'],
    ['2026-03-01T01:00:00.123456789Z', '2026-03-01T01:00:00.123Z'],
    ['2026-03-01T03:00:00+02:00', '2026-03-01T01:00:00.000Z'],
    ['2026-02-28T23:30:00-01:45', '2026-03-01T01:15:00.000Z'],
  ])('accepts AWS_CREDENTIAL_EXPIRATION=%s', async (text, iso) => {
    const creds = await fromEnv({ env: { AWS_ACCESS_KEY_ID: ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_CREDENTIAL_EXPIRATION: text }, now })();
    expect(creds.expiration?.toISOString()).toBe(iso);
  });

  it.each(['tomorrow', '1772326800', '2026-03-01', '2026-03-01T01:00:00', 'Sun, 01 Mar 2026 01:00:00 GMT', '2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-03-01T25:00:00Z'])(
    'rejects AWS_CREDENTIAL_EXPIRATION=%s, naming the variable',
    async (text) => {
      const error: unknown = await fromEnv({ env: { AWS_ACCESS_KEY_ID: ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_CREDENTIAL_EXPIRATION: text }, now })().catch((e: unknown) => e);
      expect(isIamkitError(error, 'ERR_ENV_EXPIRATION_INVALID')).toBe(true);
      expect((error as Error).message).toMatch(/^AWS_CREDENTIAL_EXPIRATION is not an RFC 3339 timestamp/);
      if (text === 'tomorrow') expect((error as Error).message).toContain('(got "tomorrow")');
    },
  );

  it.each([['2026-03-01T00:00:00Z'], ['2025-12-31T23:59:59Z']])('rejects credentials that expired (%s) with a clear error', async (expiration) => {
    const error: unknown = await fromEnv({ env: { AWS_ACCESS_KEY_ID: ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_CREDENTIAL_EXPIRATION: expiration }, now })().catch((e: unknown) => e);
    expect(isIamkitError(error, 'ERR_CREDENTIALS_EXPIRED')).toBe(true);
    expect((error as Error).message).toContain(`expired at ${new Date(expiration).toISOString()}`);
    expect((error as Error).message).toContain('ASIA…3456');
  });

  it('accepts credentials one millisecond before they expire', async () => {
    const creds = await fromEnv({ env: { AWS_ACCESS_KEY_ID: ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_CREDENTIAL_EXPIRATION: '2026-03-01T00:00:00.001Z' }, now })();
    expect(creds.expiration?.getTime()).toBe(NOW + 1);
  });

  it('reads the environment afresh on every call', async () => {
    const env: Record<string, string | undefined> = {};
    const provider = fromEnv({ env });
    await expect(provider()).rejects.toSatisfy(isNotConfigured);
    env.AWS_ACCESS_KEY_ID = ID;
    env.AWS_SECRET_ACCESS_KEY = SECRET;
    expect((await provider()).accessKeyId).toBe(ID);
    env.AWS_ACCESS_KEY_ID = 'AKIAROTATEDKEY000000';
    expect((await provider()).accessKeyId).toBe('AKIAROTATEDKEY000000');
    delete env.AWS_SECRET_ACCESS_KEY;
    await expect(provider()).rejects.toMatchObject({ code: 'ERR_ENV_PARTIAL' });
  });

  it('uses the real clock by default', async () => {
    await expect(fromEnv({ env: { AWS_ACCESS_KEY_ID: ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_CREDENTIAL_EXPIRATION: '2000-01-01T00:00:00Z' } })()).rejects.toMatchObject({
      code: 'ERR_CREDENTIALS_EXPIRED',
    });
  });
});
