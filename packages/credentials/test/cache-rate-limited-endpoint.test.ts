import { afterEach, describe, expect, it } from 'vitest';
import {
  cached,
  credentialsFromFields,
  httpRequest,
  httpStatusError,
  parseJsonBody,
  withRetry,
  type CredentialProvider,
  type Sleep,
} from '../src/index.js';
import { flush } from './helpers/controlled-source.js';
import { HOUR, secretsFor } from './helpers/credentials.js';
import { fakeClock, type FakeClock } from './helpers/fake-clock.js';
import { seededRandom } from './helpers/seeded-random.js';
import { httpServer, type TestServer } from './helpers/servers.js';

// A loopback stand-in for the ECS agent's credentials endpoint: a token bucket of 40 req/s with a
// burst of 60, on the test's fake clock, answering 429 `You have reached maximum request limit.`
// beyond it (no Retry-After, like the agent).
interface Endpoint {
  readonly server: TestServer;
  readonly url: string;
  readonly served: number;
  readonly throttled: number;
}

async function rateLimitedEndpoint(clock: FakeClock): Promise<Endpoint> {
  let tokens = 60;
  let last = clock.now();
  let served = 0;
  let throttled = 0;
  const { secretAccessKey, sessionToken } = secretsFor('ecs');
  const server = await httpServer((_req, res) => {
    tokens = Math.min(60, tokens + ((clock.now() - last) / 1000) * 40);
    last = clock.now();
    if (tokens < 1) {
      throttled += 1;
      res.writeHead(429, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('You have reached maximum request limit.');
      return;
    }
    tokens -= 1;
    served += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        RoleArn: 'arn:aws:iam::123456789012:role/app',
        AccessKeyId: 'ASIAECSAGENTKEY00001',
        SecretAccessKey: secretAccessKey,
        Token: sessionToken,
        Expiration: new Date(clock.now() + 6 * HOUR).toISOString(),
      }),
    );
  });
  return {
    server,
    url: server.url,
    get served() {
      return served;
    },
    get throttled() {
      return throttled;
    },
  };
}

// Counts HTTP exchanges in flight, so the test advances the fake clock only when every process is
// waiting on a timer, as real time would find them.
function inFlightTracker(): { track<T>(promise: Promise<T>): Promise<T>; idle(): Promise<void> } {
  let active = 0;
  let waiters: (() => void)[] = [];
  return {
    track(promise) {
      active += 1;
      const done = (): void => {
        active -= 1;
        if (active === 0) {
          const ready = waiters;
          waiters = [];
          for (const resolve of ready) resolve();
        }
      };
      promise.then(done, done);
      return promise;
    },
    idle: () => (active === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  };
}

// Sleeps that end when the test moves the fake clock past them: retries never wait for real.
function fakeTimers(clock: FakeClock): { sleep: Sleep; readonly pending: number; runNext(): Promise<void> } {
  const timers: { at: number; resolve: () => void }[] = [];
  return {
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        timers.push({ at: clock.now() + ms, resolve });
      }),
    get pending() {
      return timers.length;
    },
    async runNext() {
      timers.sort((a, b) => a.at - b.at);
      const next = timers.shift();
      if (next === undefined) return;
      clock.set(Math.max(clock.now(), next.at));
      next.resolve();
      await flush();
    },
  };
}

function containerSource(url: string, clock: FakeClock, sleep: Sleep, random: () => number, tracker = inFlightTracker()): CredentialProvider {
  return () =>
    withRetry(
      async () => {
        const response = await tracker.track(httpRequest({ url, source: 'container' }));
        if (response.status !== 200) throw httpStatusError(response, { source: 'container', now: clock.now });
        const body = parseJsonBody(response, { source: 'container', what: 'credentials response' }) as Record<string, unknown>;
        return credentialsFromFields(
          { accessKeyId: body.AccessKeyId, secretAccessKey: body.SecretAccessKey, sessionToken: body.Token, expiration: body.Expiration },
          { source: 'container', now: clock.now, requireExpiration: true },
        );
      },
      { maxAttempts: 6, sleep, random },
    );
}

let endpoint: Endpoint | undefined;
afterEach(async () => endpoint?.server.close());

describe('cached() in front of a rate-limited endpoint', () => {
  it('turns 1,000 concurrent callers and a refresh into exactly two requests, with no 429', async () => {
    const clock = fakeClock();
    endpoint = await rateLimitedEndpoint(clock);
    const timers = fakeTimers(clock);
    const tracker = inFlightTracker();
    const provider = cached(containerSource(`${endpoint.url}/v2/credentials/task`, clock, timers.sleep, seededRandom(1), tracker), {
      now: clock.now,
      random: seededRandom(2),
    });

    const burst = await Promise.all(Array.from({ length: 1000 }, () => provider()));
    expect(new Set(burst).size).toBe(1);
    expect(endpoint.served).toBe(1);

    // Up to the refresh moment: only cache hits.
    const refreshAt = Date.parse(provider.stats().nextRefreshAt ?? 'x');
    for (let t = clock.now(); t < refreshAt; t += 10 * 60_000) {
      clock.set(t);
      await Promise.all(Array.from({ length: 100 }, () => provider()));
    }
    expect(endpoint.served).toBe(1);

    clock.set(refreshAt);
    await Promise.all(Array.from({ length: 1000 }, () => provider()));
    await flush();
    await tracker.idle();
    await flush();
    expect(endpoint.served).toBe(2);
    expect(endpoint.throttled).toBe(0);
    expect(provider.stats()).toMatchObject({ fetches: 2, successes: 2, failures: 0 });
  });

  it('gets 100 processes starting at once through the 40/s, burst-60 limit without a failure', async () => {
    const clock = fakeClock();
    endpoint = await rateLimitedEndpoint(clock);
    const url = `${endpoint.url}/v2/credentials/task`;
    const timers = fakeTimers(clock);
    const tracker = inFlightTracker();
    const random = seededRandom(20260301);
    // One cached provider per process, all fetching in the same instant.
    const processes = Array.from({ length: 100 }, () => cached(containerSource(url, clock, timers.sleep, random, tracker), { now: clock.now, random }));
    const started = clock.now();
    const results = Promise.allSettled(processes.map((provider) => provider()));
    for (;;) {
      await flush();
      await tracker.idle();
      await flush();
      if (timers.pending === 0) break;
      await timers.runNext();
    }
    const settled = await results;

    expect(settled.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(endpoint.served).toBe(100);
    expect(endpoint.throttled).toBeGreaterThan(0);
    expect(clock.now() - started).toBeLessThan(5_000);
  });
});
