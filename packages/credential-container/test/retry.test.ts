import { describe, expect, it } from 'vitest';
import { startEcsAgent } from '@iamkit/emulators';
import { CONTAINER_DEFAULTS, fromContainerMetadata } from '../src/index.js';
import { fakeClock, recordingSleep, rejectionOf } from './helpers/runtime.js';

const throttleAlways = { response: { kind: 'throttle' } } as const;

describe('retries: full-jitter exponential backoff within attempts and a deadline', () => {
  it('waits a random time under a cap that doubles from baseDelayMs up to maxDelayMs', async () => {
    await using agent = await startEcsAgent();
    agent.faults.push(throttleAlways);
    const highest = recordingSleep();
    await rejectionOf(fromContainerMetadata({ env: agent.env, sleep: highest.sleep, random: () => 0.999_999 })());
    // With the largest draw, each wait is (just under) its cap: 250, 500, 1000, 2000, 4000 ms.
    expect(highest.delays.map((d) => Math.round(d))).toEqual([250, 500, 1000, 2000, 4000]);
    expect(agent.counters.total).toBe(CONTAINER_DEFAULTS.maxAttempts);

    const spread = recordingSleep();
    let draw = 0;
    await rejectionOf(fromContainerMetadata({ env: agent.env, sleep: spread.sleep, random: () => [0.1, 0.9, 0.5, 0.3, 0.7][draw++ % 5] ?? 0 })());
    expect(spread.delays.map((d) => Math.round(d))).toEqual([25, 450, 500, 600, 2800]);
  });

  it('honours Retry-After as a floor for the next wait', async () => {
    await using agent = await startEcsAgent();
    agent.faults.push({ times: 1, response: { kind: 'throttle', retryAfter: 3 } });
    const { sleep, delays } = recordingSleep();
    await fromContainerMetadata({ env: agent.env, sleep, random: () => 0 })();
    expect(delays).toEqual([3000]);
  });

  it('starts no wait that would end past deadlineMs, and fails with the last error', async () => {
    const clock = fakeClock();
    await using agent = await startEcsAgent({ now: clock.now });
    agent.faults.push(throttleAlways);
    const { sleep, delays } = recordingSleep(clock); // sleeping moves the fake clock
    const error = await rejectionOf(fromContainerMetadata({ env: agent.env, now: clock.now, sleep, random: () => 0.999_999, deadlineMs: 2_000 })());
    expect(error.code).toBe('ERR_CREDENTIALS_THROTTLED');
    // 250 + 500 + 1000 = 1750 ms fit in 2 s; the next 2000 ms wait would not.
    expect(delays.map((d) => Math.round(d))).toEqual([250, 500, 1000]);
    expect(agent.counters.total).toBe(4);
  });

  it('stops at maxAttempts (and maxRetries, the SDK name)', async () => {
    await using agent = await startEcsAgent();
    agent.faults.push(throttleAlways);
    const { sleep } = recordingSleep();
    await rejectionOf(fromContainerMetadata({ env: agent.env, sleep, maxAttempts: 2 })());
    expect(agent.counters.total).toBe(2);
    await rejectionOf(fromContainerMetadata({ env: agent.env, sleep, maxRetries: 0 })());
    expect(agent.counters.total).toBe(3);
  });

  it('gives up at once when the caller aborts', async () => {
    await using agent = await startEcsAgent();
    agent.faults.push(throttleAlways);
    const controller = new AbortController();
    const { sleep } = recordingSleep();
    const abortingSleep = async (ms: number): Promise<void> => {
      controller.abort();
      await sleep(ms);
    };
    const error = await rejectionOf(fromContainerMetadata({ env: agent.env, sleep: abortingSleep })({ signal: controller.signal }));
    expect(error.code).toBe('ERR_ABORTED');
    expect(agent.counters.total).toBe(1);
  });
});
