import { describe, expect, it } from 'vitest';
import { IamkitError, STALE_CHANNEL } from '../src/index.js';
import { flush } from './helpers/controlled-source.js';
import { HOUR, MINUTE, temporaryCredentials } from './helpers/credentials.js';
import { recordEvents } from './helpers/events.js';
import { primedCache } from './helpers/primed-cache.js';

const down = (): IamkitError => new IamkitError({ code: 'ERR_HTTP_CONNECTION', source: 'test', retryable: true, message: 'test: connection refused' });

describe('cached: static stability', () => {
  it('is off by default: expired credentials are never handed out', async () => {
    const { clock, source, provider, expiresAt } = await primedCache();
    clock.set(expiresAt + MINUTE);
    const waiting = provider().catch((e: unknown) => e);
    await flush();
    await source.reject(down());
    expect(await waiting).toMatchObject({ code: 'ERR_HTTP_CONNECTION' });
    await expect(provider()).rejects.toMatchObject({ code: 'ERR_HTTP_CONNECTION' });
  });

  it('when on, serves the credentials for a bounded time past expiry while the source is down, with an event', async () => {
    const { clock, source, provider, creds, expiresAt } = await primedCache({ name: 'stable', staticStability: { maxStaleMs: 10 * MINUTE } });
    const recorder = recordEvents('stable');
    try {
      clock.set(expiresAt + MINUTE);
      const waiting = provider();
      await flush();
      await source.reject(down());
      expect(await waiting).toBe(creds);
      // During the backoff: served without contacting the source, and the event is not repeated.
      expect(await provider()).toBe(creds);
      expect(source.calls).toBe(2);
      const stale = recorder.events.filter((e) => e.channel === STALE_CHANNEL);
      expect(stale).toHaveLength(1);
      expect(stale[0]?.message).toEqual({
        source: 'stable',
        accessKeyId: `${creds.accessKeyId.slice(0, 4)}…${creds.accessKeyId.slice(-4)}`,
        expiration: new Date(expiresAt).toISOString(),
        staleUntil: new Date(expiresAt + 10 * MINUTE).toISOString(),
        code: 'ERR_HTTP_CONNECTION',
      });
      expect(provider.stats().staleServes).toBe(2);

      // The bound: past expiry + maxStaleMs the failure reaches callers.
      clock.set(expiresAt + 10 * MINUTE);
      const late = provider().catch((e: unknown) => e);
      await flush();
      await source.reject(down());
      expect(await late).toMatchObject({ code: 'ERR_HTTP_CONNECTION' });
    } finally {
      recorder.stop();
    }
  });

  it('still asks the source first, and uses fresh credentials as soon as it answers', async () => {
    const { clock, source, provider, expiresAt } = await primedCache({ staticStability: { maxStaleMs: HOUR } });
    clock.set(expiresAt - 2 * MINUTE);
    const waiting = provider();
    await flush();
    expect(source.calls).toBe(2);
    const fresh = temporaryCredentials(clock.now(), HOUR);
    await source.resolve(fresh);
    expect(await waiting).toBe(fresh);
  });

  it('does not answer forced refreshes with stale credentials', async () => {
    const { clock, source, provider, expiresAt } = await primedCache({ staticStability: { maxStaleMs: HOUR } });
    clock.set(expiresAt + MINUTE);
    const forced = provider({ forceRefresh: true }).catch((e: unknown) => e);
    await flush();
    await source.reject(down());
    expect(await forced).toMatchObject({ code: 'ERR_HTTP_CONNECTION' });
  });
});
