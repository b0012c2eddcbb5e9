import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BACKOFF_CHANNEL,
  FETCH_END_CHANNEL,
  FETCH_ERROR_CHANNEL,
  FETCH_START_CHANNEL,
  INVALIDATE_CHANNEL,
  IamkitError,
  REFRESH_CHANNEL,
  cached,
  maskAccessKeyId,
} from '../src/index.js';
import { controlledSource, flush, later } from './helpers/controlled-source.js';
import { HOUR, temporaryCredentials } from './helpers/credentials.js';
import { recordEvents } from './helpers/events.js';
import { fakeClock } from './helpers/fake-clock.js';

let stop: (() => void) | undefined;
afterEach(() => stop?.());

describe('cached: diagnostics channels', () => {
  it('publishes fetch, refresh, backoff and invalidate events in order, with the right payloads', async () => {
    const recorder = recordEvents('diag');
    stop = () => {
      recorder.stop();
    };
    const clock = fakeClock();
    const source = controlledSource();
    const provider = cached(source.provider, { name: 'diag', now: clock.now, random: () => 0.5 });

    const first = provider();
    await flush();
    clock.advance(250);
    const creds = temporaryCredentials(clock.now(), HOUR, 'ASIADIAGNOSTICS00001');
    await source.resolve(creds);
    await first;
    const expiration = new Date(clock.now() + HOUR).toISOString();
    const refreshAt = provider.stats().nextRefreshAt ?? '';
    expect(refreshAt).not.toBe('');

    clock.set(Date.parse(refreshAt));
    await provider();
    clock.advance(40);
    await source.reject(
      new IamkitError({ code: 'ERR_CREDENTIALS_THROTTLED', source: 'container', status: 429, retryable: true, retryAfterMs: 5000, message: 'container: 429' }),
    );
    const failedAt = clock.now();
    provider.invalidate(creds.accessKeyId);
    await expect(provider()).rejects.toMatchObject({ code: 'ERR_CREDENTIALS_THROTTLED' });

    expect(recorder.events.map((e) => e.channel)).toEqual([
      FETCH_START_CHANNEL,
      FETCH_END_CHANNEL,
      REFRESH_CHANNEL,
      FETCH_START_CHANNEL,
      FETCH_ERROR_CHANNEL,
      BACKOFF_CHANNEL,
      INVALIDATE_CHANNEL,
    ]);
    const masked = maskAccessKeyId(creds.accessKeyId);
    expect(recorder.events.map((e) => e.message)).toEqual([
      { source: 'diag', reason: 'initial', background: false, attempt: 1 },
      { source: 'diag', reason: 'initial', background: false, durationMs: 250, accessKeyId: masked, expiration, refreshAt, stored: true },
      { source: 'diag', accessKeyId: masked, expiration, refreshAt },
      { source: 'diag', reason: 'advisory', background: true, attempt: 1 },
      {
        source: 'diag',
        reason: 'advisory',
        background: true,
        durationMs: 40,
        error: { name: 'IamkitError', code: 'ERR_CREDENTIALS_THROTTLED', message: 'container: 429', retryable: true, source: 'container', status: 429, retryAfterMs: 5000 },
      },
      {
        source: 'diag',
        code: 'ERR_CREDENTIALS_THROTTLED',
        retryable: true,
        retryAfterMs: 5000,
        consecutiveFailures: 1,
        delayMs: 5000,
        until: new Date(failedAt + 5000).toISOString(),
      },
      { source: 'diag', accessKeyId: masked, cachedAccessKeyId: masked, dropped: true },
    ]);
  });

  it('labels events with the source recorded on the credentials when no name is given', async () => {
    const recorder = recordEvents('container');
    stop = () => {
      recorder.stop();
    };
    const provider = cached(() => Promise.resolve(temporaryCredentials(Date.now(), HOUR, 'ASIALABELLEDSOURCE01', 'container')));
    await provider();
    await provider({ forceRefresh: true });
    expect(recorder.events.map((e) => [e.channel, e.message.reason])).toEqual([
      [FETCH_END_CHANNEL, 'initial'],
      [FETCH_START_CHANNEL, 'forced'],
      [FETCH_END_CHANNEL, 'forced'],
    ]);
    expect(provider.stats().source).toBe('container');
  });

  it('gives a secret-free snapshot in peek() and stats()', async () => {
    const clock = fakeClock();
    const creds = temporaryCredentials(clock.now(), HOUR, 'ASIASNAPSHOTKEY00001', 'imds');
    const provider = cached(() => Promise.resolve(creds), { now: clock.now, random: () => 0 });
    expect(provider.stats()).toMatchObject({ source: 'cache', fetches: 0, entry: undefined, lastError: undefined });
    await provider();
    const stats = provider.stats();
    expect(stats).toMatchObject({
      source: 'imds',
      fetches: 1,
      successes: 1,
      failures: 0,
      inFlight: false,
      accessKeyId: 'ASIA…0001',
      expiration: new Date(clock.now() + HOUR).toISOString(),
      nextRefreshAt: new Date(clock.now() + 40 * 60_000).toISOString(),
      backoffUntil: undefined,
      lastSuccessAt: new Date(clock.now()).toISOString(),
    });
    expect(provider.peek()).toEqual({
      credentials: { accessKeyId: 'ASIA…0001', secretAccessKey: '[redacted]', sessionToken: '[redacted]', expiration: stats.expiration, source: 'imds' },
      state: 'fresh',
      expiration: stats.expiration,
      refreshAt: stats.nextRefreshAt,
      mandatoryAt: new Date(clock.now() + 55 * 60_000).toISOString(),
      fetchedAt: new Date(clock.now()).toISOString(),
    });
    clock.advance(41 * 60_000);
    expect(provider.peek()?.state).toBe('advisory');
    for (const text of [JSON.stringify(stats), inspect(stats, { depth: 10 }), JSON.stringify(provider.peek())]) {
      expect(text).not.toContain(creds.secretAccessKey);
      expect(text).not.toContain(creds.sessionToken);
    }
  });

  it('reports the last error as JSON in stats()', async () => {
    const clock = fakeClock();
    const provider = cached(
      () => later(() => {
        throw new IamkitError({ code: 'ERR_HTTP_TIMEOUT', source: 'imds', retryable: true, message: 'imds: timed out' });
      }),
      { now: clock.now, random: () => 0 },
    );
    await provider().catch(() => undefined);
    expect(provider.stats()).toMatchObject({
      source: 'imds',
      failures: 1,
      consecutiveFailures: 1,
      backoffUntil: new Date(clock.now() + 500).toISOString(),
      lastError: { code: 'ERR_HTTP_TIMEOUT', message: 'imds: timed out', retryable: true, source: 'imds' },
      lastFailureAt: new Date(clock.now()).toISOString(),
    });
  });
});
