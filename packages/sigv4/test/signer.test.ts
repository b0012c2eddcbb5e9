import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createSigner, presignRequest, SIGNING_KEY_CACHE_SIZE, signRequest, SigV4Error, verifySignature } from '../src/index.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ+SESSIONTOKEN==';
const credentials = Object.freeze({ accessKeyId: 'ASIAEXAMPLEKEY123456', secretAccessKey: SECRET, sessionToken: TOKEN });
const T0 = Date.parse('2025-12-15T12:34:56Z');
const request = {
  method: 'POST',
  url: 'https://sts.amazonaws.com/',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', Host: 'sts.amazonaws.com' },
  body: 'Action=GetCallerIdentity&Version=2011-06-15',
};

function cachedKeys(signer: object): number {
  return (signer as { cachedSigningKeys: number }).cachedSigningKeys;
}

function expectNoSecrets(text: string): void {
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain(encodeURIComponent(TOKEN));
}

describe('createSigner with fixed credentials', () => {
  it('signs synchronously, exactly as signRequest and presignRequest do', () => {
    const signer = createSigner({ region: 'us-east-1', service: 'sts', credentials, now: () => T0 });
    const options = { credentials, region: 'us-east-1', service: 'sts', date: T0 };
    expect(signer.sign(request)).toEqual(signRequest(request, options));
    expect(signer.presign(request)).toEqual(presignRequest(request, options));
    expect(signer.region).toBe('us-east-1');
    expect(signer.service).toBe('sts');
  });

  it('applies per-call overrides like the stateless functions', () => {
    const signer = createSigner({ region: 'us-east-1', service: 'sts', credentials, now: () => T0, normalizePath: false });
    const other = { accessKeyId: 'AKIDOTHER', secretAccessKey: 'other-secret' };
    const overrides = { region: 'eu-west-1', service: 's3', date: '2024-02-29T23:59:59Z', credentials: other, doubleEncodePath: false, expiresIn: 60 };
    const url = { ...request, url: 'https://b.s3.amazonaws.com/a%20b/../c' };
    const expected = { ...overrides, normalizePath: false };
    expect(signer.sign(url, overrides).signature).toBe(signRequest(url, expected).signature);
    expect(signer.presign(url, overrides).signature).toBe(presignRequest(url, expected).signature);
    // The defaults are untouched by an override.
    expect(signer.sign(url).credentialScope).toBe('20251215/us-east-1/sts/aws4_request');
  });

  it('reads the clock for every signature, and re-formats only when the second changes', () => {
    let now = T0;
    const signer = createSigner({ region: 'us-east-1', service: 'sts', credentials, now: () => now });
    expect(signer.sign(request).amzDate).toBe('20251215T123456Z');
    now += 999 - (T0 % 1000);
    expect(signer.sign(request).amzDate).toBe('20251215T123456Z');
    now += 1;
    expect(signer.sign(request).amzDate).toBe('20251215T123457Z');
    now = Date.parse('2025-12-16T00:00:00Z');
    const nextDay = signer.sign(request);
    expect(nextDay.credentialScope).toBe('20251216/us-east-1/sts/aws4_request');
    expect(nextDay.signature).toBe(signRequest(request, { credentials, region: 'us-east-1', service: 'sts', date: now }).signature);
  });

  it('keeps at most SIGNING_KEY_CACHE_SIZE derived keys, FIFO, and stays correct after eviction', () => {
    const signer = createSigner({ region: 'us-east-1', service: 'sts', credentials, now: () => T0 });
    const day = 86_400_000;
    for (let i = 0; i < SIGNING_KEY_CACHE_SIZE + 20; i++) signer.sign(request, { date: T0 + i * day });
    expect(cachedKeys(signer)).toBe(SIGNING_KEY_CACHE_SIZE);
    for (const i of [0, 5, SIGNING_KEY_CACHE_SIZE + 19]) {
      const date = T0 + i * day;
      expect(signer.sign(request, { date }).signature).toBe(signRequest(request, { credentials, region: 'us-east-1', service: 'sts', date }).signature);
    }
  });

  it('keys the cache by secret: two secrets never share a signing key', () => {
    const signer = createSigner({ region: 'us-east-1', service: 'sts', credentials, now: () => T0 });
    const other = { ...credentials, secretAccessKey: `${SECRET}x` };
    const a = signer.sign(request).signature;
    const b = signer.sign(request, { credentials: other }).signature;
    expect(b).not.toBe(a);
    expect(b).toBe(signRequest(request, { credentials: other, region: 'us-east-1', service: 'sts', date: T0 }).signature);
    expect(signer.sign(request).signature).toBe(a);
    expect(cachedKeys(signer)).toBe(2);
  });

  it('keeps its own copy of the credentials', () => {
    const mutable = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET };
    const signer = createSigner({ region: 'us-east-1', service: 'sts', credentials: mutable, now: () => T0 });
    const before = signer.sign(request).signature;
    mutable.secretAccessKey = 'changed';
    expect(signer.sign(request).signature).toBe(before);
  });

  it('two instances share nothing', () => {
    const a = createSigner({ region: 'us-east-1', service: 'sts', credentials, now: () => T0 });
    const b = createSigner({ region: 'us-east-1', service: 'sts', credentials: { accessKeyId: 'AKIDB', secretAccessKey: 'b' }, now: () => T0 });
    a.sign(request);
    expect(cachedKeys(b)).toBe(0);
    expect(b.sign(request).signature).toBe(signRequest(request, { credentials: { accessKeyId: 'AKIDB', secretAccessKey: 'b' }, region: 'us-east-1', service: 'sts', date: T0 }).signature);
  });

  it('hashes string bodies correctly through its cache, short and long', () => {
    const signer = createSigner({ region: 'us-east-1', service: 'sts', credentials, now: () => T0 });
    for (const body of ['a', 'b', 'a', 'x'.repeat(5000), 'x'.repeat(5000), ...Array.from({ length: 40 }, (_, i) => `body-${i}`)]) {
      const expected = signRequest({ ...request, body }, { credentials, region: 'us-east-1', service: 'sts', date: T0 });
      expect(signer.sign({ ...request, body }).payloadHash).toBe(expected.payloadHash);
    }
  });

  it('re-reads a URL object on every call (URL objects are mutable)', () => {
    const signer = createSigner({ region: 'us-east-1', service: 'sts', credentials, now: () => T0 });
    const url = new URL('https://sts.amazonaws.com/a');
    expect(signer.sign({ method: 'GET', url }).canonicalRequest.split('\n')[1]).toBe('/a');
    url.pathname = '/b';
    expect(signer.sign({ method: 'GET', url }).canonicalRequest.split('\n')[1]).toBe('/b');
    expect(signer.sign({ method: 'GET', url: 'https://sts.amazonaws.com/x/../y' }, { normalizePath: false }).canonicalRequest.split('\n')[1]).toBe('/x/../y');
    expect(signer.sign({ method: 'GET', url: 'https://sts.amazonaws.com/x/../y' }).canonicalRequest.split('\n')[1]).toBe('/y');
  });
});

describe('createSigner with a provider', () => {
  it('asks the provider before each signature and returns promises', async () => {
    let calls = 0;
    const signer = createSigner({
      region: 'us-east-1',
      service: 'sts',
      now: () => T0,
      provider: () => {
        calls++;
        return Promise.resolve(credentials);
      },
    });
    const signed = await signer.sign(request);
    const presigned = await signer.presign(request);
    expect(calls).toBe(2);
    expect(signed.signature).toBe(signRequest(request, { credentials, region: 'us-east-1', service: 'sts', date: T0 }).signature);
    expect(presigned.signature).toBe(presignRequest(request, { credentials, region: 'us-east-1', service: 'sts', date: T0 }).signature);
  });

  it('follows credentials that change, whether frozen (rotated) or mutated in place', async () => {
    let current: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = { accessKeyId: 'AKID1', secretAccessKey: 'one' };
    const signer = createSigner({ region: 'us-east-1', service: 'sts', now: () => T0, provider: () => Promise.resolve(current) });
    const expected = () => signRequest(request, { credentials: current, region: 'us-east-1', service: 'sts', date: T0 }).signature;
    expect((await signer.sign(request)).signature).toBe(expected());
    current.secretAccessKey = 'two';
    expect((await signer.sign(request)).signature).toBe(expected());
    current = Object.freeze({ accessKeyId: 'AKID3', secretAccessKey: 'three', sessionToken: TOKEN });
    expect((await signer.sign(request)).signature).toBe(expected());
    expect((await signer.sign(request)).signature).toBe(expected());
  });

  it('does not trust a frozen object whose fields are getters', async () => {
    let secret = 'first';
    const rotating = Object.freeze({
      accessKeyId: 'AKIDROTATING',
      get secretAccessKey() {
        return secret;
      },
    });
    const signer = createSigner({ region: 'us-east-1', service: 'sts', now: () => T0, provider: () => Promise.resolve(rotating) });
    const first = (await signer.sign(request)).signature;
    secret = 'second';
    const second = (await signer.sign(request)).signature;
    expect(second).not.toBe(first);
    expect(second).toBe(signRequest(request, { credentials: { accessKeyId: 'AKIDROTATING', secretAccessKey: 'second' }, region: 'us-east-1', service: 'sts', date: T0 }).signature);
  });

  it('passes iamkit errors through untouched and wraps anything else', async () => {
    const branded = Object.defineProperty(new Error('throttled'), Symbol.for('iamkit.error'), { value: true });
    Object.assign(branded, { code: 'ERR_CREDENTIALS_THROTTLED' });
    const failing = createSigner({ region: 'us-east-1', service: 'sts', provider: () => Promise.reject(branded) });
    await expect(failing.sign(request)).rejects.toBe(branded);

    const plain = new Error(`boom with ${SECRET}`);
    const wrapping = createSigner({ region: 'us-east-1', service: 'sts', provider: () => Promise.reject(plain) });
    const error = await wrapping.sign(request).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SigV4Error);
    expect((error as SigV4Error).code).toBe('ERR_SIGV4_PROVIDER_FAILED');
    expect((error as SigV4Error).cause).toBe(plain);
    expect((error as SigV4Error).message).not.toContain(SECRET);
  });

  it('rejects (never throws synchronously) on bad provider output or bad input', async () => {
    const signer = createSigner({ region: 'us-east-1', service: 'sts', provider: () => Promise.resolve({ accessKeyId: 'AKID', secretAccessKey: '' }) });
    await expect(signer.sign(request)).rejects.toMatchObject({ code: 'ERR_SIGV4_INVALID_CREDENTIALS' });
    const ok = createSigner({ region: 'us-east-1', service: 'sts', provider: () => Promise.resolve(credentials) });
    await expect(ok.sign({ method: 'GET', url: '/relative' })).rejects.toMatchObject({ code: 'ERR_SIGV4_INVALID_URL' });
  });
});

describe('no secret in inspect or JSON output', () => {
  it('a signer shows the masked key id only', async () => {
    const signer = createSigner({ region: 'us-east-1', service: 'sts', credentials, now: () => T0 });
    signer.sign(request);
    for (const text of [inspect(signer), inspect(signer, { showHidden: true, depth: 10 }), JSON.stringify(signer), String(Object.keys(signer))]) expectNoSecrets(text);
    expect(JSON.parse(JSON.stringify(signer))).toEqual({
      region: 'us-east-1',
      service: 'sts',
      credentials: { accessKeyId: 'ASIA…3456', secretAccessKey: '[redacted]', sessionToken: '[redacted]' },
    });
    const withProvider = createSigner({ region: 'us-east-1', service: 'sts', provider: () => Promise.resolve(credentials) });
    await withProvider.sign(request);
    expectNoSecrets(inspect(withProvider, { showHidden: true }));
    expect(JSON.parse(JSON.stringify(withProvider)).credentials).toBe('[provider]');
  });

  it('results carry the token where it must go, and hide it from inspect and JSON', () => {
    const signer = createSigner({ region: 'us-east-1', service: 'sts', credentials, now: () => T0 });
    const signed = signer.sign(request);
    const presigned = signer.presign(request);
    expect(signed.headers['x-amz-security-token']).toBe(TOKEN);
    expect(signed.canonicalRequest).toContain(TOKEN);
    expect(new URL(presigned.url).searchParams.get('X-Amz-Security-Token')).toBe(TOKEN);
    for (const result of [signed, presigned]) {
      for (const text of [inspect(result), inspect(result, { depth: 10, showHidden: true }), JSON.stringify(result), inspect(result.headers), JSON.stringify(result.headers)]) {
        expectNoSecrets(text);
      }
      expect(JSON.stringify(result)).toContain('[redacted]');
      expect(JSON.stringify(result)).toContain(result.signature);
    }
    const legacy = signer.sign(request, { omitSessionTokenFromSignature: true });
    expect(legacy.headers['x-amz-security-token']).toBe(TOKEN);
    expectNoSecrets(inspect(legacy));
  });

  it('JSON and inspect show a body by its size, and no body when the request has none', () => {
    const options = { credentials, region: 'us-east-1', service: 'sts', date: T0 };
    const bodiless = { method: 'GET', url: 'https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15' };
    for (const result of [signRequest(bodiless, options), presignRequest(bodiless, options)]) {
      expect(JSON.parse(JSON.stringify(result))).not.toHaveProperty('body');
      expect(inspect(result)).not.toContain('body');
    }
    expect(JSON.parse(JSON.stringify(signRequest({ ...bodiless, method: 'POST', body: 'abc' }, options))).body).toBe('[3 characters]');
    expect(JSON.parse(JSON.stringify(signRequest({ ...bodiless, method: 'POST', body: new Uint8Array([1, 2]) }, options))).body).toBe('[bytes]');
  });

  it('the secret appears in no result field at all', () => {
    const signed = signRequest(request, { credentials, region: 'us-east-1', service: 'sts', date: T0 });
    const presigned = presignRequest(request, { credentials, region: 'us-east-1', service: 'sts', date: T0 });
    for (const result of [signed, presigned]) {
      const all = JSON.stringify({ ...result, headers: { ...result.headers } });
      expect(all).not.toContain(SECRET);
    }
  });

  it('verification results hide the token too', () => {
    const signed = signRequest(request, { credentials, region: 'us-east-1', service: 'sts', date: T0 });
    const verified = verifySignature({ ...request, headers: signed.headers }, { credentials, now: T0 });
    expect(verified.valid).toBe(true);
    expect(verified.valid && verified.sessionToken).toBe(TOKEN);
    expectNoSecrets(inspect(verified, { showHidden: false }));
    expectNoSecrets(JSON.stringify(verified));
    const failed = verifySignature({ ...request, headers: signed.headers }, { credentials: { ...credentials, secretAccessKey: 'wrong' }, now: T0 });
    expect(failed.valid).toBe(false);
    expectNoSecrets(JSON.stringify(failed));
    expectNoSecrets(inspect(failed));
  });
});
