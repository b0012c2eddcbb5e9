import { credentialSource, isIamkitError, NoneConfiguredError, runChain, type Env } from '@iamkit/credentials';
import { createServiceAccountToken, STS_SAMPLE_ROLES } from '@iamkit/emulators';
import { describe, expect, it } from 'vitest';
import { defaultChainSources, fromNodeProviderChain, PROVIDERS_NOTICE_CHANNEL, type FromNodeProviderChainOptions } from '../src/index.js';
import { ALICE, assumeCalls, closedPort, CONFIG, CREDENTIALS, ecs, fakeClock, files, HOME, imds, keys, listen, MINUTE, rejection, ROLE_A, sts } from './helpers.js';

const BOB = { accessKeyId: 'AKIAENVEXAMPLE000001', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYENVKEY0001' };
const ENV_KEYS = { AWS_ACCESS_KEY_ID: BOB.accessKeyId, AWS_SECRET_ACCESS_KEY: BOB.secretAccessKey };
const TOKEN_FILE = '/var/run/secrets/eks.amazonaws.com/serviceaccount/token';

interface World {
  readonly env: Record<string, string>;
  readonly readFile: ReturnType<typeof files>;
  readonly clock: ReturnType<typeof fakeClock>;
  readonly counts: () => Record<string, number>;
}

/** Every source available at once: pick which ones a case's environment points at. */
async function world(parts: readonly ('env' | 'profile' | 'web-identity' | 'container' | 'imds' | 'AWS_PROFILE')[]): Promise<World> {
  const clock = fakeClock();
  const token = createServiceAccountToken({ now: clock.now, audience: 'sts.amazonaws.com' });
  const stsEmulator = await sts({ now: clock.now, webIdentity: { tokens: [token] } });
  const agent = await ecs({ now: clock.now });
  const metadata = await imds({ now: clock.now });
  const env: Record<string, string> = { HOME, ...stsEmulator.env, AWS_EC2_METADATA_DISABLED: 'true' };
  const fileSystem: Record<string, string> = { [TOKEN_FILE]: token };
  for (const part of parts) {
    if (part === 'env') Object.assign(env, ENV_KEYS);
    if (part === 'profile') fileSystem[CREDENTIALS] = `[default]\n${keys(ALICE)}[dev]\n${keys(ALICE)}`;
    if (part === 'AWS_PROFILE') env.AWS_PROFILE = 'dev';
    if (part === 'web-identity') Object.assign(env, { AWS_WEB_IDENTITY_TOKEN_FILE: TOKEN_FILE, AWS_ROLE_ARN: STS_SAMPLE_ROLES.webIdentity.arn });
    if (part === 'container') Object.assign(env, agent.env);
    if (part === 'imds') {
      Object.assign(env, metadata.env);
      delete env.AWS_EC2_METADATA_DISABLED;
    }
  }
  return {
    env,
    readFile: files(fileSystem),
    clock,
    counts: () => ({ sts: stsEmulator.calls.length, container: agent.counters.total, imds: metadata.counters.total }),
  };
}

function chainOf(w: World, extra: FromNodeProviderChainOptions = {}): ReturnType<typeof fromNodeProviderChain> {
  return fromNodeProviderChain({ env: w.env, readFile: w.readFile, now: w.clock.now, shared: false, ...extra });
}

describe('fromNodeProviderChain: which source wins', () => {
  it.each<[string, Parameters<typeof world>[0], string, Record<string, number>]>([
    ['env keys alone', ['env'], 'env', { sts: 0, container: 0, imds: 0 }],
    ['env keys over everything else', ['env', 'profile', 'web-identity', 'container', 'imds'], 'env', { sts: 0, container: 0, imds: 0 }],
    ['AWS_PROFILE: the profile over env keys (as in the AWS SDK)', ['AWS_PROFILE', 'env', 'profile', 'container'], 'ini', { sts: 0, container: 0, imds: 0 }],
    ['the default profile over web identity and the container', ['profile', 'web-identity', 'container', 'imds'], 'ini', { sts: 0, container: 0, imds: 0 }],
    ['web identity over the container and IMDS', ['web-identity', 'container', 'imds'], 'web-identity', { sts: 1, container: 0, imds: 0 }],
    ['the container over IMDS, which is never asked', ['container', 'imds'], 'container', { sts: 0, container: 1, imds: 0 }],
    ['IMDS, when nothing else is configured', ['imds'], 'imds', { sts: 0, container: 0, imds: 3 }],
  ])('%s', async (_name, parts, winner, counts) => {
    const w = await world(parts);
    const creds = await chainOf(w)();
    expect(credentialSource(creds)).toBe(winner);
    expect(w.counts()).toEqual(counts);
  });

  it('skips env keys when a profile is chosen and says so once', async () => {
    const notices = listen(PROVIDERS_NOTICE_CHANNEL);
    const w = await world(['AWS_PROFILE', 'env', 'profile']);
    const chain = chainOf(w);
    await chain();
    await chain({ forceRefresh: true });
    expect(notices.filter((n) => (n as { kind: string }).kind === 'env-skipped')).toEqual([
      expect.objectContaining({ function: 'fromNodeProviderChain', message: expect.stringContaining("AWS_ACCESS_KEY_ID is set but ignored, because AWS_PROFILE selects profile 'dev'") }),
    ]);
  });

  it('stops at a configured source that fails, without falling through to the next one', async () => {
    const w = await world(['web-identity', 'container']);
    w.readFile.set(TOKEN_FILE, undefined);
    const error = await rejection(chainOf(w)());
    expect(isIamkitError(error, 'ERR_WEB_IDENTITY_TOKEN_FILE')).toBe(true);
    expect(w.counts().container).toBe(0);
  });

  it('uses clientConfig.region for the STS client of a profile’s role', async () => {
    const clock = fakeClock();
    const emulator = await sts({ now: clock.now, region: 'eu-west-3' });
    const readFile = files({ [CONFIG]: `[default]\nrole_arn = ${ROLE_A.arn}\nsource_profile = base\n`, [CREDENTIALS]: `[base]\n${keys(ALICE)}` });
    const creds = await fromNodeProviderChain({ env: { HOME, ...emulator.env, AWS_EC2_METADATA_DISABLED: 'true' }, readFile, now: clock.now, clientConfig: { region: 'eu-west-3' }, shared: false })();
    expect(creds.accessKeyId).toMatch(/^ASIA/);
    expect(assumeCalls(emulator)).toEqual([{ accessKeyId: ALICE.accessKeyId, status: 200, code: undefined }]);
  });
});

describe('fromNodeProviderChain: IMDS is the last resort only', () => {
  it('AWS_EC2_METADATA_DISABLED=true skips IMDS entirely', async () => {
    const metadata = await imds();
    const error = await rejection(fromNodeProviderChain({ env: { HOME, ...metadata.env, AWS_EC2_METADATA_DISABLED: 'true' }, readFile: files({}), shared: false })());
    expect(error).toBeInstanceOf(NoneConfiguredError);
    expect(error.message).toContain('  - imds: AWS_EC2_METADATA_DISABLED is true');
    expect(metadata.counters.total).toBe(0);
  });

  it('never asks IMDS in a container, even when the container endpoint fails', async () => {
    const agent = await ecs();
    const metadata = await imds();
    agent.faults.push({ response: { kind: 'status', status: 500, body: { code: 'InternalServerError', message: 'boom' } } });
    const error = await rejection(fromNodeProviderChain({ env: { HOME, ...agent.env, ...metadata.env }, readFile: files({}), maxRetries: 0, shared: false })());
    expect(error.source).toBe('container');
    expect(error.status).toBe(500);
    expect(agent.counters.total).toBe(1);
    expect(metadata.counters.total).toBe(0);
  });

  it('when nothing is configured, lists every source and why, plus what to set on ECS, EKS, EC2, Lambda and a laptop', async () => {
    const port = await closedPort();
    const error = await rejection(fromNodeProviderChain({ env: { HOME, AWS_EC2_METADATA_SERVICE_ENDPOINT: `http://127.0.0.1:${port}` }, readFile: files({}), maxRetries: 0, shared: false })());
    expect(error).toBeInstanceOf(NoneConfiguredError);
    expect(error.code).toBe('ERR_CREDENTIALS_NONE_CONFIGURED');
    const tried = (error as unknown as NoneConfiguredError).tried;
    expect(tried.map((t) => t.source)).toEqual(['env', 'ini', 'web-identity', 'container', 'imds']);
    expect(tried[4]?.reason).toMatch(/^no instance metadata service answered: .*connection was refused.*\(ERR_HTTP_CONNECTION\)$/);
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('No credential source is configured. Tried, in order:');
    expect(lines.slice(1, 6).map((l) => l.split(':')[0])).toEqual(['  - env', '  - ini', '  - web-identity', '  - container', '  - imds']);
    expect(lines).toContain('To give this process AWS credentials:');
    for (const topic of ['  - ECS:', '  - EKS with IAM roles for service accounts (IRSA):', '  - EKS Pod Identity:', '  - EC2:', '  - Lambda:', '  - A laptop or CI:']) {
      expect(lines.some((l) => l.startsWith(topic))).toBe(true);
    }
    expect(error.message).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
  });

  it('an IMDS that never answers the token request (hop limit) also counts as “not here”, with the reason', async () => {
    const metadata = await imds({ hopLimitExceeded: true });
    const error = await rejection(fromNodeProviderChain({ env: { HOME, ...metadata.env }, readFile: files({}), timeout: 100, maxRetries: 0, shared: false })());
    expect(error).toBeInstanceOf(NoneConfiguredError);
    expect((error as unknown as NoneConfiguredError).tried[4]?.reason).toContain('(ERR_IMDS_HOP_LIMIT)');
  });
});

describe('fromNodeProviderChain: sticky identity', () => {
  it('keeps refreshing from the source that decided, even when env keys appear later; invalidate() starts over', async () => {
    const notices = listen(PROVIDERS_NOTICE_CHANNEL);
    const w = await world(['container']);
    const chain = chainOf(w);
    const first = await chain();
    expect(credentialSource(first)).toBe('container');
    expect(notices).toContainEqual(expect.objectContaining({ kind: 'chain-decided', decidedBy: 'container' }));

    Object.assign(w.env, ENV_KEYS);
    expect(credentialSource(await chain())).toBe('container');
    w.clock.advance(6 * 60 * MINUTE - 4 * MINUTE); // inside the last 5 minutes: a refresh
    const refreshed = await chain();
    expect(credentialSource(refreshed)).toBe('container');
    expect(refreshed.accessKeyId).not.toBe(first.accessKeyId);
    expect((await chain({ forceRefresh: true })).accessKeyId).toMatch(/^ASIA/);
    expect(w.counts().container).toBe(3);

    // A stale key does not drop newer credentials, and does not start over.
    expect(chain.invalidate(first.accessKeyId)).toBe(false);
    expect(credentialSource(await chain())).toBe('container');
    // Dropping the current ones does: the environment is first in line now.
    const current = chain.peek()?.credentials.accessKeyId;
    expect(current).toBeDefined();
    expect(chain.invalidate((await chain()).accessKeyId)).toBe(true);
    expect((await chain()).accessKeyId).toBe(BOB.accessKeyId);
  });

  it('fails with ERR_PROVIDERS_IDENTITY_LOST when the deciding source disappears, instead of switching', async () => {
    const w = await world(['container', 'env']);
    delete w.env.AWS_ACCESS_KEY_ID;
    delete w.env.AWS_SECRET_ACCESS_KEY;
    const chain = chainOf(w);
    await chain();
    Object.assign(w.env, ENV_KEYS);
    delete w.env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
    const error = await rejection(chain({ forceRefresh: true }));
    expect(isIamkitError(error, 'ERR_PROVIDERS_IDENTITY_LOST')).toBe(true);
    expect(error.message).toContain('came from container, which is no longer configured');
    expect(error.message).toContain('call invalidate()');
    chain.invalidate();
    expect((await chain()).accessKeyId).toBe(BOB.accessKeyId);
  });

  it('reads environment credentials fresh on every call (never cached), and sticks to the environment', async () => {
    const w = await world(['env', 'container']);
    const chain = chainOf(w);
    expect((await chain()).accessKeyId).toBe(BOB.accessKeyId);
    w.env.AWS_ACCESS_KEY_ID = 'AKIAROTATEDEXAMPLE01';
    expect((await chain()).accessKeyId).toBe('AKIAROTATEDEXAMPLE01');
    expect(chain.peek()).toBeUndefined();
    delete w.env.AWS_ACCESS_KEY_ID;
    delete w.env.AWS_SECRET_ACCESS_KEY;
    expect((await rejection(chain())).code).toBe('ERR_PROVIDERS_IDENTITY_LOST');
    expect(w.counts().container).toBe(0);
  });
});

describe('fromNodeProviderChain: one chain per process', () => {
  it('ten calls with the same settings share one cache: any number of concurrent callers, one request', async () => {
    const agent = await ecs();
    const env: Env = { HOME, ...agent.env, AWS_EC2_METADATA_DISABLED: 'true' };
    const readFile = files({});
    const chains = Array.from({ length: 10 }, () => fromNodeProviderChain({ env, readFile, clientConfig: { region: 'eu-west-1' } }));
    expect(new Set(chains).size).toBe(1);
    const results = await Promise.all(chains.flatMap((chain) => Array.from({ length: 50 }, () => chain())));
    expect(new Set(results.map((c) => c.accessKeyId)).size).toBe(1);
    expect(agent.counters.total).toBe(1);
    expect(chains[0]?.stats()).toMatchObject({ source: 'container', fetches: 1, successes: 1 });
  });

  it('different settings get different caches', async () => {
    const agent = await ecs();
    const env: Record<string, string> = { HOME, ...agent.env, AWS_EC2_METADATA_DISABLED: 'true' };
    const readFile = files({});
    const base = fromNodeProviderChain({ env, readFile });
    expect(fromNodeProviderChain({ env, readFile })).toBe(base);
    expect(fromNodeProviderChain({ env, readFile, clientConfig: { region: 'eu-west-1' } })).not.toBe(base);
    expect(fromNodeProviderChain({ env, readFile, profile: 'other' })).not.toBe(base);
    expect(fromNodeProviderChain({ env, readFile: files({}) })).not.toBe(base);
    expect(fromNodeProviderChain({ env, readFile, shared: false })).not.toBe(base);
    // A relevant variable changed in the same env object: a new chain for new callers.
    const mutable: Record<string, string> = { ...env };
    const before = fromNodeProviderChain({ env: mutable, readFile });
    mutable.AWS_REGION = 'eu-west-1';
    expect(fromNodeProviderChain({ env: mutable, readFile })).not.toBe(before);
    // An irrelevant one: the same chain.
    const again = fromNodeProviderChain({ env: mutable, readFile });
    mutable.PATH = '/usr/bin';
    expect(fromNodeProviderChain({ env: mutable, readFile })).toBe(again);
  });
});

describe('defaultChainSources: the same sources, for a per-source report', () => {
  it('names every source in order, and runChain decides exactly as fromNodeProviderChain does', async () => {
    const w = await world(['web-identity', 'container']);
    const sources = defaultChainSources({ env: w.env, readFile: w.readFile, now: w.clock.now });
    expect(sources.map((s) => s.sourceName)).toEqual(['env', 'ini', 'web-identity', 'container', 'imds']);
    const report = await runChain(sources);
    expect(report.decidedBy).toBe(credentialSource(await chainOf(w)()));
    expect(report.attempts.map((a) => [a.source, a.outcome])).toEqual([
      ['env', 'not-configured'],
      ['ini', 'not-configured'],
      ['web-identity', 'credentials'],
      ['container', 'not-tried'],
      ['imds', 'not-tried'],
    ]);
  });

  it('are not cached: every runChain asks the endpoint again', async () => {
    const w = await world(['container']);
    const sources = defaultChainSources({ env: w.env, readFile: w.readFile, now: w.clock.now });
    await runChain(sources);
    await runChain(sources);
    expect(w.counts().container).toBe(2);
  });
});
