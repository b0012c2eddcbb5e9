import { cached, IamkitError, isIamkitError } from '@iamkit/credentials';
import { fromEnv } from '@iamkit/credential-env';
import { describe, expect, it } from 'vitest';
import { createMongoAwsProvider, mongoAwsOptions, type MongoAwsProviderOptions } from '../src/index.js';
import { fakeClock } from './helpers/fake-clock.js';
import { flush, heldSource, K1, K2, scriptedSource } from './helpers/sources.js';

const MIN = 60_000;

describe('createMongoAwsProvider: the MONGODB-AWS caching rules on the shared cache', () => {
  it('answers 100 concurrent handshakes with one fetch from the source', async () => {
    const source = heldSource();
    const provider = createMongoAwsProvider({ provider: source.provider });
    const calls = Array.from({ length: 100 }, () => provider());
    await flush();
    expect(source.calls).toBe(1);
    source.resolve(K1);
    const results = await Promise.all(calls);
    expect(new Set(results.map((c) => c.accessKeyId))).toEqual(new Set([K1.accessKeyId]));
    expect(source.calls).toBe(1);
    expect(provider.stats()).toMatchObject({ handouts: 100, failedHandouts: 0, cache: { fetches: 1, successes: 1 } });
    expect(provider.stats().lastHandout?.credentials).toMatchObject({ accessKeyId: 'ASIA…PLE1', source: 'container', sessionToken: '[redacted]' });
  });

  it('never hands out credentials within 5 minutes of expiry: the caller waits for fresh ones', async () => {
    const clock = fakeClock();
    const source = scriptedSource([
      { ...K1, expiration: new Date(clock.now() + 30 * MIN) },
      { ...K2, expiration: new Date(clock.now() + 90 * MIN) },
    ]);
    const provider = createMongoAwsProvider({ provider: source.provider, now: clock.now });
    expect((await provider()).accessKeyId).toBe(K1.accessKeyId);
    clock.advance(25 * MIN + 1); // 4m59s left
    expect((await provider()).accessKeyId).toBe(K2.accessKeyId);
    expect(source.calls).toBe(2);
  });

  it('refuses credentials that arrive inside the window instead of handing them to the driver', async () => {
    const clock = fakeClock();
    const source = scriptedSource([{ ...K1, expiration: new Date(clock.now() + 4 * MIN) }]);
    const provider = createMongoAwsProvider({ provider: source.provider, now: clock.now });
    const error = await provider().catch((e: unknown) => e);
    expect(isIamkitError(error, 'ERR_CREDENTIALS_EXPIRED')).toBe(true);
    expect(provider.stats()).toMatchObject({ handouts: 0, failedHandouts: 1 });
  });

  it('refreshes once in the background ahead of expiry while callers keep getting the current credentials', async () => {
    const clock = fakeClock();
    const source = heldSource();
    // random 0: the refresh moment is the start of the advisory window (15 min for 1-hour credentials).
    const provider = createMongoAwsProvider({ provider: source.provider, now: clock.now, random: () => 0 });
    const first = provider();
    await flush();
    source.resolve({ ...K1, expiration: new Date(clock.now() + 60 * MIN) });
    expect((await first).accessKeyId).toBe(K1.accessKeyId);
    clock.advance(41 * MIN); // past 60 − 5 − 15 = 40 min
    const during = await Promise.all([provider(), provider(), provider()]);
    expect(during.map((c) => c.accessKeyId)).toEqual([K1.accessKeyId, K1.accessKeyId, K1.accessKeyId]);
    expect(source.calls).toBe(2);
    source.resolve({ ...K2, expiration: new Date(clock.now() + 60 * MIN) });
    await flush();
    expect((await provider()).accessKeyId).toBe(K2.accessKeyId);
    expect(source.calls).toBe(2);
  });

  it('reads environment credentials at every authentication and never stores them', async () => {
    const env: Record<string, string> = { AWS_ACCESS_KEY_ID: K1.accessKeyId, AWS_SECRET_ACCESS_KEY: K1.secretAccessKey };
    const provider = createMongoAwsProvider({ provider: fromEnv({ env }) });
    expect((await provider()).accessKeyId).toBe(K1.accessKeyId);
    env.AWS_ACCESS_KEY_ID = K2.accessKeyId;
    env.AWS_SECRET_ACCESS_KEY = K2.secretAccessKey;
    expect((await provider()).accessKeyId).toBe(K2.accessKeyId);
    expect(provider.peek()).toBeUndefined();
    expect(provider.stats().cache).toMatchObject({ fetches: 2, entry: undefined });
  });

  it('shares an already cached provider as is, so an invalidation reaches everyone that uses it', async () => {
    const source = scriptedSource([K1, K2]);
    const shared = cached(source.provider);
    const forMongo = createMongoAwsProvider({ provider: shared });
    expect(forMongo.cache).toBe(shared);
    await shared(); // e.g. an AWS SDK client using the same cache
    expect((await forMongo()).accessKeyId).toBe(K1.accessKeyId);
    expect(source.calls).toBe(1);
    expect(forMongo.invalidate(K1.accessKeyId)).toBe(true);
    expect(shared.peek()).toBeUndefined();
    expect((await shared()).accessKeyId).toBe(K2.accessKeyId);
    // A provider made from another MongoAwsProvider shares the same cache too.
    expect(createMongoAwsProvider({ provider: forMongo }).cache).toBe(shared);
  });

  it('invalidate(accessKeyId) drops only credentials that still have that key', async () => {
    const source = scriptedSource([K1, K2]);
    const provider = createMongoAwsProvider({ provider: source.provider });
    await provider();
    expect(provider.invalidate(K1.accessKeyId)).toBe(true);
    await provider();
    expect(provider.invalidate(K1.accessKeyId)).toBe(false);
    expect(provider.peek()?.credentials.accessKeyId).toBe('ASIA…MPL2');
    expect(provider.invalidate()).toBe(true);
    expect(provider.peek()).toBeUndefined();
  });

  it('passes a source failure through unchanged and counts it', async () => {
    const throttled = new IamkitError({ code: 'ERR_CREDENTIALS_THROTTLED', source: 'container', retryable: true, message: 'container: throttled (HTTP 429)' });
    const provider = createMongoAwsProvider({ provider: () => Promise.reject(throttled) });
    await expect(provider()).rejects.toBe(throttled);
    expect(provider.stats()).toMatchObject({ handouts: 0, failedHandouts: 1, lastHandout: undefined });
  });

  it('refuses options it cannot use, naming the fix', () => {
    const cases: [unknown, RegExp][] = [
      [null, /options must be an object \(or nothing, for the default chain\)/],
      [{ provider: 'fromEnv' }, /provider option is string; pass a credential provider function, .* or leave it out for the default chain/],
      [{ provider: cached(async () => K1), mandatoryWindowMs: 60_000 }, /mandatoryWindowMs configure the cache .* already cached .* Pass mandatoryWindowMs to cached\(\)/],
      [{ provider: async () => K1, now: 5 }, /now must be a clock function/],
    ];
    for (const [options, message] of cases) {
      let error: unknown;
      try {
        createMongoAwsProvider(options as MongoAwsProviderOptions);
      } catch (e) {
        error = e;
      }
      expect(isIamkitError(error, 'ERR_MONGODB_AWS_INVALID_OPTIONS'), String(message)).toBe(true);
      expect((error as Error).message).toMatch(message);
    }
    // The cache's own checks still apply to the cache it builds.
    expect(() => createMongoAwsProvider({ provider: async () => K1, mandatoryWindowMs: -1 })).toThrow(/mandatoryWindowMs/);
  });
});

describe('mongoAwsOptions', () => {
  it('returns the MongoClient options for MONGODB-AWS with the provider', () => {
    const provider = createMongoAwsProvider({ provider: async () => K1 });
    const options = mongoAwsOptions(provider);
    expect(options).toEqual({ authMechanism: 'MONGODB-AWS', authSource: '$external', authMechanismProperties: { AWS_CREDENTIAL_PROVIDER: provider } });
  });

  it('makes the provider from options', async () => {
    const options = mongoAwsOptions({ provider: async () => K1 });
    const provider = options.authMechanismProperties.AWS_CREDENTIAL_PROVIDER;
    expect(typeof provider.attach).toBe('function');
    expect((await provider()).accessKeyId).toBe(K1.accessKeyId);
  });

  it('refuses a bare provider function, which could not be attached', () => {
    expect(() => mongoAwsOptions((async () => K1) as never)).toThrow(expect.objectContaining({ code: 'ERR_MONGODB_AWS_INVALID_OPTIONS', message: expect.stringMatching(/createMongoAwsProvider\(\{ provider: yourProvider \}\)/) }));
  });
});
