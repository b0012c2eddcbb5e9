import { Agent } from 'undici';
import { describe, expect, it } from 'vitest';
import { startEcsAgent } from '../src/index.js';
import { closedAfterEach, fakeClock, http, parseRaw, rawRequest } from './helpers.js';

const start = closedAfterEach(startEcsAgent);

describe('ECS agent: credentials', () => {
  it('serves task-role credentials at /v2/credentials/<id>', async () => {
    const clock = fakeClock();
    const agent = await start({ now: clock.now, credentialsId: 'task-1' });
    expect(agent.relativeUri).toBe('/v2/credentials/task-1');
    expect(agent.fullUri).toBe(`${agent.url}/v2/credentials/task-1`);
    expect(agent.env).toEqual({ AWS_CONTAINER_CREDENTIALS_FULL_URI: agent.fullUri });

    const res = await http(agent.fullUri);
    const creds = agent.credentials;
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    // Field order and compact encoding as Go's json.Marshal writes them; no AccountId.
    expect(res.body).toBe(
      `{"RoleArn":"arn:aws:iam::123456789012:role/iamkit-emulator-task-role","AccessKeyId":"${creds.accessKeyId}",` +
        `"SecretAccessKey":"${creds.secretAccessKey}","Token":"${creds.sessionToken!}","Expiration":"2026-01-01T06:00:00Z"}`,
    );
    // tollbooth 4 adds its headers to every answer, not only to 429s.
    expect(res.headers['x-rate-limit-limit']).toBe('40.00');
    expect(res.headers['x-rate-limit-duration']).toBe('1');
    expect(agent.counters.total).toBe(1);
    expect(agent.rotations).toBe(1);
  });

  it('serves the same credentials at /v1/credentials?id=<id>', async () => {
    const agent = await start({ credentialsId: 'abc', roleArn: 'arn:aws:iam::111122223333:role/app' });
    expect(agent.v1RelativeUri).toBe('/v1/credentials?id=abc');
    const v1 = JSON.parse((await http(agent.url + agent.v1RelativeUri)).body);
    const v2 = JSON.parse((await http(agent.fullUri)).body);
    expect(v1).toEqual(v2);
    expect(v1.RoleArn).toBe('arn:aws:iam::111122223333:role/app');
  });

  it('answers 400 NoIdInRequest without an id, for both versions', async () => {
    const agent = await start();
    const v2 = await http(`${agent.url}/v2/credentials/`);
    expect(v2.status).toBe(400);
    expect(v2.headers['content-type']).toBe('application/json');
    expect(v2.body).toBe('{"code":"NoIdInRequest","message":"CredentialsV2Request: No Credential ID in the request"}');
    const v1 = await http(`${agent.url}/v1/credentials`);
    expect(v1.status).toBe(400);
    expect(v1.body).toBe('{"code":"NoIdInRequest","message":"CredentialsV1Request: No Credential ID in the request"}');
  });

  it('answers 400 InvalidIdInRequest for an unknown id', async () => {
    const agent = await start({ credentialsId: 'right' });
    const res = await http(`${agent.url}/v2/credentials/wrong`);
    expect(res.status).toBe(400);
    expect(res.body).toBe('{"code":"InvalidIdInRequest","message":"CredentialsV2Request: Credentials not found"}');
    const v1 = await http(`${agent.url}/v1/credentials?id=wrong`);
    expect(v1.body).toBe('{"code":"InvalidIdInRequest","message":"CredentialsV1Request: Credentials not found"}');
  });

  it('answers 404 as Go does for other paths', async () => {
    const agent = await start();
    for (const path of ['/v2/credentials', '/v3/credentials/x', '/']) {
      const res = await http(agent.url + path);
      expect(res.status).toBe(404);
      expect(res.body).toBe('404 page not found\n');
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    }
  });

  it('decodes a percent-encoded id', async () => {
    const agent = await start({ credentialsId: 'a b/c' });
    expect(agent.relativeUri).toBe('/v2/credentials/a%20b%2Fc');
    expect((await http(agent.fullUri)).status).toBe(200);
  });
});

describe('ECS agent: not ready', () => {
  it('answers 503 CredentialsUninitialized until setReady(true)', async () => {
    const agent = await start({ notReady: true });
    expect(agent.ready).toBe(false);
    const res = await http(agent.fullUri);
    expect(res.status).toBe(503);
    expect(res.body).toBe('{"code":"CredentialsUninitialized","message":"CredentialsV2Request: Credentials uninitialized for ID"}');
    agent.setReady(true);
    expect((await http(agent.fullUri)).status).toBe(200);
    agent.setReady(false);
    expect((await http(agent.fullUri)).status).toBe(503);
    expect(agent.counters.status(503)).toBe(2);
  });

  it('answers 503 for a period measured on the injected clock', async () => {
    const clock = fakeClock();
    const agent = await start({ now: clock.now, notReady: { forMs: 5000 } });
    expect((await http(agent.fullUri)).status).toBe(503);
    clock.advance(4999);
    expect((await http(agent.fullUri)).status).toBe(503);
    clock.advance(1);
    expect((await http(agent.fullUri)).status).toBe(200);
  });

  it('still answers 400 for a bad id while not ready (the id is checked first)', async () => {
    const agent = await start({ notReady: true });
    expect((await http(`${agent.url}/v2/credentials/other`)).status).toBe(400);
  });
});

describe('ECS agent: rate limit', () => {
  it('lets exactly 60 of a burst of 100 through at the default limit and answers 429 to 40', async () => {
    const clock = fakeClock();
    const agent = await start({ now: clock.now });
    const results = await Promise.all(Array.from({ length: 100 }, () => http(agent.fullUri)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(60);
    expect(results.filter((r) => r.status === 429)).toHaveLength(40);
    expect(agent.counters.throttled).toBe(40);
    expect(agent.counters.rateLimited).toBe(40);
    expect(agent.requests.filter({ status: 429 }).every((entry) => entry.rateLimited)).toBe(true);
  });

  it('refills at 40 per second by the injected clock', async () => {
    const clock = fakeClock();
    const agent = await start({ now: clock.now });
    for (let i = 0; i < 60; i++) await http(agent.fullUri);
    expect((await http(agent.fullUri)).status).toBe(429);
    clock.advance(25);
    expect((await http(agent.fullUri)).status).toBe(200);
    expect((await http(agent.fullUri)).status).toBe(429);
    clock.advance(1000);
    const statuses = [];
    for (let i = 0; i < 41; i++) statuses.push((await http(agent.fullUri)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(40);
    expect(statuses.at(-1)).toBe(429);
  });

  it('answers the 429 byte for byte as tollbooth does', async () => {
    const clock = fakeClock();
    const agent = await start({ now: clock.now, rateLimit: { rate: 1, burst: 1 } });
    await http(agent.fullUri);
    const { statusLine, headerLines, body } = parseRaw(await rawRequest(agent.url, agent.relativeUri, { 'X-Forwarded-For': '10.0.0.7' }));
    expect(statusLine).toBe('HTTP/1.1 429 Too Many Requests');
    expect(body.toString('latin1')).toBe('You have reached maximum request limit.');
    const agentHeaders = headerLines.filter((line) => !/^(date|connection|keep-alive):/i.test(line));
    const remote = agentHeaders.find((line) => line.startsWith('X-Rate-Limit-Request-Remote-Addr: '));
    expect(remote).toMatch(/^X-Rate-Limit-Request-Remote-Addr: 127\.0\.0\.1:\d+$/);
    expect(agentHeaders).toEqual([
      'Content-Type: text/plain; charset=utf-8',
      'X-Rate-Limit-Duration: 1',
      'X-Rate-Limit-Limit: 1.00',
      'X-Rate-Limit-Request-Forwarded-For: 10.0.0.7',
      remote,
      'Content-Length: 39',
    ]);
  });

  it('keys buckets by URL path: each /v2 id has its own, all /v1 ids share one', async () => {
    const clock = fakeClock();
    const agent = await start({ now: clock.now, credentialsId: 'a', rateLimit: { rate: 1, burst: 2 } });
    const statuses = async (path: string, n: number): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await http(agent.url + path)).status);
      return out;
    };
    expect(await statuses('/v2/credentials/a', 3)).toEqual([200, 200, 429]);
    // Another path has a full bucket (here: an unknown id, answered 400 rather than 429).
    expect(await statuses('/v2/credentials/b', 3)).toEqual([400, 400, 429]);
    // The query is not part of the key: two ids on /v1/credentials share one bucket.
    expect(await statuses('/v1/credentials?id=a', 1)).toEqual([200]);
    expect(await statuses('/v1/credentials?id=b', 2)).toEqual([400, 429]);
  });

  it('keys buckets by client IP', async () => {
    const clock = fakeClock();
    const agent = await start({ now: clock.now, rateLimit: { rate: 1, burst: 1 } });
    const second = new Agent({ localAddress: '127.0.0.2' });
    try {
      expect((await http(agent.fullUri)).status).toBe(200);
      expect((await http(agent.fullUri)).status).toBe(429);
      expect((await http(agent.fullUri, { dispatcher: second })).status).toBe(200);
      expect((await http(agent.fullUri, { dispatcher: second })).status).toBe(429);
      expect(agent.requests.entries.map((e) => e.clientAddress)).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.2', '127.0.0.2']);
    } finally {
      await second.close();
    }
  });

  it('rate-limits every route, 404s included', async () => {
    const clock = fakeClock();
    const agent = await start({ now: clock.now, rateLimit: { rate: 1, burst: 1 } });
    expect((await http(`${agent.url}/nope`)).status).toBe(404);
    expect((await http(`${agent.url}/nope`)).status).toBe(429);
  });

  it('reads a string limit like ECS_TASK_METADATA_RPS_LIMIT, falling back to the defaults on bad values', async () => {
    expect((await start({ rateLimit: '100,150' })).rateLimit).toEqual({ rate: 100, burst: 150 });
    expect((await start({ rateLimit: ' 5 , 7 ' })).rateLimit).toEqual({ rate: 5, burst: 7 });
    for (const bad of ['100', '1,2,3', 'a,b', '1.5,2', '0,10', '10,-1', '']) {
      expect((await start({ rateLimit: bad })).rateLimit).toEqual({ rate: 40, burst: 60 });
    }
  });

  it('can run without a limit, and then sends no X-Rate-Limit headers', async () => {
    const clock = fakeClock();
    const agent = await start({ now: clock.now, rateLimit: false });
    expect(agent.rateLimit).toBeUndefined();
    const results = await Promise.all(Array.from({ length: 80 }, () => http(agent.fullUri)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results[0]!.headers['x-rate-limit-limit']).toBeUndefined();
  });

  it('rejects an invalid object limit', async () => {
    await expect(startEcsAgent({ rateLimit: { rate: 0, burst: 1 } })).rejects.toMatchObject({ code: 'ERR_EMULATOR_OPTION_INVALID' });
    await expect(startEcsAgent({ rateLimit: { rate: 1, burst: 1.5 } })).rejects.toThrow(/rateLimit\.burst/);
  });
});

describe('ECS agent: rotation', () => {
  it('rotates keys once they come within rotateBeforeMs of expiry', async () => {
    const clock = fakeClock();
    const agent = await start({ now: clock.now, lifetimeMs: 60 * 60_000, rotateBeforeMs: 15 * 60_000 });
    const first = JSON.parse((await http(agent.fullUri)).body);
    expect(first.Expiration).toBe('2026-01-01T01:00:00Z');
    clock.advance(45 * 60_000 - 1);
    expect(JSON.parse((await http(agent.fullUri)).body).AccessKeyId).toBe(first.AccessKeyId);
    clock.advance(1);
    const second = JSON.parse((await http(agent.fullUri)).body);
    expect(second.AccessKeyId).not.toBe(first.AccessKeyId);
    expect(second.SecretAccessKey).not.toBe(first.SecretAccessKey);
    expect(second.Expiration).toBe('2026-01-01T01:45:00Z');
    expect(agent.rotations).toBe(2);
  });

  it('rotates on rotate()', async () => {
    const agent = await start();
    const before = agent.credentials;
    const after = agent.rotate();
    expect(after.accessKeyId).not.toBe(before.accessKeyId);
    expect(JSON.parse((await http(agent.fullUri)).body).AccessKeyId).toBe(after.accessKeyId);
  });

  it('serves explicit credentials as given, even expired ones, until rotate()', async () => {
    const clock = fakeClock();
    const agent = await start({ now: clock.now });
    agent.setCredentials({
      accessKeyId: 'ASIAEXPLICIT00000001',
      secretAccessKey: 'explicit-secret-explicit-secret-explicit',
      sessionToken: 'explicit-token',
      expiration: new Date('2025-12-31T23:00:00Z'),
    });
    const body = JSON.parse((await http(agent.fullUri)).body);
    expect(body).toMatchObject({ AccessKeyId: 'ASIAEXPLICIT00000001', Token: 'explicit-token', Expiration: '2025-12-31T23:00:00Z' });
    expect(JSON.parse((await http(agent.fullUri)).body).AccessKeyId).toBe('ASIAEXPLICIT00000001');
    agent.rotate();
    expect(JSON.parse((await http(agent.fullUri)).body).AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
  });

  it('leaves out Token when the explicit credentials have none', async () => {
    const agent = await start();
    agent.setCredentials({ accessKeyId: 'AKIALONGTERM00000001', secretAccessKey: 's'.repeat(40) });
    expect(Object.keys(JSON.parse((await http(agent.fullUri)).body))).toEqual(['RoleArn', 'AccessKeyId', 'SecretAccessKey', 'Expiration']);
  });
});

describe('ECS agent: authorization token', () => {
  it('requires the configured Authorization value and puts it in env', async () => {
    const agent = await start({ authorizationToken: 'local-token-123' });
    expect(agent.env).toEqual({ AWS_CONTAINER_CREDENTIALS_FULL_URI: agent.fullUri, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'local-token-123' });
    const missing = await http(agent.fullUri);
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body).code).toBe('Unauthorized');
    expect((await http(agent.fullUri, { headers: { authorization: 'Bearer local-token-123' } })).status).toBe(401);
    expect((await http(agent.fullUri, { headers: { authorization: 'local-token-123' } })).status).toBe(200);
  });

  it('rejects a token with a line break', async () => {
    await expect(startEcsAgent({ authorizationToken: 'a\nb' })).rejects.toMatchObject({ code: 'ERR_EMULATOR_OPTION_INVALID' });
  });
});
