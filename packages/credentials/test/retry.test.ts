import { afterEach, describe, expect, it } from 'vitest';
import { IamkitError, httpRequest, httpStatusError, isIamkitError, withRetry, type RetryEvent } from '../src/index.js';
import { httpServer, type TestServer } from './helpers/servers.js';
import { later } from './helpers/controlled-source.js';

const retryable = (retryAfterMs?: number): IamkitError =>
  new IamkitError({ code: 'ERR_CREDENTIALS_THROTTLED', source: 'test', retryable: true, retryAfterMs, message: 'test: throttled' });
const fatal = (): IamkitError => new IamkitError({ code: 'ERR_HTTP_STATUS', source: 'test', status: 400, message: 'test: 400' });

function recorder() {
  const slept: number[] = [];
  const sleep = (ms: number): Promise<void> => {
    slept.push(ms);
    return Promise.resolve();
  };
  return { slept, sleep };
}

describe('withRetry', () => {
  it('retries retryable errors with exponential backoff and full jitter', async () => {
    const { slept, sleep } = recorder();
    let attempts = 0;
    const result = await withRetry(
      (attempt) => later(() => {
        attempts = attempt;
        if (attempt < 4) throw retryable();
        return 'ok';
      }),
      { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 300, sleep, random: () => 0.5 },
    );
    expect(result).toBe('ok');
    expect(attempts).toBe(4);
    expect(slept).toEqual([50, 100, 150]);
  });

  it('spreads delays over the whole range with the random source', async () => {
    for (const [draw, expected] of [
      [0, 0],
      [0.999, 99.9],
    ] as const) {
      const { slept, sleep } = recorder();
      await withRetry(async (attempt) => (attempt === 1 ? Promise.reject(retryable()) : 'ok'), { sleep, random: () => draw });
      expect(slept[0]).toBeCloseTo(expected, 6);
    }
  });

  it('stops at once on a non-retryable error and on errors that are not iamkit errors', async () => {
    const { slept, sleep } = recorder();
    let calls = 0;
    await expect(
      withRetry(
        () => later(() => {
          calls += 1;
          throw fatal();
        }),
        { sleep },
      ),
    ).rejects.toMatchObject({ code: 'ERR_HTTP_STATUS' });
    const foreign = new TypeError('bug');
    await expect(
      withRetry(
        () => later(() => {
          calls += 1;
          throw foreign;
        }),
        { sleep },
      ),
    ).rejects.toBe(foreign);
    expect(calls).toBe(2);
    expect(slept).toEqual([]);
  });

  it('throws the last error once the attempts are used up', async () => {
    const { slept, sleep } = recorder();
    const errors = [retryable(), retryable(), retryable()];
    let i = 0;
    const thrown: unknown = await withRetry(async () => Promise.reject(errors[i++]!), { maxAttempts: 3, sleep, random: () => 1 }).catch((e: unknown) => e);
    expect(thrown).toBe(errors[2]);
    expect(slept).toEqual([100, 200]);
  });

  it('honours retryAfterMs as a floor, and gives up at once when the source asks for too long', async () => {
    const { slept, sleep } = recorder();
    const events: RetryEvent[] = [];
    await withRetry(async (attempt) => (attempt === 1 ? Promise.reject(retryable(1500)) : 'ok'), {
      sleep,
      random: () => 0.5,
      onRetry: (event) => events.push(event),
    });
    expect(slept).toEqual([1500]);
    expect(events).toEqual([{ error: expect.objectContaining({ retryAfterMs: 1500 }), attempt: 1, delayMs: 1500 }]);

    let calls = 0;
    await expect(
      withRetry(
        () => later(() => {
          calls += 1;
          throw retryable(60_000);
        }),
        { sleep, maxRetryAfterMs: 5000 },
      ),
    ).rejects.toMatchObject({ retryAfterMs: 60_000 });
    expect(calls).toBe(1);
  });

  it('falls back to the default attempt count for a count that is not a finite number', async () => {
    for (const maxAttempts of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const { slept, sleep } = recorder();
      let calls = 0;
      await expect(
        withRetry(
          () =>
            later(() => {
              calls += 1;
              throw retryable();
            }),
          { sleep, maxAttempts },
        ),
      ).rejects.toMatchObject({ code: 'ERR_CREDENTIALS_THROTTLED' });
      expect(calls).toBe(3);
      expect(slept).toHaveLength(2);
    }
  });

  it('does not start a wait that would end past the deadline, and throws the error that asked for it', async () => {
    let clock = 1_000;
    const slept: number[] = [];
    const sleep = (ms: number): Promise<void> => {
      slept.push(ms);
      clock += ms;
      return Promise.resolve();
    };
    const errors = [retryable(), retryable(), retryable(), retryable()];
    let attempts = 0;
    const failure = await withRetry(
      (attempt) => later(() => {
        attempts = attempt;
        throw errors[attempt - 1]!;
      }),
      { maxAttempts: 10, baseDelayMs: 400, maxDelayMs: 400, deadlineMs: 1_000, now: () => clock, sleep, random: () => 1 },
    ).catch((error: unknown) => error);
    // Waits of 400 ms end at 400 and 800 ms; the third would end at 1,200 ms, past the budget.
    expect(slept).toEqual([400, 400]);
    expect(attempts).toBe(3);
    expect(failure).toBe(errors[2]);
  });

  it('lets the caller decide what to retry', async () => {
    const { sleep } = recorder();
    let calls = 0;
    await expect(
      withRetry(
        () => later(() => {
          calls += 1;
          throw retryable();
        }),
        { sleep, maxAttempts: 5, shouldRetry: (_error, attempt) => attempt < 2 },
      ),
    ).rejects.toMatchObject({ code: 'ERR_CREDENTIALS_THROTTLED' });
    expect(calls).toBe(2);
  });

  it('stops when the signal fires, before an attempt or during the wait', async () => {
    let calls = 0;
    await expect(withRetry(() => later(() => ++calls), { signal: AbortSignal.abort(), source: 'imds' })).rejects.toMatchObject({ code: 'ERR_ABORTED', source: 'imds' });
    expect(calls).toBe(0);

    // The real sleep, cut short by the signal: the test does not wait for the 60 s delay.
    const controller = new AbortController();
    const pending = withRetry(
      () => later(() => {
        calls += 1;
        setImmediate(() => controller.abort());
        throw retryable(60_000);
      }),
      { signal: controller.signal, maxRetryAfterMs: 120_000, source: 'imds' },
    ).catch((e: unknown) => e);
    const error = await pending;
    expect(isIamkitError(error, 'ERR_ABORTED')).toBe(true);
    expect(calls).toBe(1);
  });
});

describe('withRetry against a throttling loopback server', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.close());

  it('gets through after two 429s, waiting what Retry-After asked', async () => {
    let hits = 0;
    server = await httpServer((_req, res) => {
      hits += 1;
      if (hits <= 2) {
        res.writeHead(429, { 'retry-after': '1' });
        res.end('You have reached maximum request limit.');
        return;
      }
      res.end('{"ok":true}');
    });
    const { slept, sleep } = recorder();
    const url = server.url;
    const response = await withRetry(
      async () => {
        const r = await httpRequest({ url, source: 'container' });
        if (r.status !== 200) throw httpStatusError(r, { source: 'container' });
        return r;
      },
      { maxAttempts: 4, sleep, random: () => 0 },
    );
    expect(response.body).toBe('{"ok":true}');
    expect(hits).toBe(3);
    expect(slept).toEqual([1000, 1000]);
  });

  it('does not retry a 400', async () => {
    let hits = 0;
    server = await httpServer((_req, res) => {
      hits += 1;
      res.writeHead(400);
      res.end('{"code":"NoIdInRequest"}');
    });
    const url = server.url;
    const error: unknown = await withRetry(async () => {
      const r = await httpRequest({ url, source: 'container' });
      throw httpStatusError(r, { source: 'container' });
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_HTTP_STATUS', status: 400 });
    expect(hits).toBe(1);
  });
});
