import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { credentialSource, credentialsFromFields, isIamkitError, type IamkitError } from '../src/index.js';
import { secretsFor } from './helpers/credentials.js';
import { T0 } from './helpers/fake-clock.js';

const { secretAccessKey, sessionToken } = secretsFor('fields');
const now = (): number => T0;
const CONTAINER_NAMES = { accessKeyId: 'AccessKeyId', secretAccessKey: 'SecretAccessKey', sessionToken: 'Token', expiration: 'Expiration', accountId: 'AccountId' };

function failure(fn: () => unknown): IamkitError {
  try {
    fn();
  } catch (error) {
    if (isIamkitError(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('credentialsFromFields', () => {
  it('returns frozen, redacting credentials recording their source', () => {
    const creds = credentialsFromFields(
      { accessKeyId: 'ASIAFIELDSKEY0000001', secretAccessKey, sessionToken, expiration: '2026-03-01T13:00:00.123456789Z', accountId: '123456789012' },
      { source: 'container', now },
    );
    expect({ ...creds }).toEqual({
      accessKeyId: 'ASIAFIELDSKEY0000001',
      secretAccessKey,
      sessionToken,
      expiration: new Date('2026-03-01T13:00:00.123Z'),
      accountId: '123456789012',
    });
    expect(Object.isFrozen(creds)).toBe(true);
    expect(credentialSource(creds)).toBe('container');
    expect(JSON.stringify(creds)).not.toContain(secretAccessKey);
  });

  it('accepts long-term keys without token or expiration, and treats empty optional fields as absent', () => {
    const creds = credentialsFromFields({ accessKeyId: 'AKIAFIELDSKEY0000001', secretAccessKey, sessionToken: '', expiration: null, accountId: '' }, { source: 'env' });
    expect(Object.keys(creds)).toEqual(['accessKeyId', 'secretAccessKey']);
  });

  it.each([
    ['a missing key id', { secretAccessKey }, 'container: the credentials: AccessKeyId is missing or empty; a non-empty string is required.'],
    ['an empty secret', { accessKeyId: 'ASIA1', secretAccessKey: '' }, 'container: the credentials: SecretAccessKey is missing or empty; a non-empty string is required.'],
    ['a number as key id', { accessKeyId: 42, secretAccessKey }, 'container: the credentials: AccessKeyId is a number, not a string.'],
    ['an object as token', { accessKeyId: 'ASIA1', secretAccessKey, sessionToken: {} }, 'container: the credentials: Token is an object, not a string.'],
    ['an array as account', { accessKeyId: 'ASIA1', secretAccessKey, accountId: [] }, 'container: the credentials: AccountId is an array, not a string.'],
    [
      'a trailing newline in the key id',
      { accessKeyId: 'ASIAKEY\n', secretAccessKey },
      'container: the credentials: AccessKeyId contains whitespace or a control character at position 7 of 8; remove it (a trailing newline from a file or a copy-paste?).',
    ],
    ['a space in the key id', { accessKeyId: 'ASIA KEY', secretAccessKey }, 'AccessKeyId contains whitespace or a control character at position 4 of 8'],
    ['a control character in the key id', { accessKeyId: 'ASIA\u0000KEY', secretAccessKey }, 'AccessKeyId contains whitespace or a control character at position 4'],
    ['a line break in the token', { accessKeyId: 'ASIA1', secretAccessKey, sessionToken: `${sessionToken}\r\nX-Injected: 1` }, 'Token contains whitespace or a control character'],
    [
      'an unreadable expiration',
      { accessKeyId: 'ASIA1', secretAccessKey, expiration: '2026-03-01 13:00' },
      'container: the credentials: Expiration is not a timestamp iamkit can read ("2026-03-01 13:00"); expected RFC 3339 with a time zone, e.g. 2026-01-01T00:00:00Z, or epoch seconds.',
    ],
    ['an expiration of the wrong type', { accessKeyId: 'ASIA1', secretAccessKey, expiration: true }, 'Expiration is not a timestamp iamkit can read (a boolean)'],
  ])('refuses %s with ERR_CREDENTIALS_INVALID naming the field, never the secret', (_why, fields, message) => {
    const error = failure(() => credentialsFromFields(fields, { source: 'container', now, fieldNames: CONTAINER_NAMES }));
    expect(error.code).toBe('ERR_CREDENTIALS_INVALID');
    expect(error.source).toBe('container');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(message);
    for (const text of [error.message, JSON.stringify(error), inspect(error)]) {
      expect(text).not.toContain(secretAccessKey);
      expect(text).not.toContain(sessionToken);
    }
  });

  it('names the origin when given', () => {
    const error = failure(() =>
      credentialsFromFields({ accessKeyId: 'AKIA1' }, { source: 'ini', origin: 'profile "dev" in /home/u/.aws/credentials', fieldNames: { secretAccessKey: 'aws_secret_access_key' } }),
    );
    expect(error.message).toBe('ini: the credentials in profile "dev" in /home/u/.aws/credentials: aws_secret_access_key is missing or empty; a non-empty string is required.');
  });

  it('requires a token and an expiration when the source always sends them', () => {
    expect(failure(() => credentialsFromFields({ accessKeyId: 'ASIA1', secretAccessKey }, { source: 'imds', requireSessionToken: true, fieldNames: CONTAINER_NAMES })).message).toBe(
      'imds: the credentials: Token is missing; temporary credentials from this source always carry one.',
    );
    expect(
      failure(() => credentialsFromFields({ accessKeyId: 'ASIA1', secretAccessKey, sessionToken }, { source: 'imds', requireExpiration: true, fieldNames: CONTAINER_NAMES })).message,
    ).toBe('imds: the credentials: Expiration is missing; temporary credentials from this source always carry one.');
  });

  it('makes already-expired credentials an ERR_CREDENTIALS_EXPIRED error, not a value', () => {
    const error = failure(() =>
      credentialsFromFields({ accessKeyId: 'ASIA1', secretAccessKey, sessionToken, expiration: new Date(T0 - 90_000).toISOString() }, { source: 'imds', now }),
    );
    expect(error.code).toBe('ERR_CREDENTIALS_EXPIRED');
    expect(error.retryable).toBe(true);
    expect(error.message).toBe(
      `imds: the credentials expired at ${new Date(T0 - 90_000).toISOString()} (90 s ago). The source handed out stale credentials; if this repeats, check this machine’s clock and that the source refreshes its credentials.`,
    );
    expect(failure(() => credentialsFromFields({ accessKeyId: 'ASIA1', secretAccessKey, expiration: T0 / 1000 }, { source: 'sts', now })).code).toBe('ERR_CREDENTIALS_EXPIRED');
    expect(credentialsFromFields({ accessKeyId: 'ASIA1', secretAccessKey, expiration: T0 / 1000 + 1 }, { source: 'sts', now }).expiration?.getTime()).toBe(T0 + 1000);
  });
});
