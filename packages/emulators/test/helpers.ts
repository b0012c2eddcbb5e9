import { connect } from 'node:net';
import { type Dispatcher, request } from 'undici';
import { fakeClock as testKitClock, seededRandom, type FakeClock } from '@iamkit/test-kit';
import { afterEach } from 'vitest';

export interface HttpResult {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

export interface HttpOptions {
  readonly method?: Dispatcher.HttpMethod;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly dispatcher?: Dispatcher;
  /** Client-side limit on waiting for the status line and headers. */
  readonly headersTimeout?: number;
  /** Client-side limit on a pause while reading the body. */
  readonly bodyTimeout?: number;
}

/** One HTTP request with undici, body read as text. */
export async function http(url: string, options: HttpOptions = {}): Promise<HttpResult> {
  const response = await request(url, {
    method: options.method ?? 'GET',
    headers: options.headers,
    body: options.body,
    dispatcher: options.dispatcher,
    headersTimeout: options.headersTimeout ?? 10_000,
    bodyTimeout: options.bodyTimeout ?? 10_000,
  });
  return { status: response.statusCode, headers: response.headers, body: await response.body.text() };
}

/** The error a request rejects with (fails the test if it resolves). */
export async function httpError(url: string, options: HttpOptions = {}): Promise<Error & { code?: string }> {
  try {
    const result = await http(url, options);
    throw new Error(`expected the request to fail, got ${result.status}`);
  } catch (error) {
    return error as Error & { code?: string };
  }
}

/**
 * Sends raw request bytes and collects everything the server sends until it closes the
 * connection (the request asks for `Connection: close`), for byte-exact assertions.
 */
export function rawRequest(url: string, path: string, headers: Record<string, string> = {}): Promise<Buffer> {
  const { hostname, port } = new URL(url);
  const lines = [`GET ${path} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => socket.write(`${lines.join('\r\n')}\r\n\r\n`));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      resolve(Buffer.concat(chunks));
    });
  });
}

/** Splits a raw HTTP/1.1 response into status line, header lines and body. */
export function parseRaw(raw: Buffer): { statusLine: string; headerLines: string[]; body: Buffer } {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, end).toString('latin1').split('\r\n');
  return { statusLine: head[0] ?? '', headerLines: head.slice(1), body: raw.subarray(end + 4) };
}

/** A fake clock: read with `clock.now`, move with `clock.advance(ms)`. */
export function fakeClock(start = Date.parse('2026-01-01T00:00:00Z')): FakeClock {
  return testKitClock(start);
}

/** A deterministic RandomSource (mulberry32), for reproducible keys and tokens. */
export { seededRandom };

/**
 * `start` as a test file uses it: every handle it returns is closed after each test (the
 * `afterEach` is registered here, so call this at the top level of the file).
 */
export function closedAfterEach<Options, Handle extends { close(): Promise<void> }>(start: (options?: Options) => Promise<Handle>): (options?: Options) => Promise<Handle> {
  const started: Handle[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((handle) => handle.close()));
  });
  return async (options) => {
    const handle = await start(options);
    started.push(handle);
    return handle;
  };
}
