import { afterEach, describe, expect, it } from 'vitest';
import { cached } from '@iamkit/credentials';
import { startImds, type Imds, type ImdsOptions } from '@iamkit/emulators';
import { IMDS_NOTICE_CHANNEL, fromInstanceMetadata, type FromInstanceMetadataOptions } from '../src/index.js';
import { recordChannels } from './helpers/events.js';
import { fakeClock, memoryFiles, recordingSleep, rejectionOf, type FakeClock } from './helpers/runtime.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NO_FILES = memoryFiles().readFile;

let imds: Imds;
let clock: FakeClock;
afterEach(async () => {
  await imds.close();
});

async function start(options: ImdsOptions = {}): Promise<Imds> {
  clock = fakeClock();
  imds = await startImds({ now: clock.now, ...options });
  return imds;
}

function provider(options: FromInstanceMetadataOptions = {}) {
  return fromInstanceMetadata({ env: imds.env, now: clock.now, readFile: NO_FILES, ...options });
}

const counts = () => ({ put: imds.requests.count({ method: 'PUT' }), get: imds.requests.count({ method: 'GET' }) });

describe('IMDSv2 session: token and role kept between fetches', () => {
  it('fetches with PUT token, GET role, GET credentials, then each later fetch costs ONE request', async () => {
    await start();
    const fetch = provider();
    const first = await fetch();
    expect(first.accessKeyId).toBe(imds.credentials.accessKeyId);
    expect(counts()).toEqual({ put: 1, get: 2 });

    clock.advance(30 * MINUTE);
    await fetch();
    expect(counts()).toEqual({ put: 1, get: 3 });
    expect(imds.tokensIssued).toBe(1);
  });

  it('through cached(): the refresh after the first costs exactly one request, and brings new keys', async () => {
    await start({ lifetimeMs: HOUR, rotateBeforeMs: 25 * MINUTE });
    const cachedProvider = cached(provider(), { now: clock.now });
    const first = await cachedProvider();
    const before = imds.counters.total;
    expect(before).toBe(3);

    clock.advance(48 * MINUTE); // past the refresh moment (20 → 12.5 min before expiry), inside IMDS's rotation
    const during = await cachedProvider();
    expect(during).toBe(first); // served at once while the background refresh runs
    for (let i = 0; cachedProvider.stats().inFlight && i < 10_000; i += 1) await new Promise((resolve) => setImmediate(resolve));
    const after = await cachedProvider();
    expect(after.accessKeyId).not.toBe(first.accessKeyId);
    expect(imds.counters.total - before).toBe(1);
    expect(imds.requests.last()?.pathname).toBe(`/latest/meta-data/iam/security-credentials/${imds.roleName ?? ''}`);
  });

  it('renews the token when its TTL runs out: PUT + GET', async () => {
    await start();
    const fetch = provider({ tokenTtlSeconds: 600 });
    await fetch();
    clock.advance(10 * MINUTE);
    await fetch();
    expect(counts()).toEqual({ put: 2, get: 3 });
  });

  it('on 401 drops the token, gets a new one and tries once more', async () => {
    await start();
    const fetch = provider();
    await fetch();
    imds.revokeTokens();
    const recorder = recordChannels([IMDS_NOTICE_CHANNEL]);
    try {
      expect((await fetch()).accessKeyId).toBe(imds.credentials.accessKeyId);
    } finally {
      recorder.stop();
    }
    expect(imds.requests.entries.slice(3).map((e) => `${e.method} ${e.status ?? ''}`)).toEqual(['GET 401', 'PUT 200', 'GET 200']);
    expect(recorder.events.map((e) => e.message.kind)).toEqual(['token-refreshed']);
  });

  it('gives up with ERR_IMDS_UNAUTHORIZED when even a fresh token gets 401', async () => {
    await start();
    imds.faults.push({ match: { method: 'GET' }, response: { kind: 'status', status: 401 } });
    const error = await rejectionOf(provider()());
    expect(error.code).toBe('ERR_IMDS_UNAUTHORIZED');
    expect(counts()).toEqual({ put: 2, get: 2 });
  });

  it('on 404 for the remembered role looks the role up once more', async () => {
    await start();
    const fetch = provider();
    await fetch();
    imds.faults.push({ match: { path: /security-credentials\/.+/ }, times: 1, response: { kind: 'status', status: 404 } });
    await fetch();
    expect(imds.requests.entries.slice(3).map((e) => `${e.pathname} ${e.status ?? ''}`)).toEqual([
      '/latest/meta-data/iam/security-credentials/iamkit-emulator-role 404',
      '/latest/meta-data/iam/security-credentials/ 200',
      '/latest/meta-data/iam/security-credentials/iamkit-emulator-role 200',
    ]);
  });

  it('skips the role lookup for AWS_EC2_INSTANCE_PROFILE_NAME, and names it when IMDS has no such role', async () => {
    await start({ roleListingNewline: true });
    await provider({ env: { ...imds.env, AWS_EC2_INSTANCE_PROFILE_NAME: 'iamkit-emulator-role' } })();
    expect(counts()).toEqual({ put: 1, get: 1 });
    const error = await rejectionOf(provider({ env: { ...imds.env, AWS_EC2_INSTANCE_PROFILE_NAME: 'other-role' } })());
    expect(error.code).toBe('ERR_IMDS_ROLE_NOT_FOUND');
    expect(error.message).toContain('AWS_EC2_INSTANCE_PROFILE_NAME');
    // A configured role is not looked up again.
    expect(imds.requests.count({ path: '/latest/meta-data/iam/security-credentials/' })).toBe(0);
  });

  it('reads a role listing that ends with a newline', async () => {
    await start({ roleListingNewline: true });
    expect((await provider()()).accessKeyId).toBe(imds.credentials.accessKeyId);
  });

  it('reports an instance without a role as ERR_IMDS_NO_ROLE', async () => {
    await start({ roleName: null });
    const error = await rejectionOf(provider()());
    expect(error.code).toBe('ERR_IMDS_NO_ROLE');
    expect(error.message).toMatch(/no IAM role.*instance profile.*AWS_EC2_METADATA_DISABLED=true/);
  });
});

describe('IMDSv1 fallback and the hop limit', () => {
  it('falls back to IMDSv1 when the token request is refused with 403, once, and sticks to it', async () => {
    await start({ v1: 'allowed' });
    imds.faults.push({ match: { method: 'PUT' }, response: { kind: 'status', status: 403 } });
    const recorder = recordChannels([IMDS_NOTICE_CHANNEL]);
    const fetch = provider();
    try {
      await fetch();
      await fetch();
    } finally {
      recorder.stop();
    }
    expect(counts()).toEqual({ put: 1, get: 3 });
    expect(recorder.events.map((e) => e.message.kind)).toEqual(['v1-fallback']);
    expect(imds.requests.filter({ method: 'GET' }).every((e) => e.headers['x-aws-ec2-metadata-token'] === undefined)).toBe(true);
  });

  it('leaves v1 mode when a token-less GET gets 401 (IMDSv2 became required)', async () => {
    await start({ v1: 'allowed' });
    const rule = imds.faults.push({ match: { method: 'PUT' }, times: 1, response: { kind: 'status', status: 405 } });
    const fetch = provider();
    await fetch();
    expect(rule.done).toBe(true);
    imds.setV1('refused');
    await fetch();
    expect(imds.requests.entries.slice(3).map((e) => `${e.method} ${e.status ?? ''}`)).toEqual(['GET 401', 'PUT 200', 'GET 200']);
  });

  it.each([
    ['AWS_EC2_METADATA_V1_DISABLED', { env: { AWS_EC2_METADATA_V1_DISABLED: 'TRUE' } }],
    ['option v1Fallback: false', { v1Fallback: false }],
  ] as const)('refuses the fallback when %s, before any GET', async (setting, options) => {
    await start({ v1: 'allowed' });
    imds.faults.push({ match: { method: 'PUT' }, response: { kind: 'status', status: 403 } });
    const error = await rejectionOf(provider({ ...options, env: { ...imds.env, ...('env' in options ? options.env : {}) } })());
    expect(error.code).toBe('ERR_IMDS_V1_DISABLED');
    expect(error.message).toContain(setting.split(':')[0]);
    expect(counts()).toEqual({ put: 1, get: 0 });
  });

  it('reports a token request that never gets an answer as ERR_IMDS_HOP_LIMIT, at once and without falling back to v1', async () => {
    await start({ hopLimitExceeded: true, v1: 'allowed' });
    const { sleep, delays } = recordingSleep();
    const error = await rejectionOf(provider({ tokenTimeoutMs: 200, sleep })());
    expect(error.code).toBe('ERR_IMDS_HOP_LIMIT');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('within 200 ms (option tokenTimeoutMs');
    expect(error.message).toContain('--http-put-response-hop-limit 2');
    expect(error.message).toContain('AWS_EC2_METADATA_DISABLED=true');
    expect(delays).toEqual([]);
    expect(counts()).toEqual({ put: 1, get: 0 });
    expect(imds.counters.noResponse).toBe(1);
  });
});
