import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createSigner, isSigV4Error, presignRequest, signRequest, SigV4Error, type SigV4ErrorCode } from '../src/index.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const TOKEN = 'FwoGZXIvYXdzEBYaDSECRETSESSIONTOKENVALUE+/=';
const credentials = { accessKeyId: 'ASIAEXAMPLEKEY123456', secretAccessKey: SECRET, sessionToken: TOKEN };
const base = { credentials, region: 'us-east-1', service: 'sts', date: '2015-08-30T12:36:00Z' };
const request = { method: 'GET', url: 'https://sts.amazonaws.com/' };

/** Runs `fn`, expects a SigV4Error with `code`, and checks that no secret leaks from it. */
function expectError(fn: () => unknown, code: SigV4ErrorCode): SigV4Error {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected ${code}`).toBeInstanceOf(SigV4Error);
  const error = caught as SigV4Error;
  expect(error.code).toBe(code);
  expect(error).toBeInstanceOf(TypeError);
  expect(isSigV4Error(error, code)).toBe(true);
  for (const text of [error.message, error.stack ?? '', JSON.stringify(error), inspect(error, { depth: 5, showHidden: true })]) {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(encodeURIComponent(TOKEN));
  }
  return error;
}

describe('SigV4Error', () => {
  it('carries the iamkit brand (non-enumerable) so isIamkitError recognises it', () => {
    const error = new SigV4Error('ERR_SIGV4_INVALID_URL', 'x');
    const brand = Symbol.for('iamkit.error');
    expect((error as unknown as Record<symbol, unknown>)[brand]).toBe(true);
    expect(Object.getOwnPropertyDescriptor(error, brand)?.enumerable).toBe(false);
    expect(error.retryable).toBe(false);
    expect(error.source).toBe('sigv4');
    expect(error.toJSON()).toEqual({ name: 'SigV4Error', code: 'ERR_SIGV4_INVALID_URL', message: 'x', source: 'sigv4', retryable: false });
    expect(isSigV4Error(new TypeError('x'))).toBe(false);
    expect(isSigV4Error({ code: 'ERR_SIGV4_INVALID_URL' })).toBe(false);
    expect(isSigV4Error(error, 'ERR_SIGV4_INVALID_DATE')).toBe(false);
  });

  it('answers instanceof by brand, so a copy from the other build (ESM/CJS) is recognised', () => {
    // What the CJS build's SigV4Error looks like to the ESM build: another class, same brand.
    const foreign = Object.assign(new TypeError('from the other copy'), { code: 'ERR_SIGV4_INVALID_URL' });
    Object.defineProperty(foreign, Symbol.for('iamkit.error'), { value: true });
    expect(foreign instanceof SigV4Error).toBe(true);
    expect(new SigV4Error('ERR_SIGV4_INVALID_URL', 'x') instanceof SigV4Error).toBe(true);
    expect(new TypeError('plain') instanceof SigV4Error).toBe(false);
    // Another iamkit family's error carries the brand but not an ERR_SIGV4_ code.
    const other = Object.assign(new Error('x'), { code: 'ERR_CREDENTIALS_EXPIRED' });
    Object.defineProperty(other, Symbol.for('iamkit.error'), { value: true });
    expect(other instanceof SigV4Error).toBe(false);
  });
});

describe('bad input is an error, never a wrong signature', () => {
  it.each([
    ['missing credentials', { ...base, credentials: undefined }],
    ['null credentials', { ...base, credentials: null }],
    ['empty access key id', { ...base, credentials: { ...credentials, accessKeyId: '' } }],
    ['access key id with a slash', { ...base, credentials: { ...credentials, accessKeyId: 'AKID/EVIL' } }],
    ['access key id with a space', { ...base, credentials: { ...credentials, accessKeyId: 'AKID EVIL' } }],
    ['empty secret', { ...base, credentials: { ...credentials, secretAccessKey: '' } }],
    ['numeric secret', { ...base, credentials: { ...credentials, secretAccessKey: 42 } }],
    ['session token with a line break', { ...base, credentials: { ...credentials, sessionToken: `${TOKEN}\nx-amz-date:1` } }],
    ['session token with surrounding whitespace', { ...base, credentials: { ...credentials, sessionToken: ` ${TOKEN}` } }],
    ['non-string session token', { ...base, credentials: { ...credentials, sessionToken: 7 } }],
  ])('%s → ERR_SIGV4_INVALID_CREDENTIALS', (_name, options) => {
    const error = expectError(() => signRequest(request, options as never), 'ERR_SIGV4_INVALID_CREDENTIALS');
    expect(error.message).toMatch(/accessKeyId|secretAccessKey|sessionToken|credentials/);
  });

  it('an empty session token means none', () => {
    const signed = signRequest(request, { ...base, credentials: { ...credentials, sessionToken: '' } });
    expect(signed.signedHeaders).toBe('host;x-amz-date');
  });

  it.each([
    ['relative path', '/relative'],
    ['no scheme', 'sts.amazonaws.com/'],
    ['no authority', 'mailto:someone@example.com'],
    ['empty', ''],
    ['empty host', 'https:///path'],
    ['userinfo only', 'https://user@/path'],
    ['line break', 'https://sts.amazonaws.com/\r\nx-amz-date:1'],
    ['tab', 'https://sts.amazonaws.com/a\tb'],
    ['bad host', 'https://exa mple.com/'],
    ['a token in the query and a control character', `https://sts.amazonaws.com/?X-Amz-Security-Token=${TOKEN}\u0000`],
  ])('%s → ERR_SIGV4_INVALID_URL', (_name, url) => {
    const error = expectError(() => signRequest({ method: 'GET', url }, base), 'ERR_SIGV4_INVALID_URL');
    expect(error.message).toContain('absolute URL');
  });

  it('rejects a URL that is neither a string nor a URL', () => {
    expectError(() => signRequest({ method: 'GET', url: { href: 'https://x/' } as unknown as URL }, base), 'ERR_SIGV4_INVALID_URL');
  });

  it.each([
    ['garbage', 'not a date'],
    ['a bare day (the STS "Signature expired" mistake)', '20150830'],
    ['a time without a zone', '2015-08-30T12:36:00'],
    ['an impossible compact date', '20150230T000000Z'],
    ['an invalid Date', new Date('nope')],
    ['NaN', Number.NaN],
    ['before 1970', -1],
    ['after 9999', 253_402_300_800_000],
    ['a boolean', true],
  ])('%s → ERR_SIGV4_INVALID_DATE', (_name, date) => {
    expectError(() => signRequest(request, { ...base, date: date as never }), 'ERR_SIGV4_INVALID_DATE');
  });

  it('says what to do with a bare day', () => {
    expect(expectError(() => signRequest(request, { ...base, date: '20150830' }), 'ERR_SIGV4_INVALID_DATE').message).toContain('20150830T000000Z');
  });

  it('accepts every documented date form', () => {
    for (const date of ['2015-08-30T12:36:00Z', '2015-08-30T14:36:00+02:00', '2015-08-30T12:36:00.999Z', '20150830T123600Z', 'Sun, 30 Aug 2015 12:36:00 GMT', 1_440_938_160_000, new Date(1_440_938_160_000)]) {
      expect(signRequest(request, { ...base, date }).amzDate).toBe('20150830T123600Z');
    }
  });

  it.each([
    ['a CR/LF that would forge a canonical line', { 'x-a': 'v\r\nx-amz-date:20990101T000000Z' }],
    ['a bare LF', { 'x-a': 'v\nw' }],
    ['a bare CR', { 'x-a': 'v\r w' }],
    ['a trailing line break', { 'x-a': 'v\r\n' }],
    ['a line break in a tab-folded value followed by text', { 'x-a': 'a\tb\nc' }],
    ['a name with a colon', { 'x-a:b': 'v' }],
    ['a name with a line break', { 'x-a\r\nx-b': 'v' }],
    ['a name with a space', { 'x a': 'v' }],
    ['a non-ASCII name', { 'x-ä': 'v' }],
    ['an empty name', { '': 'v' }],
    ['an object value', { 'x-a': { nested: true } }],
    ['an infinite number', { 'x-a': Number.POSITIVE_INFINITY }],
  ])('header with %s → ERR_SIGV4_INVALID_HEADER', (_name, headers) => {
    expectError(() => signRequest({ ...request, headers: headers as never }, base), 'ERR_SIGV4_INVALID_HEADER');
    expectError(() => presignRequest({ ...request, headers: headers as never }, base), 'ERR_SIGV4_INVALID_HEADER');
  });

  it('rejects malformed header containers and pairs', () => {
    expectError(() => signRequest({ ...request, headers: 'host: x' as never }, base), 'ERR_SIGV4_INVALID_HEADER');
    expectError(() => signRequest({ ...request, headers: [['only-name']] as never }, base), 'ERR_SIGV4_INVALID_HEADER');
    expectError(() => signRequest({ ...request, headers: [[1, 'v']] as never }, base), 'ERR_SIGV4_INVALID_HEADER');
  });

  it.each([['empty', ''], ['with a space', 'GE T'], ['with a line break', 'GET\r\n'], ['not a string', 1]])('method %s → ERR_SIGV4_INVALID_METHOD', (_name, method) => {
    expectError(() => signRequest({ ...request, method: method as never }, base), 'ERR_SIGV4_INVALID_METHOD');
  });

  it.each([['', 'ERR_SIGV4_INVALID_REGION'], ['us east 1', 'ERR_SIGV4_INVALID_REGION'], ['us-east-1/sts', 'ERR_SIGV4_INVALID_REGION'], [undefined, 'ERR_SIGV4_INVALID_REGION']] as const)(
    'region %j → %s',
    (region, code) => {
      expectError(() => signRequest(request, { ...base, region: region as never }), code);
    },
  );

  it.each([['', 'ERR_SIGV4_INVALID_SERVICE'], ['s3\n', 'ERR_SIGV4_INVALID_SERVICE'], ['a'.repeat(65), 'ERR_SIGV4_INVALID_SERVICE'], [null, 'ERR_SIGV4_INVALID_SERVICE']] as const)(
    'service %j → %s',
    (service, code) => {
      expectError(() => signRequest(request, { ...base, service: service as never }), code);
    },
  );

  it.each([0, -1, 604_801, 1.5, Number.NaN, '60', null])('expiresIn %j → ERR_SIGV4_INVALID_EXPIRES', (expiresIn) => {
    expectError(() => presignRequest(request, { ...base, expiresIn: expiresIn as never }), 'ERR_SIGV4_INVALID_EXPIRES');
  });

  it('accepts the bounds of expiresIn', () => {
    expect(presignRequest(request, { ...base, expiresIn: 1 }).expiresIn).toBe(1);
    expect(presignRequest(request, { ...base, expiresIn: 604_800 }).url).toContain('X-Amz-Expires=604800');
  });

  it.each([['short', 'abc'], ['upper-case hex', 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855'], ['a line break', 'UNSIGNED-PAYLOAD\nx'], ['a number', 5]])(
    'payloadHash %s → ERR_SIGV4_INVALID_PAYLOAD_HASH',
    (_name, payloadHash) => {
      expectError(() => signRequest(request, { ...base, payloadHash: payloadHash as never }), 'ERR_SIGV4_INVALID_PAYLOAD_HASH');
    },
  );

  it('rejects an x-amz-content-sha256 header that is not a hash, or disagrees with payloadHash', () => {
    expectError(() => signRequest({ ...request, headers: { 'x-amz-content-sha256': 'nope' } }, base), 'ERR_SIGV4_INVALID_PAYLOAD_HASH');
    expectError(() => signRequest({ ...request, headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }, { ...base, payloadHash: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER' }), 'ERR_SIGV4_INVALID_PAYLOAD_HASH');
  });

  it.each([['a stream-like object', { pipe: () => undefined }], ['a number', 42], ['a boolean', true]])('body %s → ERR_SIGV4_INVALID_BODY, naming payloadHash as the fix', (_name, body) => {
    const error = expectError(() => signRequest({ ...request, body: body as never }, base), 'ERR_SIGV4_INVALID_BODY');
    expect(error.message).toContain('payloadHash');
  });

  it('rejects malformed options', () => {
    expectError(() => signRequest(request, null as never), 'ERR_SIGV4_INVALID_OPTIONS');
    expectError(() => signRequest(null as never, base), 'ERR_SIGV4_INVALID_OPTIONS');
    expectError(() => signRequest(request, { ...base, normalizePath: 'no' as never }), 'ERR_SIGV4_INVALID_OPTIONS');
    expectError(() => signRequest(request, { ...base, unsignableHeaders: 'user-agent' as never }), 'ERR_SIGV4_INVALID_OPTIONS');
    expectError(() => signRequest(request, { ...base, signableHeaders: ['bad name'] }), 'ERR_SIGV4_INVALID_OPTIONS');
    expectError(() => createSigner({ region: 'us-east-1', service: 'sts' } as never), 'ERR_SIGV4_INVALID_OPTIONS');
    expectError(() => createSigner({ region: 'us-east-1', service: 'sts', credentials, provider: () => Promise.resolve(credentials) } as never), 'ERR_SIGV4_INVALID_OPTIONS');
    expectError(() => createSigner({ region: 'us-east-1', service: 'sts', provider: 'env' } as never), 'ERR_SIGV4_INVALID_OPTIONS');
    expectError(() => createSigner({ region: 'us-east-1', service: 'sts', credentials, now: 5 } as never), 'ERR_SIGV4_INVALID_OPTIONS');
    expectError(() => createSigner(undefined as never), 'ERR_SIGV4_INVALID_OPTIONS');
  });
});
