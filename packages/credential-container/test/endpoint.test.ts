import { afterEach, describe, expect, it } from 'vitest';
import { chain, credentialSource, isNotConfigured, runChain } from '@iamkit/credentials';
import { startEcsAgent, type EcsAgent } from '@iamkit/emulators';
import { CONTAINER_NOTICE_CHANNEL, fromContainerMetadata, fromHttp } from '../src/index.js';
import { recordChannels } from './helpers/events.js';
import { memoryFiles, rejectionOf } from './helpers/runtime.js';

const RELATIVE = 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI';
const FULL = 'AWS_CONTAINER_CREDENTIALS_FULL_URI';
const NOWHERE = { readFile: memoryFiles().readFile };

let agent: EcsAgent;
afterEach(async () => {
  await agent.close();
});

describe('which endpoint', () => {
  it('fetches RELATIVE_URI from the ECS agent address (relativeUriBase points it at the emulator here)', async () => {
    agent = await startEcsAgent();
    const creds = await fromContainerMetadata({ env: { [RELATIVE]: agent.relativeUri }, relativeUriBase: agent.url, ...NOWHERE })();
    expect(creds.accessKeyId).toBe(agent.credentials.accessKeyId);
    expect(credentialSource(creds)).toBe('container');
    expect(agent.requests.last()?.pathname).toBe(agent.relativeUri);
  });

  it('lets RELATIVE_URI win over FULL_URI and says so once on the notice channel', async () => {
    agent = await startEcsAgent();
    const recorder = recordChannels([CONTAINER_NOTICE_CHANNEL]);
    try {
      // FULL_URI points at a port nothing listens on: only RELATIVE_URI can succeed.
      const provider = fromContainerMetadata({ env: { [RELATIVE]: agent.relativeUri, [FULL]: 'http://127.0.0.1:9/unused' }, relativeUriBase: agent.url, ...NOWHERE });
      await provider();
      await provider();
    } finally {
      recorder.stop();
    }
    expect(agent.counters.total).toBe(2);
    expect(recorder.events).toHaveLength(1);
    expect(recorder.events[0]?.message).toMatchObject({ source: 'container', kind: 'relative-uri-wins' });
    expect(String(recorder.events[0]?.message.message)).toContain(`using ${RELATIVE}`);
  });

  it.each([
    ['http://evil.example/x', 'ERR_CONTAINER_URI_INVALID'],
    ['//evil.example/x', 'ERR_CONTAINER_URI_INVALID'],
    ['v2/credentials/x', 'ERR_CONTAINER_URI_INVALID'],
    ['/v2/credentials/x y', 'ERR_CONTAINER_URI_INVALID'],
  ])('refuses the RELATIVE_URI %j with %s naming the variable', async (value, code) => {
    agent = await startEcsAgent();
    const error = await rejectionOf(fromContainerMetadata({ env: { [RELATIVE]: value }, relativeUriBase: agent.url, ...NOWHERE })());
    expect(error.code).toBe(code);
    expect(error.message).toContain(RELATIVE);
    expect(agent.counters.total).toBe(0);
  });

  it('is not configured without either variable, and a chain moves on', async () => {
    agent = await startEcsAgent();
    const provider = fromContainerMetadata({ env: {}, ...NOWHERE });
    const error = await rejectionOf(provider());
    expect(isNotConfigured(error)).toBe(true);
    expect(error.message).toContain(RELATIVE);
    expect(error.message).toContain(FULL);
    const report = await runChain([provider, fromContainerMetadata({ env: agent.env, ...NOWHERE })]);
    expect(report.attempts.map((a) => a.outcome)).toEqual(['not-configured', 'credentials']);
    expect(report.attempts[0]?.source).toBe('container');
  });

  it('treats blank variables as unset', async () => {
    const error = await rejectionOf(fromContainerMetadata({ env: { [RELATIVE]: '  ', [FULL]: '' }, ...NOWHERE })());
    expect(isNotConfigured(error)).toBe(true);
  });

  it('takes the SDK option names (fromHttp) over the variables', async () => {
    agent = await startEcsAgent();
    const provider = fromHttp({ env: { [FULL]: 'http://127.0.0.1:9/unused' }, awsContainerCredentialsFullUri: agent.fullUri, timeout: 500, maxRetries: 0, ...NOWHERE });
    expect((await provider()).accessKeyId).toBe(agent.credentials.accessKeyId);
    const bad = await rejectionOf(fromHttp({ env: {}, awsContainerCredentialsFullUri: 'http://evil.example/', ...NOWHERE })());
    expect(bad.code).toBe('ERR_CONTAINER_HOST_NOT_ALLOWED');
    expect(bad.message).toContain('option awsContainerCredentialsFullUri');
  });

  it('refuses unusable options synchronously with ERR_CONFIG_INVALID', () => {
    expect(() => fromContainerMetadata({ maxAttempts: 0 })).toThrow(/maxAttempts/);
    expect(() => fromContainerMetadata({ headersTimeoutMs: -1 })).toThrow(/headersTimeoutMs/);
    expect(() => fromContainerMetadata({ relativeUriBase: 'ftp://x' })).toThrow(/relativeUriBase/);
    expect(() => fromContainerMetadata({ maxRetries: 1.5 })).toThrow(/maxRetries/);
  });
});

describe('PID 1 environment (the docker exec / ECS Exec trap)', () => {
  const environ = (relative: string): string => ['PATH=/usr/bin', 'HOSTNAME=task', `${RELATIVE}=${relative}`, 'ECS_CONTAINER_METADATA_URI_V4=http://169.254.170.2/v4/x', ''].join('\0');

  it('is off by default, and the not-configured error says which option to turn on', async () => {
    agent = await startEcsAgent();
    const files = memoryFiles({ '/fake/proc/1/environ': environ(agent.relativeUri) });
    const error = await rejectionOf(fromContainerMetadata({ env: {}, readFile: files.readFile, pid1EnvironPath: '/fake/proc/1/environ', relativeUriBase: agent.url })());
    expect(isNotConfigured(error)).toBe(true);
    expect(error.message).toContain('lookInPid1Environment: true');
    expect(error.message).toContain('/fake/proc/1/environ');
    expect(agent.counters.total).toBe(0);
  });

  it('with lookInPid1Environment, takes RELATIVE_URI from PID 1 and announces it', async () => {
    agent = await startEcsAgent();
    const files = memoryFiles({ '/fake/proc/1/environ': environ(agent.relativeUri) });
    const recorder = recordChannels([CONTAINER_NOTICE_CHANNEL]);
    try {
      const provider = fromContainerMetadata({ env: {}, readFile: files.readFile, pid1EnvironPath: '/fake/proc/1/environ', relativeUriBase: agent.url, lookInPid1Environment: true });
      expect((await provider()).accessKeyId).toBe(agent.credentials.accessKeyId);
    } finally {
      recorder.stop();
    }
    expect(recorder.events.map((e) => e.message.kind)).toEqual(['pid1-environment']);
  });

  it('prefers the process’s own variables, and stays not configured when PID 1 has nothing or cannot be read', async () => {
    agent = await startEcsAgent();
    const files = memoryFiles({ '/proc-empty': 'PATH=/bin\0' });
    const own = fromContainerMetadata({ env: agent.env, readFile: files.readFile, pid1EnvironPath: '/proc-empty', lookInPid1Environment: true });
    await own();
    expect(files.reads.get('/proc-empty')).toBeUndefined();
    for (const path of ['/proc-empty', '/missing']) {
      const error = await rejectionOf(fromContainerMetadata({ env: {}, readFile: files.readFile, pid1EnvironPath: path, lookInPid1Environment: true })());
      expect(isNotConfigured(error)).toBe(true);
      expect(error.message).not.toContain('lookInPid1Environment');
    }
  });

  it('works inside a chain: the first source that is configured wins', async () => {
    agent = await startEcsAgent();
    const provider = chain(fromContainerMetadata({ env: {}, ...NOWHERE }), fromContainerMetadata({ env: agent.env, ...NOWHERE }));
    expect((await provider()).accessKeyId).toBe(agent.credentials.accessKeyId);
  });
});
