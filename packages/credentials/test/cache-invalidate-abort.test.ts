import { describe, expect, it } from 'vitest';
import { IamkitError, cached, isIamkitError, maskAccessKeyId } from '../src/index.js';
import { controlledSource, flush, isSettled } from './helpers/controlled-source.js';
import { HOUR, MINUTE, temporaryCredentials } from './helpers/credentials.js';
import { fakeClock } from './helpers/fake-clock.js';
import { primedCache } from './helpers/primed-cache.js';

describe('cached: invalidate', () => {
  it('drops the entry when it still holds the rejected access key, so the next call fetches', async () => {
    const { clock, source, provider, creds } = await primedCache();
    expect(provider.invalidate(creds.accessKeyId)).toBe(true);
    expect(provider.peek()).toBeUndefined();
    const next = provider();
    await flush();
    expect(source.calls).toBe(2);
    const fresh = temporaryCredentials(clock.now(), HOUR);
    await source.resolve(fresh);
    expect(await next).toBe(fresh);
    expect(provider.stats().invalidations).toBe(1);
  });

  it('ignores a late auth failure of credentials that were already replaced', async () => {
    const { clock, source, provider, creds: old } = await primedCache();
    const forced = provider({ forceRefresh: true });
    await flush();
    const fresh = temporaryCredentials(clock.now(), HOUR);
    await source.resolve(fresh);
    await forced;
    // A connection that authenticated with the old key fails now: the newer key must survive.
    expect(provider.invalidate(old.accessKeyId)).toBe(false);
    expect(await provider()).toBe(fresh);
    expect(source.calls).toBe(2);
    expect(provider.stats().invalidations).toBe(0);
  });

  it('drops whatever is cached without an argument, and reports when there was nothing', async () => {
    const { provider } = await primedCache();
    expect(provider.invalidate()).toBe(true);
    expect(provider.invalidate()).toBe(false);
    expect(provider.invalidate('ASIANOTHINGCACHED001')).toBe(false);
  });

  it('keeps a backoff in force across an invalidation', async () => {
    const { clock, source, provider, creds } = await primedCache();
    const forced = provider({ forceRefresh: true }).catch((e: unknown) => e);
    await flush();
    await source.reject(new IamkitError({ code: 'ERR_CREDENTIALS_THROTTLED', source: 'test', retryable: true, retryAfterMs: 10_000, message: 'slow down' }));
    expect(await forced).toMatchObject({ code: 'ERR_CREDENTIALS_THROTTLED' });
    provider.invalidate(creds.accessKeyId);
    await expect(provider()).rejects.toMatchObject({ code: 'ERR_CREDENTIALS_THROTTLED' });
    expect(source.calls).toBe(2);
    clock.advance(10_000);
    const next = provider();
    await flush();
    expect(source.calls).toBe(3);
    await source.resolve(temporaryCredentials(clock.now(), HOUR));
    await next;
  });

  it('lets a refresh that was already in flight fill the cache after an invalidation', async () => {
    const { clock, source, provider, creds } = await primedCache();
    clock.advance(HOUR - 5 * MINUTE);
    const waiting = provider();
    await flush();
    provider.invalidate(creds.accessKeyId);
    const joined = provider();
    await flush();
    expect(source.calls).toBe(2);
    const fresh = temporaryCredentials(clock.now(), HOUR);
    await source.resolve(fresh);
    expect(await waiting).toBe(fresh);
    expect(await joined).toBe(fresh);
    expect(provider.peek()?.credentials.accessKeyId).toBe(maskAccessKeyId(fresh.accessKeyId));
  });
});

describe('cached: forceRefresh during a backoff', () => {
  it('fails fast with the last error instead of contacting a failing source again', async () => {
    const { source, provider } = await primedCache();
    const forced = provider({ forceRefresh: true }).catch((e: unknown) => e);
    await flush();
    await source.reject(new IamkitError({ code: 'ERR_HTTP_TIMEOUT', source: 'test', retryable: true, message: 'timed out' }));
    const first = await forced;
    await expect(provider({ forceRefresh: true })).rejects.toBe(first);
    expect(source.calls).toBe(2);
  });
});

describe('cached: abort', () => {
  it('lets one caller stop waiting while the shared fetch goes on for the others', async () => {
    const clock = fakeClock();
    const source = controlledSource();
    const provider = cached(source.provider, { now: clock.now, name: 'shared' });
    const controller = new AbortController();
    const impatient = provider({ signal: controller.signal }).catch((e: unknown) => e);
    const patient = provider();
    await flush();
    controller.abort(new Error('client went away'));
    const error = await impatient;
    expect(isIamkitError(error, 'ERR_ABORTED')).toBe(true);
    expect((error as Error).message).toBe("shared: waiting for credentials was abandoned because the caller's AbortSignal fired.");
    expect((error as IamkitError).cause).toEqual(new Error('client went away'));
    expect(await isSettled(patient)).toBe(false);
    const creds = temporaryCredentials(clock.now(), HOUR);
    await source.resolve(creds);
    expect(await patient).toBe(creds);
    expect(source.calls).toBe(1);
  });

  it('rejects at once, without a fetch, for a signal that has already fired', async () => {
    const source = controlledSource();
    const provider = cached(source.provider);
    await expect(provider({ signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    expect(source.calls).toBe(0);
  });

  it('answers a caller with a live signal from the cache like any other', async () => {
    const { source, provider, creds } = await primedCache();
    expect(await provider({ signal: new AbortController().signal })).toBe(creds);
    expect(source.calls).toBe(1);
  });

  it('abandons a forced wait too', async () => {
    const { clock, source, provider } = await primedCache();
    const controller = new AbortController();
    const forced = provider({ forceRefresh: true, signal: controller.signal }).catch((e: unknown) => e);
    await flush();
    controller.abort();
    expect(await forced).toMatchObject({ code: 'ERR_ABORTED' });
    await source.resolve(temporaryCredentials(clock.now(), HOUR));
  });
});
