import { createServer } from 'node:net';
import { isIamkitError } from '@iamkit/credentials';
import { describe, expect, it } from 'vitest';
import { startEcsAgent, startImds, startPodIdentityAgent } from '../src/index.js';
import { http, httpError } from './helpers.js';

const count = (kind: string): number => process.getActiveResourcesInfo().filter((r) => r === kind).length;

describe('lifecycle', () => {
  it('listens on a free loopback port by default', async () => {
    const agent = await startEcsAgent();
    try {
      expect(agent.host).toBe('127.0.0.1');
      expect(agent.port).toBeGreaterThan(0);
      expect(agent.url).toBe(`http://127.0.0.1:${agent.port}`);
    } finally {
      await agent.close();
    }
  });

  it('listens on IPv6 loopback', async () => {
    const imds = await startImds({ host: '::1', v1: 'allowed' });
    try {
      expect(imds.url).toBe(`http://[::1]:${imds.port}`);
      expect((await http(`${imds.url}/latest/meta-data/iam/security-credentials/`)).status).toBe(200);
      expect(imds.requests.last()?.clientAddress).toBe('::1');
    } finally {
      await imds.close();
    }
  });

  it('close() releases the port and ends keep-alive and hung sockets', async () => {
    const servers = count('TCPServerWrap');
    const agent = await startEcsAgent();
    const port = agent.port;
    // A pooled keep-alive connection, and a request the emulator never answers.
    expect((await http(agent.fullUri)).status).toBe(200);
    agent.faults.push({ response: { kind: 'never-answer' } });
    const hung = httpError(agent.fullUri, { headersTimeout: 60_000 });
    await expect.poll(() => agent.requests.length).toBe(2);
    // A pending fault delay must not keep a timer alive either.
    agent.faults.clear();
    const delay = agent.faults.push({ response: { kind: 'delay', ms: 60_000 } });
    const delayed = httpError(agent.fullUri, { headersTimeout: 60_000 });
    await expect.poll(() => delay.seen).toBe(1);

    await agent.close();
    expect(agent.closed).toBe(true);
    expect(['UND_ERR_SOCKET', 'ECONNRESET']).toContain((await hung).code);
    expect(['UND_ERR_SOCKET', 'ECONNRESET']).toContain((await delayed).code);
    expect(count('TCPServerWrap')).toBe(servers);
    // The delayed request was dropped with its timer, and logged as unanswered.
    expect(agent.requests.last()).toMatchObject({ status: undefined, fault: 'delay' });

    const again = await startEcsAgent({ port });
    expect(again.port).toBe(port);
    await again.close();
  });

  it('close() is idempotent, and [Symbol.asyncDispose] closes', async () => {
    const pod = await startPodIdentityAgent();
    await Promise.all([pod.close(), pod.close()]);
    await pod.close();
    expect(pod.closed).toBe(true);

    const imds = await startImds();
    await imds[Symbol.asyncDispose]();
    expect(imds.closed).toBe(true);
    expect((await httpError(`${imds.url}/latest/api/token`)).code).toBe('ECONNREFUSED');
  });

  it('works with `await using`', async () => {
    let url: string;
    {
      await using agent = await startEcsAgent();
      url = agent.fullUri;
      expect((await http(url)).status).toBe(200);
    }
    expect((await httpError(url)).code).toBe('ECONNREFUSED');
  });

  it('fails with ERR_EMULATOR_LISTEN_FAILED when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const error: unknown = await startImds({ port }).catch((e: unknown) => e);
      expect(isIamkitError(error, 'ERR_EMULATOR_LISTEN_FAILED')).toBe(true);
      expect((error as Error).message).toBe(`imds: cannot listen on 127.0.0.1:${port} (EADDRINUSE). Pass \`port: 0\` for a free port, or another \`host\`.`);
      expect((error as Error).cause).toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('rejects invalid common options before listening', async () => {
    const cases: [() => Promise<unknown>, RegExp][] = [
      [() => startEcsAgent({ port: -1 }), /`port`/],
      [() => startEcsAgent({ port: 70000 }), /`port`/],
      [() => startImds({ host: '' }), /`host`/],
      [() => startPodIdentityAgent({ lifetimeMs: Number.NaN }), /`lifetimeMs`/],
      [() => startEcsAgent({ rotateBeforeMs: -1 }), /`rotateBeforeMs`/],
      [() => startEcsAgent({ credentialsId: '' }), /`credentialsId`/],
      [() => startEcsAgent({ notReady: { forMs: -1 } }), /`notReady.forMs`/],
    ];
    for (const [start, message] of cases) {
      const error: unknown = await start().catch((e: unknown) => e);
      expect(isIamkitError(error, 'ERR_EMULATOR_OPTION_INVALID')).toBe(true);
      expect((error as Error).message).toMatch(message);
    }
  });
});
