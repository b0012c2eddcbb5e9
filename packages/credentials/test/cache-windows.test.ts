import { describe, expect, it } from 'vitest';
import { CACHE_DEFAULTS, type CacheOptions, cached, isIamkitError } from '../src/index.js';
import { flush, isSettled } from './helpers/controlled-source.js';
import { HOUR, MINUTE, temporaryCredentials } from './helpers/credentials.js';
import { fakeClock } from './helpers/fake-clock.js';
import { primedCache } from './helpers/primed-cache.js';
import { seededRandom } from './helpers/seeded-random.js';

const primed = (lifetimeMs: number, random: () => number, extra: CacheOptions = {}) => primedCache({ random, ...extra }, lifetimeMs);

const refreshAtOf = (provider: { stats(): { nextRefreshAt: string | undefined } }): number => Date.parse(provider.stats().nextRefreshAt ?? 'x');

describe('cached: advisory window', () => {
  it('serves the current credentials while one background refresh runs, then switches to the new ones', async () => {
    const { clock, source, provider, creds } = await primed(HOUR, () => 0);
    clock.set(refreshAtOf(provider) - 1);
    expect(await provider()).toBe(creds);
    expect(source.calls).toBe(1);

    clock.advance(1);
    const during = await Promise.all(Array.from({ length: 200 }, () => provider()));
    expect(new Set(during)).toEqual(new Set([creds]));
    expect(source.calls).toBe(2);
    expect(provider.stats().inFlight).toBe(true);
    clock.advance(60_000);
    expect(await provider()).toBe(creds);
    expect(source.calls).toBe(2);

    const fresh = temporaryCredentials(clock.now(), HOUR);
    await source.resolve(fresh);
    expect(await provider()).toBe(fresh);
    expect(source.calls).toBe(2);
    expect(provider.stats()).toMatchObject({ fetches: 2, successes: 2, inFlight: false });
  });

  it('decides the refresh moment once per credentials, not per call', async () => {
    let draws = 0;
    const random = seededRandom(7);
    const { clock, provider, source } = await primed(HOUR, () => {
      draws += 1;
      return random();
    });
    const decided = refreshAtOf(provider);
    for (let i = 0; i < 50; i += 1) {
      clock.advance(30_000);
      if (clock.now() >= decided) break;
      await provider();
      expect(refreshAtOf(provider)).toBe(decided);
    }
    expect(draws).toBe(1);
    expect(source.calls).toBe(1);
  });

  it.each([
    ['15-minute STS credentials', 15 * MINUTE, 10 * MINUTE, 7.5 * MINUTE],
    ['1-hour IMDS credentials', HOUR, 20 * MINUTE, 12.5 * MINUTE],
    ['6-hour ECS credentials', 6 * HOUR, 65 * MINUTE, 35 * MINUTE],
  ])('scales the default refresh range with the lifetime: %s', async (_name, lifetime, earliestBeforeExpiry, latestBeforeExpiry) => {
    const early = await primed(lifetime, () => 0);
    expect(early.expiresAt - refreshAtOf(early.provider)).toBe(earliestBeforeExpiry);
    const late = await primed(lifetime, () => 0.999_999_999);
    expect(late.expiresAt - refreshAtOf(late.provider)).toBeCloseTo(latestBeforeExpiry, -1);
    // Never absurdly early: not before half of the usable life (lifetime minus the mandatory window).
    expect(refreshAtOf(early.provider) - (early.expiresAt - lifetime)).toBeGreaterThanOrEqual((lifetime - 5 * MINUTE) / 2);
  });

  it('honours a configured advisory window, clamped to half the usable life', async () => {
    const custom = await primed(HOUR, () => 0, { advisoryWindowMs: 20 * MINUTE });
    expect(custom.expiresAt - refreshAtOf(custom.provider)).toBe(25 * MINUTE);
    const halfLife = await primed(HOUR, () => 0, { advisoryWindowMs: 40 * MINUTE });
    expect(halfLife.expiresAt - refreshAtOf(halfLife.provider)).toBe(5 * MINUTE + 27.5 * MINUTE);
    const clamped = await primed(15 * MINUTE, () => 0, { advisoryWindowMs: HOUR });
    expect(clamped.expiresAt - refreshAtOf(clamped.provider)).toBe(10 * MINUTE);
  });

  it('does not refresh again at once when the source hands back credentials late in their life', async () => {
    const { clock, source, provider } = await primed(HOUR, () => 0);
    clock.set(refreshAtOf(provider));
    await provider();
    // The endpoint has not rotated yet: the same expiry comes back, 20 minutes before it.
    const expiresAt = Date.parse(provider.stats().expiration ?? 'x');
    await source.resolve(temporaryCredentials(clock.now(), expiresAt - clock.now()));
    const next = refreshAtOf(provider);
    expect(next - clock.now()).toBeGreaterThanOrEqual(CACHE_DEFAULTS.minRefreshIntervalMs);
    expect(next - clock.now()).toBeGreaterThanOrEqual((expiresAt - 5 * MINUTE - clock.now()) / 2);
    await provider();
    expect(source.calls).toBe(2);
  });

  it('spreads the refresh moment of 1,000 instances over the whole configured range', async () => {
    const random = seededRandom(20260301);
    const lifetime = HOUR;
    const offsets: number[] = [];
    for (let i = 0; i < 1000; i += 1) {
      const clock = fakeClock();
      const creds = temporaryCredentials(clock.now(), lifetime, 'ASIASHAREDFLEETKEY01');
      const provider = cached(() => Promise.resolve(creds), { now: clock.now, random });
      await provider();
      offsets.push(clock.now() + lifetime - refreshAtOf(provider));
    }
    // Default range for 1-hour credentials: from 20 to 12.5 minutes before expiry.
    const earliest = 20 * MINUTE;
    const latest = 12.5 * MINUTE;
    expect(Math.max(...offsets)).toBeLessThanOrEqual(earliest);
    expect(Math.min(...offsets)).toBeGreaterThan(latest);
    expect(Math.max(...offsets)).toBeGreaterThan(earliest - 0.02 * (earliest - latest));
    expect(Math.min(...offsets)).toBeLessThan(latest + 0.02 * (earliest - latest));
    const buckets = new Array<number>(10).fill(0);
    for (const offset of offsets) buckets[Math.min(9, Math.floor(((earliest - offset) / (earliest - latest)) * 10))]! += 1;
    for (const count of buckets) {
      expect(count).toBeGreaterThan(60);
      expect(count).toBeLessThan(140);
    }
    // No two instances in the same second would be ideal; at least most seconds hold few instances.
    const perSecond = new Map<number, number>();
    for (const offset of offsets) perSecond.set(Math.floor(offset / 1000), (perSecond.get(Math.floor(offset / 1000)) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(10);
  });
});

describe('cached: mandatory window', () => {
  it('makes callers wait for fresh credentials and never hands out ones inside the window', async () => {
    const { clock, source, provider, creds, expiresAt } = await primed(HOUR, () => 0);
    clock.set(expiresAt - 5 * MINUTE);
    const waiting = [provider(), provider(), provider()];
    expect(await isSettled(waiting[0]!)).toBe(false);
    expect(source.calls).toBe(2);
    expect(provider.peek()?.state).toBe('mandatory');
    const fresh = temporaryCredentials(clock.now(), HOUR);
    await source.resolve(fresh);
    for (const result of await Promise.all(waiting)) {
      expect(result).toBe(fresh);
      expect(result).not.toBe(creds);
    }
  });

  it('joins a background refresh that is still running when the window begins', async () => {
    const { clock, source, provider, expiresAt } = await primed(HOUR, () => 0);
    clock.set(refreshAtOf(provider));
    await provider();
    expect(source.calls).toBe(2);
    clock.set(expiresAt - 4 * MINUTE);
    const waiting = provider();
    expect(await isSettled(waiting)).toBe(false);
    expect(source.calls).toBe(2);
    const fresh = temporaryCredentials(clock.now(), HOUR);
    await source.resolve(fresh);
    expect(await waiting).toBe(fresh);
  });

  it('uses a configured mandatory window', async () => {
    const { clock, source, provider, creds, expiresAt } = await primed(HOUR, () => 0, { mandatoryWindowMs: MINUTE });
    clock.set(expiresAt - MINUTE - 1);
    // Past the refresh moment: a background refresh starts, the credentials are still served.
    expect(await provider()).toBe(creds);
    await source.reject(new Error('down'));
    clock.set(expiresAt - MINUTE);
    const waiting = provider();
    await flush();
    expect(await isSettled(waiting)).toBe(false);
    await source.resolve(temporaryCredentials(clock.now(), HOUR));
    await waiting;
  });

  it('treats credentials that arrive inside the mandatory window as a failure, not a value', async () => {
    const clock = fakeClock();
    const provider = cached(() => Promise.resolve(temporaryCredentials(clock.now(), 4 * MINUTE)), { now: clock.now, name: 'late' });
    const error: unknown = await provider().catch((e: unknown) => e);
    expect(isIamkitError(error, 'ERR_CREDENTIALS_EXPIRED')).toBe(true);
    expect((error as Error).message).toMatch(/^late: the source returned credentials that expire at .*, in 4 min, inside the cache's 5 min mandatory window/);
    expect((error as Error).message).toContain('mandatoryWindowMs');
    expect(provider.peek()).toBeUndefined();
  });

  it('treats credentials that arrive already expired as ERR_CREDENTIALS_EXPIRED', async () => {
    const clock = fakeClock();
    const provider = cached(() => Promise.resolve(temporaryCredentials(clock.now(), -MINUTE)), { now: clock.now, name: 'stale-source' });
    const error: unknown = await provider().catch((e: unknown) => e);
    expect(isIamkitError(error, 'ERR_CREDENTIALS_EXPIRED')).toBe(true);
    expect((error as IamkitErrorLike).retryable).toBe(true);
    expect((error as Error).message).toMatch(/expired at .* \(60 s ago\)/);
  });
});

interface IamkitErrorLike {
  readonly retryable: boolean;
}
