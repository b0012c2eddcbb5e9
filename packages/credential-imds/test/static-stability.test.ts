import { describe, expect, it } from 'vitest';
import { STALE_CHANNEL, cached } from '@iamkit/credentials';
import { startImds } from '@iamkit/emulators';
import { fromInstanceMetadata } from '../src/index.js';
import { recordChannels } from './helpers/events.js';
import { fakeClock, memoryFiles, recordingSleep, rejectionOf } from './helpers/runtime.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// Static stability lives in the cache (one implementation for every source), not in the IMDS
// source: the source never hands out expired credentials; the cache may keep serving the last good
// ones while IMDS is down, when asked to.
describe('static stability for IMDS through the cache', () => {
  it.each([
    ['with staticStability: the last credentials keep working through an IMDS outage', true],
    ['without it (the default): callers get the outage’s error once the credentials run out', false],
  ] as const)('%s', async (_name, stable) => {
    const clock = fakeClock();
    await using imds = await startImds({ now: clock.now, lifetimeMs: HOUR });
    const { sleep } = recordingSleep();
    const source = fromInstanceMetadata({ env: imds.env, now: clock.now, readFile: memoryFiles().readFile, sleep });
    const provider = cached(source, { now: clock.now, ...(stable ? { staticStability: { maxStaleMs: 15 * MINUTE } } : {}) });
    const first = await provider();

    // IMDS goes down: every request answers 500.
    imds.faults.push({ response: { kind: 'status', status: 500 } });
    clock.advance(HOUR + 5 * MINUTE); // five minutes past expiry
    const recorder = recordChannels([STALE_CHANNEL]);
    try {
      if (stable) {
        expect(await provider()).toBe(first);
        expect(recorder.events).toHaveLength(1);
        expect(recorder.events[0]?.message).toMatchObject({ source: 'imds', code: 'ERR_IMDS_UNAVAILABLE' });
        // Bounded: past maxStaleMs the outage's error surfaces.
        clock.advance(11 * MINUTE);
        expect((await rejectionOf(provider())).code).toBe('ERR_IMDS_UNAVAILABLE');
      } else {
        expect((await rejectionOf(provider())).code).toBe('ERR_IMDS_UNAVAILABLE');
        expect(recorder.events).toHaveLength(0);
      }
    } finally {
      recorder.stop();
    }

    // IMDS recovers: fresh credentials, no stale ones.
    imds.faults.clear();
    clock.advance(2 * MINUTE); // past the cache's backoff
    const recovered = await provider();
    expect(recovered.accessKeyId).not.toBe(first.accessKeyId);
    expect((recovered.expiration?.getTime() ?? 0) - clock.now()).toBeGreaterThan(5 * MINUTE);
  });
});
