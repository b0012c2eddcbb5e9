import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type EcsAgent, type FaultRule, startEcsAgent, startImds, startPodIdentityAgent } from '../src/index.js';
import { fakeClock, http, httpError } from './helpers.js';

const closers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c.close()));
});

async function ecs(options: Parameters<typeof startEcsAgent>[0] = {}): Promise<EcsAgent> {
  const agent = await startEcsAgent({ credentialsId: 'x', ...options });
  closers.push(agent);
  return agent;
}

describe('faults: answers instead of the emulator', () => {
  it('answers the next 3 requests with 429 and Retry-After, then normally', async () => {
    const agent = await ecs();
    const rule = agent.faults.push({ match: { path: '/v2/credentials/x' }, times: 3, response: { kind: 'status', status: 429, retryAfter: 2 } });
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await http(agent.fullUri));
    expect(results.map((r) => r.status)).toEqual([429, 429, 429, 200]);
    expect(results[0]!.headers['retry-after']).toBe('2');
    expect(rule.applied).toBe(3);
    expect(rule.done).toBe(true);
    expect(agent.faults.active).toHaveLength(0);
    expect(agent.counters.throttled).toBe(3);
    expect(agent.counters.rateLimited).toBe(0);
    expect(agent.requests.entries.map((e) => e.fault)).toEqual(['status', 'status', 'status', undefined]);
  });

  it('always answers 500 with a body and headers', async () => {
    const agent = await ecs();
    agent.faults.push({ response: { kind: 'status', status: 500, body: { code: 'InternalServerError', message: 'boom' }, headers: { 'X-Extra': '1' } } });
    for (let i = 0; i < 3; i++) {
      const res = await http(agent.fullUri);
      expect(res.status).toBe(500);
      expect(res.headers['content-type']).toBe('application/json');
      expect(res.headers['x-extra']).toBe('1');
      expect(JSON.parse(res.body)).toEqual({ code: 'InternalServerError', message: 'boom' });
    }
    agent.faults.clear();
    expect((await http(agent.fullUri)).status).toBe(200);
  });

  it('answers with a text body and a chosen content type', async () => {
    const agent = await ecs();
    agent.faults.push({ times: 1, response: { kind: 'status', status: 502, body: '<html>bad gateway</html>', contentType: 'text/html' } });
    const res = await http(agent.fullUri);
    expect(res).toMatchObject({ status: 502, body: '<html>bad gateway</html>' });
    expect(res.headers['content-type']).toBe('text/html');
  });

  it("answers with the emulator's own 429, byte for byte, plus Retry-After when asked", async () => {
    const agent = await ecs();
    agent.faults.push({ times: 1, response: { kind: 'throttle', retryAfter: 1 } });
    const res = await http(agent.fullUri);
    expect(res.status).toBe(429);
    expect(res.body).toBe('You have reached maximum request limit.');
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['x-rate-limit-limit']).toBe('40.00');
    expect(res.headers['retry-after']).toBe('1');
    const pod = await startPodIdentityAgent();
    closers.push(pod);
    pod.faults.push({ response: { kind: 'throttle' } });
    expect((await http(pod.fullUri, { headers: { authorization: pod.token } })).body).toBe('Too Many Requests\n');
  });

  it('bypasses the rate limiter: faulted requests spend no tokens', async () => {
    const clock = fakeClock();
    const agent = await ecs({ now: clock.now, rateLimit: { rate: 1, burst: 1 } });
    agent.faults.push({ times: 5, response: { kind: 'status', status: 503 } });
    for (let i = 0; i < 5; i++) expect((await http(agent.fullUri)).status).toBe(503);
    expect((await http(agent.fullUri)).status).toBe(200);
  });

  it('resets the connection before the status line', async () => {
    const agent = await ecs();
    agent.faults.push({ times: 1, response: { kind: 'reset' } });
    const error = await httpError(agent.fullUri);
    expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain(error.code);
    expect(agent.requests.last()).toMatchObject({ status: undefined, fault: 'reset' });
    expect(agent.counters.noResponse).toBe(1);
    expect((await http(agent.fullUri)).status).toBe(200);
  });

  it('never answers, until the client gives up', async () => {
    const agent = await ecs();
    agent.faults.push({ times: 1, response: { kind: 'never-answer' } });
    const error = await httpError(agent.fullUri, { headersTimeout: 100 });
    expect(error.code).toBe('UND_ERR_HEADERS_TIMEOUT');
    expect(agent.requests.last()?.status).toBeUndefined();
    expect((await http(agent.fullUri)).status).toBe(200);
  });
});

describe('faults: delays', () => {
  it('delays after the first request: the second outlasts a short client timeout', async () => {
    const agent = await ecs();
    agent.faults.push({ after: 1, response: { kind: 'delay', ms: 5000 } });
    expect((await http(agent.fullUri)).status).toBe(200);
    const error = await httpError(agent.fullUri, { headersTimeout: 100 });
    expect(error.code).toBe('UND_ERR_HEADERS_TIMEOUT');
  });

  it('answers normally once a delay has passed', async () => {
    const agent = await ecs();
    const rule = agent.faults.push({ times: 1, response: { kind: 'delay', ms: 1 } });
    const res = await http(agent.fullUri);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).AccessKeyId).toBe(agent.credentials.accessKeyId);
    expect(rule.applied).toBe(1);
  });

  it('delays a status answer with delayMs', async () => {
    const agent = await ecs();
    agent.faults.push({ times: 1, response: { kind: 'status', status: 500, delayMs: 5000 } });
    expect((await httpError(agent.fullUri, { headersTimeout: 100 })).code).toBe('UND_ERR_HEADERS_TIMEOUT');
    // The client gave up during the delay: logged without a status.
    await expect.poll(() => agent.requests.length).toBe(1);
    expect(agent.requests.last()).toMatchObject({ status: undefined, fault: 'status' });
  });

  it('stalls mid-body: headers arrive, the body does not finish', async () => {
    const agent = await ecs();
    agent.faults.push({ times: 1, response: { kind: 'stall-body', ms: 5000 } });
    const error = await httpError(agent.fullUri, { bodyTimeout: 100 });
    expect(error.code).toBe('UND_ERR_BODY_TIMEOUT');
    expect(agent.requests.last()).toMatchObject({ status: 200, fault: 'stall-body' });
  });

  it('finishes a stalled body after the pause', async () => {
    const agent = await ecs();
    agent.faults.push({ times: 1, response: { kind: 'stall-body', ms: 1, afterBytes: 10 } });
    const res = await http(agent.fullUri);
    expect(JSON.parse(res.body).RoleArn).toMatch(/^arn:aws:iam::/);
  });
});

describe('faults: broken answers', () => {
  it('resets the connection right after the headers', async () => {
    const agent = await ecs();
    agent.faults.push({ times: 1, response: { kind: 'reset', when: 'after-headers' } });
    const error = await httpError(agent.fullUri);
    expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain(error.code);
    expect(agent.requests.last()).toMatchObject({ status: 200, fault: 'reset' });
  });

  it('truncates the body under a larger Content-Length and closes', async () => {
    const agent = await ecs();
    agent.faults.push({ times: 1, response: { kind: 'truncate', bytes: 20 } });
    const raw = await new Promise<Buffer>((resolve, reject) => {
      const { hostname, port } = new URL(agent.url);
      const socket = connect({ host: hostname, port: Number(port) }, () => socket.write(`GET ${agent.relativeUri} HTTP/1.1\r\nHost: x\r\n\r\n`));
      const chunks: Buffer[] = [];
      socket.on('data', (c: Buffer) => chunks.push(c));
      socket.on('error', reject);
      socket.on('close', () => {
        resolve(Buffer.concat(chunks));
      });
    });
    const text = raw.toString('latin1');
    const declared = Number(/\r\nContent-Length: (\d+)\r\n/.exec(text)?.[1]);
    const body = text.slice(text.indexOf('\r\n\r\n') + 4);
    expect(body).toBe('{"RoleArn":"arn:aws:');
    expect(declared).toBeGreaterThan(600);
    // The same through undici: the body never completes.
    agent.faults.push({ times: 1, response: { kind: 'truncate' } });
    expect((await httpError(agent.fullUri)).code).toBe('UND_ERR_SOCKET');
  });

  it('sends malformed JSON', async () => {
    const agent = await ecs();
    agent.faults.push({ times: 1, response: { kind: 'malformed-json' } });
    const res = await http(agent.fullUri);
    expect(res.status).toBe(200);
    expect(res.body.startsWith('{"RoleArn"')).toBe(true);
    expect(() => JSON.parse(res.body) as unknown).toThrow(SyntaxError);
    agent.faults.push({ times: 1, response: { kind: 'malformed-json', body: '{"AccessKeyId":' } });
    expect((await http(agent.fullUri)).body).toBe('{"AccessKeyId":');
  });

  it('leaves out fields', async () => {
    const agent = await ecs();
    agent.faults.push({ times: 1, response: { kind: 'omit-fields', fields: ['Token', 'Expiration'] } });
    expect(Object.keys(JSON.parse((await http(agent.fullUri)).body))).toEqual(['RoleArn', 'AccessKeyId', 'SecretAccessKey']);
    // Error answers keep their shape: omitting absent fields changes nothing.
    agent.faults.push({ times: 1, response: { kind: 'omit-fields', fields: ['Token'] } });
    expect(JSON.parse((await http(`${agent.url}/v2/credentials/other`)).body).code).toBe('InvalidIdInRequest');
  });

  it('serves already-expired credentials in each endpoint\u2019s own format', async () => {
    const clock = fakeClock();
    const agent = await ecs({ now: clock.now });
    agent.faults.push({ times: 1, response: { kind: 'expired-credentials' } });
    expect(JSON.parse((await http(agent.fullUri)).body).Expiration).toBe('2025-12-31T23:59:00Z');

    const pod = await startPodIdentityAgent({ now: clock.now });
    closers.push(pod);
    pod.faults.push({ times: 1, response: { kind: 'expired-credentials', agoMs: 1000 } });
    expect(JSON.parse((await http(pod.fullUri, { headers: { authorization: pod.token } })).body).Expiration).toBe('2025-12-31T23:59:59.000000000Z');

    const imds = await startImds({ now: clock.now, v1: 'allowed' });
    closers.push(imds);
    imds.faults.push({ times: 1, response: { kind: 'expired-credentials' } });
    const doc = (await http(`${imds.url}/latest/meta-data/iam/security-credentials/iamkit-emulator-role`)).body;
    expect(doc).toContain('\n  "Expiration" : "2025-12-31T23:59:00Z"\n}');
  });

  it('sends the wrong content type', async () => {
    const agent = await ecs();
    agent.faults.push({ times: 1, response: { kind: 'content-type', contentType: 'text/html' } });
    const res = await http(agent.fullUri);
    expect(res.headers['content-type']).toBe('text/html');
    expect(JSON.parse(res.body).AccessKeyId).toBe(agent.credentials.accessKeyId);
  });
});

describe('faults: matching and bookkeeping', () => {
  it('matches by method, exact path, full target, RegExp and predicate', async () => {
    const imds = await startImds({ v1: 'allowed' });
    closers.push(imds);
    const byMethod = imds.faults.push({ match: { method: 'put' }, response: { kind: 'status', status: 500 } });
    const byTarget = imds.faults.push({ match: { path: '/latest/meta-data/iam/info?x=1' }, response: { kind: 'status', status: 501 } });
    const byRegExp = imds.faults.push({ match: { path: /security-credentials\/.+/ }, response: { kind: 'status', status: 502 } });
    const byPredicate = imds.faults.push({ match: (r) => r.headers['x-test'] === 'yes', response: { kind: 'status', status: 503 } });
    expect((await http(`${imds.url}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '5' } })).status).toBe(500);
    expect((await http(`${imds.url}/latest/meta-data/iam/info?x=1`)).status).toBe(501);
    expect((await http(`${imds.url}/latest/meta-data/iam/info`)).status).toBe(200);
    expect((await http(`${imds.url}/latest/meta-data/iam/security-credentials/iamkit-emulator-role`)).status).toBe(502);
    expect((await http(`${imds.url}/latest/meta-data/iam/security-credentials/`)).status).toBe(200);
    expect((await http(`${imds.url}/latest/meta-data/iam/security-credentials/`, { headers: { 'x-test': 'yes' } })).status).toBe(503);
    expect([byMethod.applied, byTarget.applied, byRegExp.applied, byPredicate.applied]).toEqual([1, 1, 1, 1]);
  });

  it('counts every matching request against every rule; the first applicable rule wins', async () => {
    const agent = await ecs();
    const first = agent.faults.push({ times: 1, response: { kind: 'status', status: 500 } });
    const third = agent.faults.push({ after: 2, times: 1, response: { kind: 'status', status: 503 } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await http(agent.fullUri)).status);
    expect(statuses).toEqual([500, 200, 503, 200]);
    expect(first).toMatchObject({ seen: 1, applied: 1, done: true });
    expect(third).toMatchObject({ seen: 3, applied: 1, done: true });
  });

  it('removes a single rule', async () => {
    const agent = await ecs();
    const rule = agent.faults.push({ response: { kind: 'status', status: 500 } });
    expect((await http(agent.fullUri)).status).toBe(500);
    rule.remove();
    expect(rule.done).toBe(true);
    expect((await http(agent.fullUri)).status).toBe(200);
  });

  it('rejects malformed rules with ERR_EMULATOR_FAULT_INVALID', async () => {
    const agent = await ecs();
    const bad: [FaultRule, RegExp][] = [
      [{ response: { kind: 'explode' } as never }, /response\.kind/],
      [{ times: 0, response: { kind: 'never-answer' } }, /times/],
      [{ after: -1, response: { kind: 'never-answer' } }, /after/],
      [{ response: { kind: 'delay', ms: -5 } }, /response\.ms/],
      [{ response: { kind: 'status', status: 700 } }, /response\.status/],
      [{ response: { kind: 'truncate', bytes: 1.5 } }, /response\.bytes/],
      [{ response: { kind: 'status', status: 500, delayMs: Number.NaN } }, /delayMs/],
      [{} as never, /response/],
    ];
    for (const [rule, message] of bad) {
      expect(() => agent.faults.push(rule)).toThrow(message);
      try {
        agent.faults.push(rule);
      } catch (error) {
        expect((error as { code?: string }).code).toBe('ERR_EMULATOR_FAULT_INVALID');
      }
    }
    expect(agent.faults.active).toHaveLength(0);
  });
});
