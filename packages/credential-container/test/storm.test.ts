import { Agent } from 'undici';
import { describe, expect, it } from 'vitest';
import { cached, isIamkitError } from '@iamkit/credentials';
import { startEcsAgent } from '@iamkit/emulators';
import { fromContainerMetadata } from '../src/index.js';
import { fakeClock, recordingSleep } from './helpers/runtime.js';

const CALLERS = 1_000;

// Both storms hit an ECS agent emulator at its default limit (40 requests/s, burst 60, per client
// IP and path) whose clock stands still, so its bucket never refills and the numbers are exact:
// this is a thousand connection handshakes arriving in the same instant.
describe('a storm of 1,000 concurrent credential requests against one ECS agent', () => {
  it('through cached(): exactly one request reaches the agent, and every caller gets credentials', async () => {
    const clock = fakeClock();
    await using agent = await startEcsAgent({ now: clock.now });
    expect(agent.rateLimit).toEqual({ rate: 40, burst: 60 });
    const provider = cached(fromContainerMetadata({ env: agent.env, now: clock.now }), { now: clock.now });

    const results = await Promise.allSettled(Array.from({ length: CALLERS }, () => provider()));

    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected).toEqual([]);
    const keys = new Set(results.map((r) => (r.status === 'fulfilled' ? r.value.accessKeyId : '')));
    expect([...keys]).toEqual([agent.credentials.accessKeyId]);
    expect(agent.counters.total).toBe(1);
    expect(agent.counters.throttled).toBe(0);
    expect(provider.stats()).toMatchObject({ fetches: 1, successes: 1, failures: 0 });
  });

  it('without the cache: the agent throttles, and callers fail with ERR_CREDENTIALS_THROTTLED once their retries run out', { timeout: 120_000 }, async () => {
    const clock = fakeClock();
    await using agent = await startEcsAgent({ now: clock.now });
    const { sleep } = recordingSleep();
    // A pool of 64 connections, as an app's HTTP agent would have: 1,000 simultaneous connects
    // would overflow the listen backlog and turn into SYN retransmits and connect timeouts on a
    // loaded test machine, and every failure here must be the agent's 429. Timeouts are generous
    // for the same reason.
    const dispatcher = new Agent({ connections: 64, connect: { timeout: 30_000 } });
    const provider = fromContainerMetadata({ env: agent.env, now: clock.now, maxAttempts: 2, sleep, dispatcher, headersTimeoutMs: 30_000, bodyTimeoutMs: 30_000 });

    const results = await Promise.allSettled(Array.from({ length: CALLERS }, () => provider()));
    await dispatcher.close();

    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    const successes = results.length - failures.length;
    // The burst of 60 is all the agent gives; the other 940 callers are refused twice each.
    expect(successes).toBe(60);
    expect(failures).toHaveLength(CALLERS - 60);
    expect([...new Set(failures.map((e) => (isIamkitError(e) ? e.code : String(e))))]).toEqual(['ERR_CREDENTIALS_THROTTLED']);
    expect((failures[0] as Error).message).toMatch(/429 Too Many Requests.*share one cached\(\) provider/);
    expect(agent.counters.throttled).toBe(2 * (CALLERS - 60));
    expect(agent.counters.rateLimited).toBe(agent.counters.throttled);
    expect(agent.counters.total).toBe(CALLERS + (CALLERS - 60));
  });
});
