import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  IamkitError,
  NotConfiguredError,
  createCredentials,
  credentialSource,
  isIamkitError,
  isNotConfigured,
  notConfigured,
  scrubSecrets,
} from '../src/index.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDexampletokenvalue0123456789abcdef';

describe('createCredentials', () => {
  const creds = createCredentials(
    { accessKeyId: 'ASIAEXAMPLEKEYID1234', secretAccessKey: SECRET, sessionToken: TOKEN, expiration: new Date('2026-01-01T00:00:00Z') },
    'container',
  );

  it('keeps the SDK shape readable and spreadable', () => {
    expect(creds.secretAccessKey).toBe(SECRET);
    expect({ ...creds }).toEqual({
      accessKeyId: 'ASIAEXAMPLEKEYID1234',
      secretAccessKey: SECRET,
      sessionToken: TOKEN,
      expiration: new Date('2026-01-01T00:00:00Z'),
    });
    expect(Object.isFrozen(creds)).toBe(true);
    expect(credentialSource(creds)).toBe('container');
  });

  it('keeps secrets out of JSON and util.inspect', () => {
    for (const text of [JSON.stringify(creds), inspect(creds), inspect({ nested: [creds] }, { depth: 5 })]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(TOKEN);
      expect(text).toContain('ASIA…1234');
    }
  });

  it('leaves out empty optional fields', () => {
    expect(Object.keys(createCredentials({ accessKeyId: 'AKID', secretAccessKey: 's', sessionToken: '' }))).toEqual([
      'accessKeyId',
      'secretAccessKey',
    ]);
  });
});

describe('IamkitError', () => {
  it('is recognised by brand, including a copy from another realm of the class', () => {
    const error = new IamkitError({ code: 'ERR_X', message: 'boom', source: 'test', retryable: true });
    expect(isIamkitError(error)).toBe(true);
    expect(isIamkitError(error, 'ERR_X')).toBe(true);
    expect(isIamkitError(error, 'ERR_Y')).toBe(false);
    // What a second installed copy's error looks like to this copy: same global brand, other class.
    const foreign = Object.assign(new Error('other copy'), { code: 'ERR_X' });
    Object.defineProperty(foreign, Symbol.for('iamkit.error'), { value: true });
    expect(foreign instanceof IamkitError).toBe(true);
    expect(new Error('plain') instanceof IamkitError).toBe(false);
  });

  it('serialises without secrets and keeps the cause summary', () => {
    const error = new IamkitError({ code: 'ERR_X', message: 'failed', cause: Object.assign(new Error('inner'), { code: 'ECONNRESET' }) });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'IamkitError',
      code: 'ERR_X',
      message: 'failed',
      retryable: false,
      cause: { name: 'Error', code: 'ECONNRESET', message: 'inner' },
    });
  });
});

describe('notConfigured', () => {
  it('names the settings that would configure the source', () => {
    const error = notConfigured({ source: 'env', reason: 'AWS_ACCESS_KEY_ID is not set', configureWith: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] });
    expect(error.code).toBe('ERR_CREDENTIALS_NOT_CONFIGURED');
    expect(error.message).toBe('env: not configured (AWS_ACCESS_KEY_ID is not set). Set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY to use it.');
    expect(isNotConfigured(error)).toBe(true);
    expect(error instanceof NotConfiguredError).toBe(true);
    expect(new IamkitError({ code: 'ERR_X', message: 'x' }) instanceof NotConfiguredError).toBe(false);
    expect(isNotConfigured(new IamkitError({ code: 'ERR_X', message: 'x' }))).toBe(false);
  });
});

describe('scrubSecrets', () => {
  it('removes secret keys, tokens, JWTs and known values', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW0ifQ.c2lnbmF0dXJl';
    const text = `key=${SECRET} token=${TOKEN} jwt=${jwt} custom=hunter22`;
    const scrubbed = scrubSecrets(text, ['hunter22']);
    expect(scrubbed).toBe('key=[redacted] token=[redacted] jwt=[redacted] custom=[redacted]');
  });

  it('leaves payload hashes and signatures (lowercase hex) alone', () => {
    const hash = 'ab821ae955788b0e33ebd34c208442ccfc2d406e2edc5e7a39bd6458fbb4f843';
    const sha1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
    expect(scrubSecrets(`payload ${hash}, signature=${hash}, id ${sha1}`)).toBe(`payload ${hash}, signature=${hash}, id ${sha1}`);
    // A secret that happens to be 40 base64 characters with upper case is still redacted.
    expect(scrubSecrets('k=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY')).toBe('k=[redacted]');
  });

  it('leaves ordinary text alone', () => {
    expect(scrubSecrets('exit code 1: profile "dev" not found in /home/u/.aws/config')).toBe(
      'exit code 1: profile "dev" not found in /home/u/.aws/config',
    );
  });
});
