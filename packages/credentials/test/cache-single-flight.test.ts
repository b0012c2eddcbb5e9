import { describe, expect, it } from 'vitest';
import { cached, createCredentials, credentialSource, isIamkitError } from '../src/index.js';
import { controlledSource, flush, isSettled, later } from './helpers/controlled-source.js';
import { HOUR, longTermCredentials, secretsFor, temporaryCredentials } from './helpers/credentials.js';
import { fakeClock } from './helpers/fake-clock.js';

describe('cached: single flight', () => {
  it('makes 1,000 concurrent callers share one fetch and hands all of them the same frozen credentials', async () => {
    const clock = fakeClock();
    const source = controlledSource();
    const provider = cached(source.provider, { now: clock.now, random: () => 0.5 });
    const callers = Array.from({ length: 1000 }, () => provider());
    await flush();
    expect(source.calls).toBe(1);
    const creds = temporaryCredentials(clock.now(), HOUR);
    await source.resolve(creds);
    const results = await Promise.all(callers);
    expect(new Set(results).size).toBe(1);
    expect(results[0]).toBe(creds);
    expect(Object.isFrozen(results[0])).toBe(true);
    expect(source.calls).toBe(1);
    expect(provider.stats()).toMatchObject({ fetches: 1, successes: 1, failures: 0, inFlight: false });
  });

  it('answers later calls from the cache without contacting the source', async () => {
    const clock = fakeClock();
    let calls = 0;
    const provider = cached(
      () => later(() => {
        calls += 1;
        return temporaryCredentials(clock.now(), HOUR);
      }),
      { now: clock.now, random: () => 0 },
    );
    const first = await provider();
    for (let i = 0; i < 100; i += 1) {
      clock.advance(20_000);
      expect(await provider()).toBe(first);
    }
    expect(calls).toBe(1);
  });

  it('shares one fetch among concurrent forceRefresh callers and stores its result', async () => {
    const clock = fakeClock();
    const source = controlledSource();
    const provider = cached(source.provider, { now: clock.now });
    const initial = provider();
    await source.resolve(temporaryCredentials(clock.now(), HOUR));
    const old = await initial;

    const forced = Array.from({ length: 50 }, () => provider({ forceRefresh: true }));
    await flush();
    expect(source.calls).toBe(2);
    expect(source.lastOptions).toEqual({ forceRefresh: true });
    const fresh = temporaryCredentials(clock.now(), HOUR);
    await source.resolve(fresh);
    for (const result of await Promise.all(forced)) expect(result).toBe(fresh);
    expect(fresh).not.toBe(old);
    expect(await provider()).toBe(fresh);
    expect(source.calls).toBe(2);
  });

  it('lets forced callers join a fetch already in flight instead of starting another', async () => {
    const clock = fakeClock();
    const source = controlledSource();
    const provider = cached(source.provider, { now: clock.now });
    const plain = provider();
    const forced = provider({ forceRefresh: true });
    await flush();
    expect(source.calls).toBe(1);
    const creds = temporaryCredentials(clock.now(), HOUR);
    await source.resolve(creds);
    expect(await plain).toBe(creds);
    expect(await forced).toBe(creds);
  });

  it('turns a provider that throws synchronously into a rejection', async () => {
    const provider = cached(() => {
      throw new Error('sync boom');
    });
    const error: unknown = await provider().catch((e: unknown) => e);
    expect(isIamkitError(error, 'ERR_CREDENTIALS_SOURCE_FAILED')).toBe(true);
    expect((error as Error).message).toContain('sync boom');
  });

  it('rebuilds plain credential objects from hand-written providers into frozen, redacting ones', async () => {
    const clock = fakeClock();
    const { secretAccessKey, sessionToken } = secretsFor('ASIAPLAINOBJECT00001');
    const expiration = new Date(clock.now() + HOUR);
    const provider = cached(() => Promise.resolve({ accessKeyId: 'ASIAPLAINOBJECT00001', secretAccessKey, sessionToken, expiration }), {
      now: clock.now,
      name: 'custom',
    });
    const creds = await provider();
    expect(Object.isFrozen(creds)).toBe(true);
    expect(credentialSource(creds)).toBe('custom');
    expect({ ...creds }).toEqual({ accessKeyId: 'ASIAPLAINOBJECT00001', secretAccessKey, sessionToken, expiration });
    expect(JSON.stringify(creds)).not.toContain(secretAccessKey);
  });

  it('rejects what is not credentials with ERR_CREDENTIALS_INVALID', async () => {
    for (const bad of [undefined, null, 'AKID', { accessKeyId: 'AKID' }, { accessKeyId: 'AK ID', secretAccessKey: 'x' }]) {
      const provider = cached(() => Promise.resolve(bad as never), { name: 'broken' });
      const error: unknown = await provider().catch((e: unknown) => e);
      expect(isIamkitError(error, 'ERR_CREDENTIALS_INVALID'), JSON.stringify(bad)).toBe(true);
      expect((error as Error).message).toMatch(/^broken: /);
    }
  });

  it('keeps credentials without an expiration until they are invalidated', async () => {
    const clock = fakeClock();
    let calls = 0;
    const provider = cached(
      () => later(() => {
        calls += 1;
        return longTermCredentials();
      }),
      { now: clock.now },
    );
    const first = await provider();
    clock.advance(10 * 365 * 24 * HOUR);
    expect(await provider()).toBe(first);
    expect(calls).toBe(1);
    expect(provider.peek()).toMatchObject({ state: 'fresh' });
    expect(provider.peek()?.expiration).toBeUndefined();
    expect(provider.invalidate()).toBe(true);
    const second = await provider();
    expect(second).not.toBe(first);
    expect(calls).toBe(2);
  });

  it('never stores environment credentials but still shares one fetch among concurrent callers', async () => {
    const clock = fakeClock();
    const source = controlledSource();
    const provider = cached(source.provider, { now: clock.now });
    const envCreds = createCredentials({ accessKeyId: 'AKIAENVIRONMENT00001', secretAccessKey: secretsFor('env').secretAccessKey }, 'env');
    const burst = [provider(), provider(), provider()];
    await flush();
    expect(source.calls).toBe(1);
    await source.resolve(envCreds);
    for (const result of await Promise.all(burst)) expect(result).toBe(envCreds);
    expect(provider.peek()).toBeUndefined();

    const next = provider();
    await flush();
    expect(source.calls).toBe(2);
    await source.resolve(envCreds);
    expect(await next).toBe(envCreds);
    expect(provider.stats()).toMatchObject({ fetches: 2, successes: 2, entry: undefined });
  });

  it('caches environment credentials too when uncachedSources is emptied', async () => {
    let calls = 0;
    const provider = cached(
      () => later(() => {
        calls += 1;
        return createCredentials({ accessKeyId: 'AKIAENVIRONMENT00002', secretAccessKey: 's3cr3t-value' }, 'env');
      }),
      { uncachedSources: [] },
    );
    await provider();
    await provider();
    expect(calls).toBe(1);
  });

  it('refuses a provider that is not a function and options it cannot use', () => {
    expect(() => cached('nope' as never)).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }));
    expect(() => cached(() => Promise.resolve(longTermCredentials()), { mandatoryWindowMs: -1 })).toThrow(/mandatoryWindowMs/);
    expect(() => cached(() => Promise.resolve(longTermCredentials()), { refreshJitter: 2 })).toThrow(/refreshJitter/);
    expect(() => cached(() => Promise.resolve(longTermCredentials()), { staticStability: { maxStaleMs: Number.NaN } })).toThrow(/maxStaleMs/);
  });

  it('does not resolve callers before the source answers', async () => {
    const source = controlledSource();
    const provider = cached(source.provider);
    const waiting = provider();
    expect(await isSettled(waiting)).toBe(false);
    await source.resolve(longTermCredentials());
    expect(await isSettled(waiting)).toBe(true);
  });
});
