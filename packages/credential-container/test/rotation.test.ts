import { describe, expect, it } from 'vitest';
import { CACHE_DEFAULTS, cached } from '@iamkit/credentials';
import { startEcsAgent } from '@iamkit/emulators';
import { fromContainerMetadata } from '../src/index.js';
import { fakeClock, recordingSleep, seededRandom } from './helpers/runtime.js';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOURS = 4;

// Lets the cache's background refresh (real loopback I/O) finish before simulated time moves on,
// as it would in real time: a refresh takes milliseconds, the simulated step is a second.
async function settle(inFlight: () => boolean): Promise<void> {
  for (let i = 0; inFlight() && i < 10_000; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

describe('rotation: 15-minute credentials, used every simulated second for hours', () => {
  it('costs one request per set of credentials (plus one retry) and never hands out credentials inside the mandatory window', async () => {
    const clock = fakeClock();
    // The agent issues 15-minute credentials and hands out new ones on every request (they are
    // always within its 15-minute rotation window), on the same clock as the cache.
    await using agent = await startEcsAgent({ now: clock.now, lifetimeMs: 15 * MINUTE });
    // One transient failure on the 10th request: the source's own retry absorbs it.
    agent.faults.push({ after: 9, times: 1, response: { kind: 'status', status: 503, body: { code: 'CredentialsUninitialized', message: 'not yet' } } });
    const { sleep, delays } = recordingSleep();
    const provider = cached(fromContainerMetadata({ env: agent.env, now: clock.now, sleep }), { now: clock.now, random: seededRandom(7) });

    const seen = new Map<string, number>();
    let closest = Number.POSITIVE_INFINITY;
    for (let second = 0; second < HOURS * 3600; second += 1) {
      const creds = await provider();
      const left = (creds.expiration?.getTime() ?? 0) - clock.now();
      closest = Math.min(closest, left);
      expect(left).toBeGreaterThan(CACHE_DEFAULTS.mandatoryWindowMs);
      seen.set(creds.accessKeyId, (seen.get(creds.accessKeyId) ?? 0) + 1);
      await settle(() => provider.stats().inFlight);
      clock.advance(SECOND);
    }

    const sets = seen.size;
    // Refreshed once per lifetime, between 7.5 and 10 minutes before expiry (5–7.5 minutes of use).
    expect(sets).toBeGreaterThanOrEqual((HOURS * 60) / 7.5);
    expect(sets).toBeLessThanOrEqual((HOURS * 60) / 5 + 1);
    expect(agent.counters.status(200)).toBe(sets);
    expect(agent.counters.total).toBe(sets + 1);
    expect(delays).toHaveLength(1);
    expect(provider.stats()).toMatchObject({ failures: 0, staleServes: 0 });
    // Never closer than the advisory window's later half: refreshes happened in the background.
    expect(closest).toBeGreaterThanOrEqual(7.5 * MINUTE - SECOND);
  });
});
