// The collect functions in process, with an injected environment and clock: the data the text and
// JSON outputs are rendered from.
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { issueCredentials } from '@iamkit/emulators';
import { presignRequest, signRequest } from '@iamkit/sigv4';
import { describe, expect, it } from 'vitest';
import { collectDoctor, collectExplain, collectSign, collectWhoami, EXIT_CODES } from '../src/index.js';
import { expectSchema } from './helpers/schemas.js';
import { ACCOUNT, ALICE, ALICE_ENV, BOB, baseEnv, ecs, scratchHome, sts, writeFile } from './helpers/world.js';

describe('collectDoctor', () => {
  it('reports each network step as it starts (the CLI shows them as a spinner)', async () => {
    const emulator = await sts();
    const steps: string[] = [];
    const report = await collectDoctor({ env: { ...baseEnv(), ...emulator.env, ...ALICE_ENV }, onProgress: (step) => steps.push(step) });
    expectSchema('doctor', report);
    expect(report.exitCode).toBe(EXIT_CODES.ok);
    expect(steps).toEqual(['Resolving credentials (default chain)…', `Asking STS who these credentials are (${emulator.url}/)…`]);
  });

  it('credentials a few minutes from expiry: a warning, not a failure', async () => {
    const emulator = await sts();
    const agent = await ecs(undefined);
    const soon = issueCredentials({ lifetimeMs: 3 * 60_000 });
    agent.setCredentials(soon);
    emulator.addUser({ ...soon, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/r/s` });
    const report = await collectDoctor({ env: { ...baseEnv(), ...emulator.env, ...agent.env } });
    expect(report.exitCode).toBe(EXIT_CODES.ok);
    expect(report.problems).toEqual([{ check: 'credentials', severity: 'warning', message: expect.stringContaining('MongoDB (and the iamkit cache) never use credentials this close to expiry') }]);
    expect(report.credentials?.expiresInMs).toBeLessThanOrEqual(3 * 60_000);
  });

  it('a clock 20 minutes slow (injected) is measured from STS’s "Signature expired" answer', async () => {
    const emulator = await sts();
    const report = await collectDoctor({ env: { ...baseEnv(), ...emulator.env, ...ALICE_ENV }, now: () => Date.now() - 20 * 60_000 });
    expect(report.exitCode).toBe(EXIT_CODES.clockSkew);
    expect(report.clock).toMatchObject({ status: 'fatal', direction: 'behind', measuredFrom: 'message' });
    expect(Math.abs((report.clock.skewMs ?? 0) - 20 * 60_000)).toBeLessThan(3_000);
  });

  it('the mongodb driver missing: exit 4, and what to install', async () => {
    const emulator = await sts();
    const missing = Object.assign(new Error("Cannot find package 'mongodb' imported from /app/node_modules/@iamkit/cli/dist/bin.js"), { code: 'ERR_MODULE_NOT_FOUND' });
    const report = await collectDoctor({ env: { ...baseEnv(), ...emulator.env, ...ALICE_ENV }, mongodbUri: 'mongodb://127.0.0.1:9/', loadMongodb: () => Promise.reject(missing) });
    expectSchema('doctor', report);
    expect(report.exitCode).toBe(EXIT_CODES.mongodbFailed);
    expect(report.mongodb).toMatchObject({ status: 'failed', error: { code: 'ERR_MODULE_NOT_FOUND' }, explanation: null });
    expect(report.mongodb?.note).toContain('npm install mongodb');
    expect(report.problems.at(-1)).toMatchObject({ check: 'mongodb', message: expect.stringContaining('needs the mongodb driver') });
  });

  it('reads each shared file once: the ini source and the STS profile region share the read', async () => {
    const emulator = await sts();
    const home = scratchHome();
    mkdirSync(join(home, '.aws'));
    writeFile(home, '.aws/credentials', `[default]\naws_access_key_id = ${ALICE.accessKeyId}\naws_secret_access_key = ${ALICE.secretAccessKey}\n`);
    writeFile(home, '.aws/config', '[default]\nregion = us-east-1\n');
    for (const collect of [collectDoctor, collectWhoami]) {
      const reads = new Map<string, number>();
      const counting = (path: string): Promise<string> => {
        reads.set(path, (reads.get(path) ?? 0) + 1);
        return readFile(path, 'utf8');
      };
      const report = await collect({ env: { ...baseEnv(home), ...emulator.env }, readFile: counting });
      expect(report.exitCode).toBe(EXIT_CODES.ok);
      expect(Object.fromEntries(reads)).toEqual({ [join(home, '.aws/config')]: 1, [join(home, '.aws/credentials')]: 1 });
    }
  });

  it('a module without MongoClient is not a driver', async () => {
    const emulator = await sts();
    const report = await collectDoctor({ env: { ...baseEnv(), ...emulator.env, ...ALICE_ENV }, mongodbUri: 'mongodb://127.0.0.1:9/', loadMongodb: () => Promise.resolve({}) });
    expect(report.mongodb).toMatchObject({ status: 'failed', error: { message: 'the mongodb module has no MongoClient' } });
  });
});

describe('collectWhoami', () => {
  it('who the credentials are, where they came from, and the $external user', async () => {
    const emulator = await sts();
    const report = await collectWhoami({ env: { ...baseEnv(), ...emulator.env, AWS_ACCESS_KEY_ID: BOB.accessKeyId, AWS_SECRET_ACCESS_KEY: BOB.secretAccessKey, AWS_SESSION_TOKEN: BOB.sessionToken } });
    expectSchema('whoami', report);
    expect(report).toMatchObject({ ok: true, source: 'env', identity: { arn: BOB.arn, mongoUser: BOB.arn }, credentials: { kind: 'temporary' } });
  });
});

describe('collectExplain', () => {
  it.each<[string, string, string]>([
    ['Signature expired: 20260301T000000Z is now earlier than 20260301T002000Z (20260301T003500Z - 15 min.)', 'sts', 'signature-expired'],
    ['MongoServerError: Authentication failed.', 'mongodb', 'authentication-failed'],
    // The STS message inside a driver error is read as the driver's failure, with STS's reading in it.
    ['MongoAWSError: An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation: Incorrect token audience', 'mongodb', 'sts-error'],
  ])('%s → %s', (message, kind, topic) => {
    const report = collectExplain(message);
    expectSchema('explain', report);
    expect(report.kind).toBe(kind);
    expect(kind === 'sts' ? report.sts?.topic : report.mongodb?.topic).toBe(topic);
  });

  it('the driver reading keeps STS’s explanation', () => {
    const report = collectExplain('MongoAWSError: An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation: Incorrect token audience');
    expect(report.mongodb?.summary).toContain('Getting credentials failed at STS: InvalidIdentityToken');
  });
});

describe('collectSign', () => {
  const date = '2026-03-01T12:00:00Z';

  it('signs as @iamkit/sigv4 does, with repeated headers joined', () => {
    const report = collectSign({ method: 'GET', url: 'https://sts.amazonaws.com/', headers: [['x-custom', 'a'], ['X-Custom', 'b']], region: 'us-east-1', service: 'sts', date, credentials: ALICE });
    expectSchema('sign', report);
    const expected = signRequest({ method: 'GET', url: 'https://sts.amazonaws.com/', headers: [['x-custom', 'a'], ['X-Custom', 'b']] }, { credentials: ALICE, region: 'us-east-1', service: 'sts', date });
    expect(report.canonicalRequest).toBe(expected.canonicalRequest);
    expect(report.canonicalRequest).toContain('x-custom:a,b');
  });

  it('takes the time and the lifetime from the presigned canonical request it compares with', () => {
    const url = 'https://bucket.s3.eu-west-1.amazonaws.com/k';
    const theirs = presignRequest({ method: 'GET', url }, { credentials: ALICE, region: 'eu-west-1', service: 's3', date, expiresIn: 120, normalizePath: false, doubleEncodePath: false, payloadHash: 'UNSIGNED-PAYLOAD' }).canonicalRequest;
    const report = collectSign({ method: 'GET', url, region: 'eu-west-1', service: 's3', presign: true, credentials: ALICE, compareWith: theirs });
    expect(report.comparison?.identical).toBe(true);
    expect(report.amzDate).toBe('20260301T120000Z');
    expect(report.notes).toEqual(expect.arrayContaining([expect.stringContaining('X-Amz-Date'), expect.stringContaining('Presigned for 120 s')]));
  });

  it('throws SigV4Error for what cannot be signed', () => {
    expect(() => collectSign({ method: 'GET', url: '/relative', region: 'us-east-1', service: 'sts', credentials: ALICE })).toThrow(expect.objectContaining({ code: 'ERR_SIGV4_INVALID_URL' }));
  });
});
