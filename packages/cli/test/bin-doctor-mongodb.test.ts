// `iamkit doctor --mongodb`: one MONGODB-AWS login with the resolved credentials, through
// @iamkit/mongodb-aws and the real mongodb driver, against the MongoDB emulator (which asks the STS
// emulator, as mongod asks STS).
import { describe, expect, it } from 'vitest';
import type { DoctorReport } from '../src/index.js';
import { iamkit } from './helpers/bin.js';
import { expectSchema } from './helpers/schemas.js';
import { ACCOUNT, ALICE, ALICE_ENV, baseEnv, ecs, mongo, SAMPLE_SECRETS, sts, TASK_ROLE_USER } from './helpers/world.js';

async function run(args: readonly string[], env: Record<string, string>, secrets: readonly (string | undefined)[] = []) {
  const result = await iamkit(['doctor', ...args], { env: { ...env, COLUMNS: '240' }, secrets: [...SAMPLE_SECRETS, ...secrets] });
  return result;
}

describe('iamkit doctor --mongodb', () => {
  it('authenticates one connection and shows the $external user the server mapped; exit 0', async () => {
    const emulator = await sts();
    const server = await mongo(emulator, [ALICE.arn]);
    const json = await run(['--json', '--mongodb', server.uri], { ...baseEnv(), ...emulator.env, ...ALICE_ENV });
    const report = json.json() as DoctorReport;
    expectSchema('doctor', report);
    expect(json.code).toBe(0);
    expect(report.mongodb).toMatchObject({ status: 'ok', user: ALICE.arn, error: null, explanation: null });
    expect(server.counters.authSucceeded).toBe(1);
    const text = await run(['--mongodb', server.uri], { ...baseEnv(), ...emulator.env, ...ALICE_ENV });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`MongoDB: ✔ authenticated to ${server.uri}`);
    expect(text.stdout).toContain(`as ${ALICE.arn}`);
  });

  it('a role session (container credentials) logs in as ROLE/*', async () => {
    const emulator = await sts();
    const agent = await ecs(emulator);
    const server = await mongo(emulator, [TASK_ROLE_USER]);
    const result = await run(['--json', '--mongodb', server.uri], { ...baseEnv(), ...emulator.env, ...agent.env }, [agent.credentials.secretAccessKey, agent.credentials.sessionToken]);
    expect(result.code).toBe(0);
    expect((result.json() as DoctorReport).mongodb?.user).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/iamkit-emulator-task-role/*`);
  });

  it('no such $external user: the server says only "Authentication failed."; exit 4 with the explanation', async () => {
    const emulator = await sts();
    const server = await mongo(emulator, ['arn:aws:iam::123456789012:user/Someone']);
    const json = await run(['--json', '--mongodb', server.uri], { ...baseEnv(), ...emulator.env, ...ALICE_ENV });
    const report = json.json() as DoctorReport;
    expectSchema('doctor', report);
    expect(json.code).toBe(4);
    expect(report.sts.status).toBe('ok');
    expect(report.mongodb).toMatchObject({ status: 'failed', error: { name: 'MongoServerError', code: 18 }, explanation: { topic: 'authentication-failed', code: 'ERR_MONGODB_AWS_AUTH_FAILED' } });
    expect(report.mongodb?.explanation?.credentials).toMatchObject({ accessKeyId: 'AKIA…0001', source: 'env', sessionToken: false });
    expect(report.mongodb?.explanation?.causes.join('\n')).toContain('No user in $external matches the identity');
    expect(report.problems).toEqual([expect.objectContaining({ check: 'mongodb', severity: 'error' })]);
    // STS's answer says who the server would have needed: the doctor shows it next to the failure.
    expect(report.sts.identity?.mongoUser).toBe(ALICE.arn);
    const text = await run(['--mongodb', server.uri], { ...baseEnv(), ...emulator.env, ...ALICE_ENV });
    expect(text.code).toBe(4);
    expect(text.stdout).toContain('authentication failed');
    expect(text.stdout).toContain('Possible causes, most likely first:');
    expect(text.stdout).toContain('Exit code 4: MongoDB authentication failed.');
  });

  it('a server that is not there: exit 4, named', async () => {
    const emulator = await sts();
    const result = await run(['--json', '--timeout', '500ms', '--mongodb', 'mongodb://127.0.0.1:9/?directConnection=true'], { ...baseEnv(), ...emulator.env, ...ALICE_ENV });
    expect(result.code).toBe(4);
    const report = result.json() as DoctorReport;
    expect(report.mongodb).toMatchObject({ status: 'failed', uri: 'mongodb://127.0.0.1:9/?directConnection=true' });
    expect(report.mongodb?.error?.name).toMatch(/MongoServerSelectionError|MongoNetworkError/);
  });

  it('without credentials the MongoDB check is skipped, and the exit code says why (1)', async () => {
    const result = await run(['--json', '--mongodb', 'mongodb://127.0.0.1:9/'], baseEnv());
    expect(result.code).toBe(1);
    expect((result.json() as DoctorReport).mongodb).toMatchObject({ status: 'skipped', note: 'No credentials to authenticate with.' });
  });

  it('hides the user info of a connection string', async () => {
    const result = await run(['--json', '--no-sts', '--timeout', '300ms', '--mongodb', 'mongodb://user:hunter2hunter2@127.0.0.1:9/'], { ...baseEnv(), ...ALICE_ENV }, ['hunter2hunter2']);
    expect((result.json() as DoctorReport).mongodb?.uri).toBe('mongodb://[redacted]@127.0.0.1:9/');
  });
});
