import { afterEach, describe, expect, it } from 'vitest';
import { cached } from '@iamkit/credentials';
import { createServiceAccountToken, startEcsAgent, startPodIdentityAgent, type EcsAgent, type PodIdentityAgent } from '@iamkit/emulators';
import { CONTAINER_NOTICE_CHANNEL, fromContainerMetadata } from '../src/index.js';
import { recordChannels } from './helpers/events.js';
import { fakeClock, memoryFiles, recordingSleep, rejectionOf } from './helpers/runtime.js';

const TOKEN_FILE = '/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token';
const HOUR = 3_600_000;

let handles: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(handles.map((h) => h.close()));
  handles = [];
});

async function podIdentity(options: Parameters<typeof startPodIdentityAgent>[0] = {}): Promise<PodIdentityAgent> {
  const agent = await startPodIdentityAgent({ tokenFile: TOKEN_FILE, ...options });
  handles.push(agent);
  return agent;
}

async function ecs(options: Parameters<typeof startEcsAgent>[0] = {}): Promise<EcsAgent> {
  const agent = await startEcsAgent(options);
  handles.push(agent);
  return agent;
}

describe('authorization token', () => {
  it('re-reads the token file on every fetch, so a rotated token keeps working after the first refresh', async () => {
    const clock = fakeClock();
    const agent = await podIdentity({ now: clock.now, lifetimeMs: 6 * HOUR });
    const files = memoryFiles({ [TOKEN_FILE]: `${agent.token}\n` });
    const provider = cached(fromContainerMetadata({ env: agent.env, readFile: files.readFile, now: clock.now }), { now: clock.now });

    const first = await provider();
    // kubelet rotates the projected token: the agent accepts only the new one from now on.
    const next = createServiceAccountToken({ now: clock.now });
    agent.acceptToken(next);
    agent.revokeToken(agent.token);
    files.files[TOKEN_FILE] = `${next}\n`;

    clock.advance(5.8 * HOUR); // inside the agent's rotation window and the cache's mandatory-free advisory window
    const second = await provider({ forceRefresh: true });
    expect(await provider()).toBe(second);
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(files.reads.get(TOKEN_FILE)).toBe(2);
    expect(agent.requests.entries.map((e) => e.status)).toEqual([200, 200]);
  });

  it('re-reads the file on every retry attempt too', async () => {
    const agent = await podIdentity();
    const files = memoryFiles({ [TOKEN_FILE]: agent.token });
    agent.faults.push({ times: 2, response: { kind: 'status', status: 500, body: 'boom' } });
    const { sleep } = recordingSleep();
    await fromContainerMetadata({ env: agent.env, readFile: files.readFile, sleep })();
    expect(files.reads.get(TOKEN_FILE)).toBe(3);
  });

  it('sends the token raw, without Bearer (the agents reject anything else)', async () => {
    const agent = await ecs({ authorizationToken: 'raw-token-value-0123456789' });
    const creds = await fromContainerMetadata({ env: agent.env, readFile: memoryFiles().readFile })();
    expect(creds.accessKeyId).toBe(agent.credentials.accessKeyId);
    // The emulator refuses `Bearer raw-token…`, so the success above proves the raw form.
    const refused = await rejectionOf(fromContainerMetadata({ env: { ...agent.env, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'Bearer raw-token-value-0123456789' }, maxAttempts: 1 })());
    expect(refused.code).toBe('ERR_CONTAINER_ACCESS_DENIED');
  });

  it('lets the file win over the inline token, and says so once', async () => {
    const agent = await podIdentity();
    const files = memoryFiles({ [TOKEN_FILE]: agent.token });
    const recorder = recordChannels([CONTAINER_NOTICE_CHANNEL]);
    try {
      const provider = fromContainerMetadata({ env: { ...agent.env, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'not-a-jwt' }, readFile: files.readFile });
      await provider();
      await provider();
    } finally {
      recorder.stop();
    }
    expect(recorder.events.map((e) => e.message.kind)).toEqual(['token-file-wins']);
  });

  it.each([
    ['a missing file', undefined, 'ERR_CONTAINER_TOKEN_FILE', /cannot read.*ENOENT.*AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE/],
    ['an empty file', '\n  \n', 'ERR_CONTAINER_TOKEN_INVALID', /is empty.*AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE/],
    ['a token with CR/LF inside', 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln\r\nX-Injected: yes', 'ERR_CONTAINER_TOKEN_INVALID', /line break/],
  ])('fails at once for %s (%s), before any request', async (_name, content, code, message) => {
    const agent = await podIdentity();
    const files = memoryFiles(content === undefined ? {} : { [TOKEN_FILE]: content });
    const { sleep, delays } = recordingSleep();
    const error = await rejectionOf(fromContainerMetadata({ env: agent.env, readFile: files.readFile, sleep })());
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(delays).toEqual([]);
    expect(agent.counters.total).toBe(0);
  });

  it('refuses an inline token with a line break, naming the variable', async () => {
    const agent = await ecs();
    const error = await rejectionOf(fromContainerMetadata({ env: { ...agent.env, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'abc\ndef' } })());
    expect(error.code).toBe('ERR_CONTAINER_TOKEN_INVALID');
    expect(error.message).toContain('AWS_CONTAINER_AUTHORIZATION_TOKEN');
    expect(error.message).not.toContain('abc');
  });
});
