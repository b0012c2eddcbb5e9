import { describe, expect, it } from 'vitest';
import { type CacheOptions, IamkitError, cached, isIamkitError } from '../src/index.js';
import { controlledSource, flush } from './helpers/controlled-source.js';
import { HOUR, MINUTE, temporaryCredentials } from './helpers/credentials.js';
import { fakeClock } from './helpers/fake-clock.js';
import { primedCache } from './helpers/primed-cache.js';

const retryable = (message = 'endpoint unavailable', extra: Partial<ConstructorParameters<typeof IamkitError>[0]> = {}): IamkitError =>
  new IamkitError({ code: 'ERR_HTTP_STATUS', source: 'test', status: 503, retryable: true, message, ...extra });
const throttled = (retryAfterMs?: number): IamkitError =>
  new IamkitError({ code: 'ERR_CREDENTIALS_THROTTLED', source: 'test', status: 429, retryable: true, retryAfterMs, message: 'test: 429' });
const denied = (): IamkitError => new IamkitError({ code: 'ERR_STS_ACCESS_DENIED', source: 'test', retryable: false, message: 'test: access denied' });

async function primed(options: CacheOptions = {}) {
  const primed = await primedCache(options);
  const refreshAt = Date.parse(primed.provider.stats().nextRefreshAt ?? 'x');
  return { ...primed, mandatoryAt: primed.expiresAt - 5 * MINUTE, refreshAt };
}

const backoffLeft = (provider: { stats(): { backoffUntil: string | undefined } }, now: number): number =>
  Date.parse(provider.stats().backoffUntil ?? 'x') - now;

describe('cached: failed refresh', () => {
  it('keeps serving still-valid credentials and leaves the source alone during the backoff', async () => {
    const { clock, source, provider, creds, refreshAt } = await primed();
    clock.set(refreshAt);
    expect(await provider()).toBe(creds);
    await source.reject(retryable());
    // First failure: 1 s base, equal jitter with random 0.5 → 750 ms.
    expect(backoffLeft(provider, clock.now())).toBe(750);
    for (let t = 0; t < 749; t += 50) {
      clock.set(refreshAt + t);
      expect(await provider()).toBe(creds);
    }
    clock.set(refreshAt + 749);
    expect(await provider()).toBe(creds);
    expect(source.calls).toBe(2);
    clock.set(refreshAt + 750);
    expect(await provider()).toBe(creds);
    expect(source.calls).toBe(3);
    expect(provider.stats()).toMatchObject({ failures: 1, consecutiveFailures: 1, inFlight: true });
  });

  it('backs off exponentially up to the cap, and resets after a success', async () => {
    const { clock, source, provider, refreshAt } = await primed({ backoffMaxMs: 40_000 });
    clock.set(refreshAt);
    const delays: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      await provider();
      expect(source.pending).toBe(1);
      await source.reject(retryable());
      const left = backoffLeft(provider, clock.now());
      delays.push(left);
      clock.advance(left);
    }
    expect(delays).toEqual([750, 1500, 3000, 6000, 12_000, 24_000, 30_000, 30_000]);
    await provider();
    await source.resolve(temporaryCredentials(clock.now(), HOUR));
    expect(provider.stats()).toMatchObject({ consecutiveFailures: 0, backoffUntil: undefined, failures: 8 });
  });

  it("honours the source's Retry-After even when the exponential backoff is shorter", async () => {
    const { clock, source, provider, creds, refreshAt } = await primed();
    clock.set(refreshAt);
    await provider();
    await source.reject(throttled(30_000));
    expect(backoffLeft(provider, clock.now())).toBe(30_000);
    clock.set(refreshAt + 29_999);
    expect(await provider()).toBe(creds);
    expect(source.calls).toBe(2);
    clock.set(refreshAt + 30_000);
    await provider();
    expect(source.calls).toBe(3);
  });

  it('lands the last backoff at the start of the mandatory window rather than past it', async () => {
    const { clock, source, provider, mandatoryAt } = await primed({ backoffBaseMs: 10 * MINUTE, backoffMaxMs: HOUR });
    clock.set(mandatoryAt - 2 * MINUTE);
    await provider();
    await source.reject(retryable());
    expect(backoffLeft(provider, clock.now())).toBe(2 * MINUTE);
  });

  it('surfaces the failure only once no valid credentials remain', async () => {
    const { clock, source, provider, creds, refreshAt, mandatoryAt } = await primed();
    clock.set(refreshAt);
    for (let i = 0; i < 20 && clock.now() < mandatoryAt; i += 1) {
      expect(await provider()).toBe(creds);
      if (source.pending > 0) await source.reject(retryable());
      clock.advance(MINUTE);
    }
    clock.set(mandatoryAt);
    const waiting = provider().catch((e: unknown) => e);
    await flush();
    await source.reject(retryable('the source is down'));
    const error: unknown = await waiting;
    expect(isIamkitError(error, 'ERR_HTTP_STATUS')).toBe(true);
    expect((error as Error).message).toBe('the source is down');
  });

  it('during the backoff, callers without valid credentials get the last error at once, without a fetch', async () => {
    const clock = fakeClock();
    const source = controlledSource();
    const provider = cached(source.provider, { now: clock.now, random: () => 0.5 });
    const first = provider().catch((e: unknown) => e);
    await flush();
    await source.reject(throttled());
    const firstError: unknown = await first;
    expect(isIamkitError(firstError, 'ERR_CREDENTIALS_THROTTLED')).toBe(true);

    for (let i = 0; i < 100; i += 1) {
      const error: unknown = await provider().catch((e: unknown) => e);
      expect(error).toBe(firstError);
    }
    expect(source.calls).toBe(1);

    // Not cached beyond the backoff: the next call after it tries again.
    clock.advance(750);
    const retry = provider();
    await flush();
    expect(source.calls).toBe(2);
    const creds = temporaryCredentials(clock.now(), HOUR);
    await source.resolve(creds);
    expect(await retry).toBe(creds);
  });

  it('remembers non-retryable errors only for 1 to 5 seconds', async () => {
    for (const [draw, remembered] of [
      [0, 1000],
      [0.5, 3000],
      [0.75, 4000],
    ] as const) {
      const clock = fakeClock();
      const source = controlledSource();
      const provider = cached(source.provider, { now: clock.now, random: () => draw });
      const first = provider().catch((e: unknown) => e);
      await flush();
      await source.reject(denied());
      expect(await first).toMatchObject({ code: 'ERR_STS_ACCESS_DENIED' });
      expect(backoffLeft(provider, clock.now())).toBe(remembered);
      clock.advance(remembered - 1);
      await expect(provider()).rejects.toMatchObject({ code: 'ERR_STS_ACCESS_DENIED' });
      expect(source.calls).toBe(1);
      clock.advance(1);
      const again = provider().catch((e: unknown) => e);
      await flush();
      expect(source.calls).toBe(2);
      await source.reject(denied());
      await again;
    }
  });

  it('wraps a foreign error with a code and without the secrets it may contain', async () => {
    const { clock, source, provider, creds, mandatoryAt } = await primed({ name: 'custom' });
    clock.set(mandatoryAt);
    const waiting = provider().catch((e: unknown) => e);
    await flush();
    await source.reject(new Error(`login failed for secret ${creds.secretAccessKey} and token ${creds.sessionToken ?? ''}`));
    const error = (await waiting) as IamkitError;
    expect(error.code).toBe('ERR_CREDENTIALS_SOURCE_FAILED');
    expect(error.retryable).toBe(true);
    expect(error.message).toBe('custom: the credential provider failed: login failed for secret [redacted] and token [redacted]');
    expect((error.cause as Error).message).not.toContain(creds.secretAccessKey);
  });
});
