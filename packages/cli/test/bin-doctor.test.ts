// `iamkit doctor` as a real child process against the emulators: every source, every failure mode.
import { createServiceAccountToken, startPodIdentityAgent, STS_SAMPLE_ROLES } from '@iamkit/emulators';
import { describe, expect, it } from 'vitest';
import type { DoctorReport } from '../src/index.js';
import { iamkit } from './helpers/bin.js';
import { expectSchema } from './helpers/schemas.js';
import { ACCOUNT, ALICE, ALICE_ENV, BOB, baseEnv, ecs, imds, onCleanup, SAMPLE_SECRETS, scratchHome, sts, TASK_ROLE, writeFile } from './helpers/world.js';

const SOURCES = ['env', 'ini', 'web-identity', 'container', 'imds'];

async function doctor(args: readonly string[], env: Record<string, string>, secrets: readonly (string | undefined)[] = []): Promise<{ code: number | null; report: DoctorReport; text: string }> {
  const json = await iamkit(['doctor', '--json', ...args], { env, secrets: [...SAMPLE_SECRETS, ...secrets] });
  const report = json.json() as DoctorReport;
  expectSchema('doctor', report);
  expect(json.code).toBe(report.exitCode);
  const text = await iamkit(['doctor', ...args], { env, secrets: [...SAMPLE_SECRETS, ...secrets] });
  expect(text.code).toBe(report.exitCode);
  expect(text.stderr).toBe('');
  return { code: json.code, report, text: text.stdout };
}

describe('iamkit doctor: nothing configured', () => {
  it('lists every source with why it does not apply and what would configure it; exit 1', async () => {
    const { code, report, text } = await doctor([], baseEnv());
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.chain.sources.map((s) => [s.name, s.status])).toEqual(SOURCES.map((name) => [name, 'not-configured']));
    expect(report.chain.sources.find((s) => s.name === 'env')).toMatchObject({ reason: 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set', configureWith: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] });
    expect(report.chain.sources.find((s) => s.name === 'imds')?.reason).toBe('AWS_EC2_METADATA_DISABLED is true');
    expect(report.chain.sources.find((s) => s.name === 'container')?.configureWith).toEqual(['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI']);
    expect(report).toMatchObject({ credentials: null, sts: { status: 'skipped' }, clock: { status: 'unknown' }, mongodb: null });
    expect(report.problems).toEqual([expect.objectContaining({ check: 'credentials', severity: 'error' })]);
    for (const name of SOURCES) expect(text).toMatch(new RegExp(`^  ${name} +not configured`, 'm'));
    expect(text).toContain('→ configured by: AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN');
    expect(text).toContain('Exit code 1: no credentials.');
  });

  it('an IMDS endpoint that does not answer counts as "not here", with the reason', async () => {
    const env = { HOME: scratchHome(), AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9' };
    const { code, report } = await doctor(['--timeout', '300ms', '--retries', '0'], env);
    expect(code).toBe(1);
    expect(report.chain.sources.at(-1)).toMatchObject({ name: 'imds', status: 'not-configured', reason: expect.stringContaining('no instance metadata service answered') });
  });
});

describe('iamkit doctor: credentials found', () => {
  it('environment keys: long-term, identity from STS, the $external user, the clock; exit 0', async () => {
    const emulator = await sts();
    const { code, report, text } = await doctor([], { ...baseEnv(), ...emulator.env, ...ALICE_ENV });
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.chain.decidedBy).toBe('env');
    expect(report.chain.sources.map((s) => s.status)).toEqual(['credentials', 'not-tried', 'not-tried', 'not-tried', 'not-tried']);
    expect(report.credentials).toEqual({ source: 'env', accessKeyId: 'AKIA…0001', kind: 'long-term', expiration: null, expiresInMs: null, accountId: null });
    expect(report.sts).toMatchObject({ status: 'ok', endpoint: `${emulator.url}/`, region: 'us-east-1', identity: { account: ACCOUNT, arn: ALICE.arn, mongoUser: ALICE.arn } });
    expect(report.clock.status).toBe('ok');
    expect(Math.abs(report.clock.skewMs ?? Infinity)).toBeLessThan(3_000);
    expect(report.problems).toEqual([]);
    expect(text).toContain('✔ credentials');
    expect(text).toContain('AKIA…0001 · long-term · no expiry');
    expect(text).toContain(`Arn      ${ALICE.arn}`);
    expect(text).toContain('✔ All checks passed.');
    expect(text).not.toContain(ALICE.accessKeyId);
  });

  it('temporary environment keys with a session token', async () => {
    const emulator = await sts();
    const { code, report } = await doctor([], { ...baseEnv(), ...emulator.env, AWS_ACCESS_KEY_ID: BOB.accessKeyId, AWS_SECRET_ACCESS_KEY: BOB.secretAccessKey, AWS_SESSION_TOKEN: BOB.sessionToken });
    expect(code).toBe(0);
    expect(report.credentials).toMatchObject({ source: 'env', accessKeyId: 'ASIA…0002', kind: 'temporary' });
    expect(report.sts.identity?.arn).toBe(BOB.arn);
  });

  it('container credentials (ECS task role): temporary, expiry and time left, the role session mapped to ROLE/*', async () => {
    const emulator = await sts();
    const agent = await ecs(emulator);
    const { code, report, text } = await doctor([], { ...baseEnv(), ...emulator.env, ...agent.env, COLUMNS: '200' }, [agent.credentials.secretAccessKey, agent.credentials.sessionToken]);
    expect(code).toBe(0);
    expect(report.chain.decidedBy).toBe('container');
    expect(report.chain.sources.map((s) => s.status)).toEqual(['not-configured', 'not-configured', 'not-configured', 'credentials', 'not-tried']);
    const creds = report.credentials;
    expect(creds).toMatchObject({ source: 'container', kind: 'temporary', accessKeyId: `${agent.credentials.accessKeyId.slice(0, 4)}…${agent.credentials.accessKeyId.slice(-4)}` });
    expect(creds?.expiresInMs).toBeGreaterThan(5 * 3600_000);
    expect(creds?.expiresInMs).toBeLessThanOrEqual(6 * 3600_000);
    expect(report.sts.identity).toMatchObject({ arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${TASK_ROLE}/task-session`, mongoUser: `arn:aws:sts::${ACCOUNT}:assumed-role/${TASK_ROLE}/*` });
    expect(report.sts.identity?.mongoUserNote).toContain(`arn:aws:iam::${ACCOUNT}:role/${TASK_ROLE}`);
    expect(text).toMatch(/container +✔ credentials .* temporary · expires .* \(in 5 h 5\d min\)/);
    expect(agent.counters.total).toBe(2);
  });

  it('EKS Pod Identity (container FULL_URI and a token file)', async () => {
    const emulator = await sts();
    const agent = await startPodIdentityAgent({ tokens: 'any' });
    onCleanup(() => agent.close());
    emulator.addUser({ ...agent.credentials, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/pod-role/eks-session` });
    const home = scratchHome();
    const token = createServiceAccountToken();
    const tokenFile = writeFile(home, 'token', token);
    const env = { ...baseEnv(home), ...emulator.env, AWS_CONTAINER_CREDENTIALS_FULL_URI: agent.fullUri, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile };
    const { code, report } = await doctor([], env, [token, agent.credentials.secretAccessKey, agent.credentials.sessionToken]);
    expect(code).toBe(0);
    expect(report.credentials).toMatchObject({ source: 'container', kind: 'temporary', accountId: ACCOUNT });
    expect(report.sts.identity?.mongoUser).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/pod-role/*`);
  });

  it('web identity (EKS IRSA): the token file exchanged at STS; the token never printed', async () => {
    const token = createServiceAccountToken({ audience: 'sts.amazonaws.com' });
    const emulator = await sts({ webIdentity: { tokens: [token] } });
    const home = scratchHome();
    const env = { ...baseEnv(home), ...emulator.env, AWS_WEB_IDENTITY_TOKEN_FILE: writeFile(home, 'token', token), AWS_ROLE_ARN: STS_SAMPLE_ROLES.webIdentity.arn, AWS_ROLE_SESSION_NAME: 'orders-api' };
    const { code, report } = await doctor([], env, [token]);
    expect(code).toBe(0);
    expect(report.chain.decidedBy).toBe('web-identity');
    expect(report.credentials).toMatchObject({ source: 'web-identity', kind: 'temporary', accountId: ACCOUNT });
    expect(report.sts.identity).toMatchObject({ arn: `arn:aws:sts::${ACCOUNT}:assumed-role/web-identity-role/orders-api`, mongoUser: `arn:aws:sts::${ACCOUNT}:assumed-role/web-identity-role/*` });
  });

  it('web identity with a token STS refuses: the web-identity source fails, explained by its message', async () => {
    const emulator = await sts({ webIdentity: { tokens: [] } });
    const home = scratchHome();
    const token = createServiceAccountToken({ audience: 'sts.amazonaws.com' });
    const env = { ...baseEnv(home), ...emulator.env, AWS_WEB_IDENTITY_TOKEN_FILE: writeFile(home, 'token', token), AWS_ROLE_ARN: STS_SAMPLE_ROLES.webIdentity.arn };
    const { code, report } = await doctor([], env, [token]);
    expect(code).toBe(1);
    expect(report.chain.decidedBy).toBe('web-identity');
    expect(report.chain.sources[2]).toMatchObject({ name: 'web-identity', status: 'failed', error: { code: 'ERR_STS_INVALID_IDENTITY_TOKEN', source: 'sts' } });
    expect(report.chain.sources.slice(3).map((s) => s.reason)).toEqual(['not asked: web-identity decided first (the chain stops at the first configured source)', 'not asked: web-identity decided first (the chain stops at the first configured source)']);
  });

  it('EC2 instance metadata (IMDSv2), when nothing else is configured', async () => {
    const emulator = await sts();
    const metadata = await imds(emulator, { roleName: 'web-server' });
    const env = { HOME: scratchHome(), ...emulator.env, ...metadata.env };
    const { code, report } = await doctor([], env, [metadata.credentials.secretAccessKey, metadata.credentials.sessionToken]);
    expect(code).toBe(0);
    expect(report.chain.decidedBy).toBe('imds');
    expect(report.sts.identity?.mongoUser).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/web-server/*`);
  });

  it('a profile in the shared files (--profile), which also skips environment keys', async () => {
    const emulator = await sts();
    const home = scratchHome();
    const credentialsFile = writeFile(home, 'credentials', `[dev]\naws_access_key_id = ${ALICE.accessKeyId}\naws_secret_access_key = ${ALICE.secretAccessKey}\n`);
    const env = { ...baseEnv(home), ...emulator.env, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: `${home}/none`, AWS_ACCESS_KEY_ID: BOB.accessKeyId, AWS_SECRET_ACCESS_KEY: BOB.secretAccessKey };
    const { code, report, text } = await doctor(['--profile', 'dev'], env);
    expect(code).toBe(0);
    expect(report.chain.profile).toEqual({ name: 'dev', from: 'option' });
    expect(report.chain.sources[0]).toMatchObject({ name: 'env', status: 'not-configured', reason: expect.stringContaining("skipped because the profile option selects profile 'dev'") });
    expect(report.chain.decidedBy).toBe('ini');
    expect(report.sts.identity?.arn).toBe(ALICE.arn);
    expect(text).toContain('profile "dev" (from --profile)');
  });

  it('--all asks the sources after the deciding one too', async () => {
    const emulator = await sts();
    const agent = await ecs(emulator);
    const { report } = await doctor(['--all', '--no-sts'], { ...baseEnv(), ...emulator.env, ...agent.env, ...ALICE_ENV }, [agent.credentials.secretAccessKey, agent.credentials.sessionToken]);
    expect(report.chain.decidedBy).toBe('env');
    expect(report.chain.sources.map((s) => s.status)).toEqual(['credentials', 'not-configured', 'not-configured', 'credentials', 'not-configured']);
    expect(report.credentials?.source).toBe('env');
    expect(report.sts).toMatchObject({ status: 'skipped', note: 'Skipped (--no-sts).' });
    expect(report.clock.status).toBe('unknown');
    expect(agent.counters.total).toBe(2);
  });
});

describe('iamkit doctor: a configured source that fails stops the chain (exit 1)', () => {
  it('a throttled container endpoint (429) is reported as throttled, not as missing', async () => {
    const emulator = await sts();
    const agent = await ecs(emulator);
    agent.faults.push({ response: { kind: 'throttle' } });
    const { code, report, text } = await doctor(['--retries', '1'], { ...baseEnv(), ...emulator.env, ...agent.env });
    expect(code).toBe(1);
    const container = report.chain.sources.find((s) => s.name === 'container');
    expect(container).toMatchObject({ status: 'failed', error: { code: 'ERR_CREDENTIALS_THROTTLED', status: 429, throttled: true, retryable: true } });
    expect(container?.error?.message).toContain('429');
    expect(report.problems[0]?.message).toBe('container is configured but THROTTLED (HTTP 429): the credentials are not missing, the endpoint is rate-limiting this client (ERR_CREDENTIALS_THROTTLED). Its message in the chain says what to change.');
    expect(report.chain.sources.find((s) => s.name === 'imds')?.status).toBe('not-tried');
    expect(text).toMatch(/container +✖ THROTTLED/);
    expect(text).not.toMatch(/missing credentials/i);
    // --retries 1: two attempts per run (json + text), never more.
    expect(agent.counters.throttled).toBe(4);
  });

  it('half-configured environment keys', async () => {
    const { code, report } = await doctor([], { ...baseEnv(), AWS_ACCESS_KEY_ID: ALICE.accessKeyId });
    expect(code).toBe(1);
    expect(report.chain.sources[0]).toMatchObject({ name: 'env', status: 'failed', error: { code: 'ERR_ENV_PARTIAL', throttled: false } });
    expect(report.chain.sources[0]?.error?.message).toContain('set AWS_SECRET_ACCESS_KEY too');
    expect(report.chain.sources.slice(1).every((s) => s.status === 'not-tried')).toBe(true);
  });

  it('a profile that does not exist names the files it looked in', async () => {
    const home = scratchHome();
    const config = writeFile(home, 'config', '[profile other]\nregion = eu-west-1\n');
    const { code, report, text } = await doctor([], { ...baseEnv(home), AWS_CONFIG_FILE: config, AWS_PROFILE: 'prod', COLUMNS: '240' });
    expect(code).toBe(1);
    expect(report.chain.profile).toEqual({ name: 'prod', from: 'AWS_PROFILE' });
    expect(report.chain.sources[1]).toMatchObject({ name: 'ini', status: 'failed', error: { code: 'ERR_INI_PROFILE_NOT_FOUND' } });
    expect(text).toContain(`profile 'prod' (chosen by AWS_PROFILE) was not found in ${config}`);
  });

  it('a broken profile (role_arn with nothing to assume it with) names the file and line', async () => {
    const home = scratchHome();
    const config = writeFile(home, 'config', '[default]\nregion = eu-west-1\n[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/dev\n');
    const { code, report } = await doctor(['--profile', 'dev'], { ...baseEnv(home), AWS_CONFIG_FILE: config });
    expect(code).toBe(1);
    expect(report.chain.sources[1]?.error?.message).toContain(`${config} line 4`);
  });
});

describe('iamkit doctor: STS refuses (exit 2)', () => {
  it('a wrong secret: SignatureDoesNotMatch, explained', async () => {
    const emulator = await sts();
    const wrong = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYWRONGKEY99';
    const { code, report, text } = await doctor([], { ...baseEnv(), ...emulator.env, AWS_ACCESS_KEY_ID: ALICE.accessKeyId, AWS_SECRET_ACCESS_KEY: wrong }, [wrong]);
    expect(code).toBe(2);
    expect(report.credentials?.source).toBe('env');
    expect(report.sts).toMatchObject({ status: 'failed', stsCode: 'SignatureDoesNotMatch', error: { code: 'ERR_STS_SIGNATURE_DOES_NOT_MATCH' }, explanation: { topic: 'signature-does-not-match' } });
    expect(report.sts.explanation?.likelyCauses.join(' ')).toMatch(/secret/i);
    expect(report.clock.status).toBe('ok');
    expect(report.problems).toEqual([expect.objectContaining({ check: 'sts', severity: 'error' })]);
    expect(text).toContain('failed with SignatureDoesNotMatch');
    expect(text).toContain('Fixes:');
  });

  it('an unknown access key: InvalidClientTokenId', async () => {
    const emulator = await sts();
    const { code, report } = await doctor([], { ...baseEnv(), ...emulator.env, AWS_ACCESS_KEY_ID: 'AKIAUNKNOWNEXAMPLE00', AWS_SECRET_ACCESS_KEY: ALICE.secretAccessKey });
    expect(code).toBe(2);
    expect(report.sts).toMatchObject({ stsCode: 'InvalidClientTokenId', explanation: { topic: 'invalid-client-token-id' } });
  });

  it('STS unreachable: a network error, exit 2', async () => {
    const { code, report } = await doctor(['--endpoint-url', 'http://127.0.0.1:9', '--retries', '0'], { ...baseEnv(), ...ALICE_ENV });
    expect(code).toBe(2);
    expect(report.sts).toMatchObject({ status: 'failed', endpoint: 'http://127.0.0.1:9/', error: { code: 'ERR_HTTP_CONNECTION' } });
    expect(report.clock.status).toBe('unknown');
  });
});

describe('iamkit doctor: clock skew (exit 3)', () => {
  it('STS 20 minutes ahead: fatal, measured, and the identity is still checked', async () => {
    const emulator = await sts({ now: () => Date.now() + 20 * 60_000 });
    const { code, report, text } = await doctor([], { ...baseEnv(), ...emulator.env, ...ALICE_ENV });
    expect(code).toBe(3);
    expect(report.sts.status).toBe('ok');
    expect(report.sts.note).toContain('STS refused the first request because of the clock');
    expect(report.clock).toMatchObject({ status: 'fatal', direction: 'behind' });
    expect(Math.abs((report.clock.skewMs ?? 0) - 20 * 60_000)).toBeLessThan(3_000);
    expect(report.problems).toEqual([expect.objectContaining({ check: 'clock', severity: 'error', message: expect.stringContaining('more than 15 minutes') })]);
    expect(text).toContain('Exit code 3: clock skew.');
  });

  it('STS 8 minutes behind: a problem (over 5 min) though STS still accepts', async () => {
    const emulator = await sts({ now: () => Date.now() - 8 * 60_000 });
    const { code, report } = await doctor([], { ...baseEnv(), ...emulator.env, ...ALICE_ENV });
    expect(code).toBe(3);
    expect(report.sts).toMatchObject({ status: 'ok', note: '' });
    expect(report.clock).toMatchObject({ status: 'warning', direction: 'ahead', measuredFrom: 'date-header' });
    expect(Math.abs((report.clock.skewMs ?? 0) + 8 * 60_000)).toBeLessThan(3_000);
  });
});
