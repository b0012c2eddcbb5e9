// The shared plumbing that later emulators (STS, …) build on: body handling, async routes, and
// what happens when a route fails.
import { afterEach, describe, expect, it } from 'vitest';
import { type EmulatorResponse, NO_RESPONSE } from '../src/common/emulator-response.js';
import type { EmulatorRequest } from '../src/common/emulator-request.js';
import { type EmulatorServer, type EmulatorServerConfig, startEmulatorServer } from '../src/common/emulator-server.js';
import { http, httpError } from './helpers.js';

const servers: EmulatorServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(route: EmulatorServerConfig['route'], knownSecrets: readonly string[] = []): Promise<EmulatorServer> {
  const server = await startEmulatorServer({
    name: 'test-emulator',
    host: '127.0.0.1',
    port: 0,
    now: Date.now,
    route,
    throttleResponse: () => ({ status: 429, headers: {}, body: 'slow down' }),
    serializeJson: (json) => JSON.stringify(json),
    formatExpiration: (date) => date.toISOString(),
    knownSecrets: () => knownSecrets,
  });
  servers.push(server);
  return server;
}

const echo = (request: EmulatorRequest): EmulatorResponse => ({
  status: 200,
  headers: { 'Content-Type': 'text/plain' },
  body: `${request.method} ${request.pathname} ${request.bodyBytes.length} ${request.body}`,
});

describe('emulator server plumbing', () => {
  it('hands routes the whole request body', async () => {
    const server = await start(echo);
    const body = 'Action=GetCallerIdentity&Version=2011-06-15';
    const res = await http(`${server.url}/sts`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(res.body).toBe(`POST /sts 43 ${body}`);
  });

  it('lets fault predicates look at the body', async () => {
    const server = await start(echo);
    server.faults.push({ match: (r) => r.body.includes('Action=AssumeRole&'), response: { kind: 'status', status: 403 } });
    expect((await http(server.url, { method: 'POST', body: 'Action=AssumeRole&Version=2011-06-15' })).status).toBe(403);
    expect((await http(server.url, { method: 'POST', body: 'Action=GetCallerIdentity&Version=2011-06-15' })).status).toBe(200);
  });

  it('answers 413 to a body over 1 MiB', async () => {
    const server = await start(echo);
    const res = await http(server.url, { method: 'POST', body: 'x'.repeat(1024 * 1024 + 1) });
    expect(res.status).toBe(413);
    expect(server.requests.last()?.status).toBe(413);
  });

  it('awaits async routes', async () => {
    const server = await start(async (request) => {
      await Promise.resolve();
      return echo(request);
    });
    expect((await http(`${server.url}/async`)).body).toBe('GET /async 0 ');
  });

  it('turns a throwing or rejecting route into a secret-free 500', async () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
    const server = await start((request) => {
      if (request.pathname === '/reject') return Promise.reject(new Error('lookup failed'));
      throw new Error(`bad key ${secret}`);
    }, [secret]);
    const thrown = await http(`${server.url}/throw`);
    expect(thrown.status).toBe(500);
    expect(thrown.body).toBe('test-emulator: internal emulator error: bad key [redacted]\n');
    const rejected = await http(`${server.url}/reject`);
    expect(rejected.body).toBe('test-emulator: internal emulator error: lookup failed\n');
    expect(server.counters.status(500)).toBe(2);
  });

  it('holds the request open when a route decides not to answer', async () => {
    const server = await start(() => NO_RESPONSE);
    expect((await httpError(server.url, { headersTimeout: 100 })).code).toBe('UND_ERR_HEADERS_TIMEOUT');
    expect(server.counters.noResponse).toBe(1);
  });
});
