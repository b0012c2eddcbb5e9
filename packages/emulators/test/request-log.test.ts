import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startEcsAgent, startImds } from '../src/index.js';
import { fakeClock, http } from './helpers.js';

const closers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c.close()));
});

describe('request log', () => {
  it('records method, path, headers, status, client address and time', async () => {
    const clock = fakeClock();
    const agent = await startEcsAgent({ now: clock.now, credentialsId: 'id1' });
    closers.push(agent);
    await http(agent.fullUri, { headers: { 'user-agent': 'test-client/1.0' } });
    clock.advance(1000);
    await http(`${agent.url}/v1/credentials?id=nope`);
    const [first, second] = agent.requests.entries;
    expect(first).toMatchObject({
      seq: 1,
      method: 'GET',
      path: '/v2/credentials/id1',
      pathname: '/v2/credentials/id1',
      status: 200,
      clientAddress: '127.0.0.1',
      rateLimited: false,
      fault: undefined,
    });
    expect(first!.time.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(first!.headers['user-agent']).toBe('test-client/1.0');
    expect(first!.clientPort).toBeGreaterThan(0);
    expect(second).toMatchObject({ seq: 2, path: '/v1/credentials?id=nope', pathname: '/v1/credentials', status: 400 });
    expect(second!.time.toISOString()).toBe('2026-01-01T00:00:01.000Z');
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('filters, counts, clears', async () => {
    const imds = await startImds({ v1: 'allowed' });
    closers.push(imds);
    await http(`${imds.url}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' } });
    await http(`${imds.url}/latest/meta-data/iam/security-credentials/`);
    await http(`${imds.url}/latest/meta-data/iam/security-credentials/nope`);
    expect(imds.requests.count()).toBe(3);
    expect(imds.requests.count({ method: 'get' })).toBe(2);
    expect(imds.requests.count({ status: 404 })).toBe(1);
    expect(imds.requests.count({ path: '/latest/api/token' })).toBe(1);
    expect(imds.requests.count({ path: /security-credentials/ })).toBe(2);
    expect([...imds.requests].map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(imds.requests.last()?.status).toBe(404);
    imds.requests.clear();
    expect(imds.requests.length).toBe(0);
    await http(`${imds.url}/latest/meta-data/iam/security-credentials/`);
    expect(imds.requests.last()?.seq).toBe(4);
  });

  it('redacts tokens and signatures, and scrubs echoed secrets', async () => {
    const agent = await startEcsAgent({ authorizationToken: 'container-auth-token-value' });
    closers.push(agent);
    const issued = agent.credentials;
    await http(agent.fullUri, {
      headers: {
        authorization: 'container-auth-token-value',
        'x-amz-security-token': issued.sessionToken!,
        'x-echo': `secret=${issued.secretAccessKey}`,
      },
    });
    await http(`${agent.fullUri}?X-Amz-Signature=abcdef0123456789&X-Amz-Security-Token=${encodeURIComponent(issued.sessionToken!)}&keep=1`);
    const [withHeaders, withQuery] = agent.requests.entries;
    expect(withHeaders!.headers.authorization).toBe('[redacted]');
    expect(withHeaders!.headers['x-amz-security-token']).toBe('[redacted]');
    expect(withHeaders!.headers['x-echo']).toBe('secret=[redacted]');
    expect(withQuery!.path).toBe(`${agent.relativeUri}?X-Amz-Signature=[redacted]&X-Amz-Security-Token=[redacted]&keep=1`);
    const dump = JSON.stringify(agent.requests) + inspect(agent.requests, { depth: 10 });
    for (const secret of ['container-auth-token-value', issued.secretAccessKey, issued.sessionToken!, 'abcdef0123456789']) {
      expect(dump).not.toContain(secret);
    }
  });

  it('redacts IMDS session tokens', async () => {
    const imds = await startImds();
    closers.push(imds);
    const token = (await http(`${imds.url}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' } })).body;
    await http(`${imds.url}/latest/meta-data/iam/security-credentials/`, { headers: { 'x-aws-ec2-metadata-token': token } });
    expect(imds.requests.last()?.headers['x-aws-ec2-metadata-token']).toBe('[redacted]');
    expect(JSON.stringify(imds.requests)).not.toContain(token);
  });
});

describe('counters', () => {
  it('count by status and path, 429s and unanswered requests, and reset', async () => {
    const clock = fakeClock();
    const agent = await startEcsAgent({ now: clock.now, credentialsId: 'c', rateLimit: { rate: 1, burst: 2 } });
    closers.push(agent);
    agent.faults.push({ match: { path: '/reset' }, response: { kind: 'reset' } });
    await http(agent.fullUri);
    await http(agent.fullUri);
    await http(agent.fullUri);
    await http(`${agent.url}/v2/credentials/`).catch(() => undefined);
    await http(`${agent.url}/reset`).catch(() => undefined);
    expect(agent.counters.snapshot()).toEqual({
      total: 5,
      throttled: 1,
      rateLimited: 1,
      noResponse: 1,
      byStatus: { '200': 2, '400': 1, '429': 1 },
      byPath: { '/v2/credentials/c': 3, '/v2/credentials/': 1, '/reset': 1 },
    });
    expect(agent.counters.status(200)).toBe(2);
    expect(agent.counters.path('/v2/credentials/c')).toBe(3);
    expect(JSON.parse(JSON.stringify(agent.counters))).toEqual(agent.counters.snapshot());
    agent.counters.reset();
    expect(agent.counters.snapshot()).toEqual({ total: 0, throttled: 0, rateLimited: 0, noResponse: 0, byStatus: {}, byPath: {} });
  });
});

describe('handles keep secrets out of inspect and JSON', () => {
  it('shows address and counters, never credentials or tokens', async () => {
    const agent = await startEcsAgent({ authorizationToken: 'ecs-local-token-secret' });
    const imds = await startImds();
    closers.push(agent, imds);
    await http(agent.fullUri, { headers: { authorization: 'ecs-local-token-secret' } });
    const token = (await http(`${imds.url}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' } })).body;
    await http(`${imds.url}/latest/meta-data/iam/security-credentials/iamkit-emulator-role`, { headers: { 'x-aws-ec2-metadata-token': token } });
    for (const handle of [agent, imds]) {
      const creds = handle.credentials;
      const texts = [inspect(handle, { depth: 10, showHidden: false }), JSON.stringify(handle)];
      for (const text of texts) {
        expect(text).not.toContain(creds.secretAccessKey);
        expect(text).not.toContain(creds.sessionToken);
        expect(text).not.toContain('ecs-local-token-secret');
        expect(text).not.toContain(token);
      }
      expect(inspect(handle)).toContain(handle.url);
    }
    expect(JSON.parse(JSON.stringify(agent))).toMatchObject({ emulator: 'ecs-agent', url: agent.url, counters: { total: 1 }, authorization: true });
  });
});
