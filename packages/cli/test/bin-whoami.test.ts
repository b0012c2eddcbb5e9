// `iamkit whoami` as a child process: the identity of the default chain's credentials.
import { describe, expect, it } from 'vitest';
import type { WhoamiReport } from '../src/index.js';
import { flat, iamkit } from './helpers/bin.js';
import { expectSchema } from './helpers/schemas.js';
import { ACCOUNT, ALICE, ALICE_ENV, baseEnv, ecs, SAMPLE_SECRETS, scratchHome, sts, TASK_ROLE, writeFile } from './helpers/world.js';

async function whoami(env: Record<string, string>, secrets: readonly (string | undefined)[] = [], args: readonly string[] = []) {
  const json = await iamkit(['whoami', '--json', ...args], { env, secrets: [...SAMPLE_SECRETS, ...secrets] });
  const report = json.json() as WhoamiReport;
  expectSchema('whoami', report);
  expect(json.code).toBe(report.exitCode);
  const text = await iamkit(['whoami', ...args], { env: { ...env, COLUMNS: '240' }, secrets: [...SAMPLE_SECRETS, ...secrets] });
  expect(text.code).toBe(report.exitCode);
  return { report, text: text.stdout, stderr: text.stderr };
}

describe('iamkit whoami', () => {
  it('an IAM user: Account, Arn, UserId, the source, and the $external user (the ARN unchanged)', async () => {
    const emulator = await sts();
    const { report, text } = await whoami({ ...baseEnv(), ...emulator.env, ...ALICE_ENV });
    expect(report).toMatchObject({ ok: true, exitCode: 0, source: 'env', identity: { account: ACCOUNT, arn: ALICE.arn, mongoUser: ALICE.arn }, credentials: { accessKeyId: 'AKIA…0001', kind: 'long-term' } });
    expect(report.identity?.userId).toMatch(/^AIDA/);
    expect(text).toContain(`Account  ${ACCOUNT}`);
    expect(text).toContain(`Arn      ${ALICE.arn}`);
    expect(text).toContain(`MongoDB  $external user ${ALICE.arn}`);
    expect(text).toContain('Source   env — AKIA…0001 · long-term · no expiry');
  });

  it('a role session from the container endpoint maps to ROLE/*, and names the role for Atlas', async () => {
    const emulator = await sts();
    const agent = await ecs(emulator);
    const { report, text } = await whoami({ ...baseEnv(), ...emulator.env, ...agent.env }, [agent.credentials.secretAccessKey, agent.credentials.sessionToken]);
    expect(report.source).toBe('container');
    expect(report.identity?.mongoUser).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/${TASK_ROLE}/*`);
    expect(flat(text)).toContain(`on Atlas the database user (type "IAM Role") is the role's ARN, arn:aws:iam::${ACCOUNT}:role/${TASK_ROLE}`);
  });

  it('an identity MONGODB-AWS cannot map (a federated user) says so', async () => {
    const emulator = await sts({ users: [{ accessKeyId: 'ASIAFEDERATEDEXAMPL1', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYFEDKEY0001', sessionToken: 'IQoJb3JpZ2luX2VjEFEDERATEDTOKENEXAMPLEdGVtcG9yYXJ5', arn: `arn:aws:sts::${ACCOUNT}:federated-user/bob` }] });
    const { report } = await whoami(
      { ...baseEnv(), ...emulator.env, AWS_ACCESS_KEY_ID: 'ASIAFEDERATEDEXAMPL1', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYFEDKEY0001', AWS_SESSION_TOKEN: 'IQoJb3JpZ2luX2VjEFEDERATEDTOKENEXAMPLEdGVtcG9yYXJ5' },
      ['wJalrXUtnFEMI/K7MDENG+bPxRfiCYFEDKEY0001', 'IQoJb3JpZ2luX2VjEFEDERATEDTOKENEXAMPLEdGVtcG9yYXJ5'],
    );
    expect(report.identity).toMatchObject({ arn: `arn:aws:sts::${ACCOUNT}:federated-user/bob`, mongoUser: null });
    expect(report.identity?.mongoUserNote).toContain('MONGODB-AWS cannot log in as this identity');
  });

  it('no credentials: exit 1 with the chain’s list', async () => {
    const { report, text } = await whoami(baseEnv());
    expect(report).toMatchObject({ ok: false, exitCode: 1, identity: null, error: { code: 'ERR_CREDENTIALS_NONE_CONFIGURED' } });
    expect(report.error?.message).toContain('  - container: neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set');
    expect(text).toContain('✖ No credentials: No credential source is configured.');
  });

  it('STS refuses: exit 2, explained', async () => {
    const emulator = await sts();
    const wrong = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYWRONGKEY99';
    const { report, text } = await whoami({ ...baseEnv(), ...emulator.env, AWS_ACCESS_KEY_ID: ALICE.accessKeyId, AWS_SECRET_ACCESS_KEY: wrong }, [wrong]);
    expect(report).toMatchObject({ ok: false, exitCode: 2, identity: null, sts: { status: 'failed', stsCode: 'SignatureDoesNotMatch' } });
    expect(text).toContain('did not accept these credentials: SignatureDoesNotMatch');
  });

  it('the profile’s region is STS’s region when nothing else sets one', async () => {
    const emulator = await sts({ region: 'ap-southeast-2' });
    const home = scratchHome();
    const config = writeFile(home, 'config', '[profile syd]\nregion = ap-southeast-2\n');
    const credentials = writeFile(home, 'credentials', `[syd]\naws_access_key_id = ${ALICE.accessKeyId}\naws_secret_access_key = ${ALICE.secretAccessKey}\n`);
    const { report } = await whoami({ ...baseEnv(home), ...emulator.env, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials }, [], ['--profile', 'syd']);
    expect(report).toMatchObject({ ok: true, source: 'ini', sts: { region: 'ap-southeast-2' }, identity: { arn: ALICE.arn } });
  });

  it('--region and --endpoint-url choose the STS endpoint', async () => {
    const emulator = await sts({ region: 'eu-west-1' });
    const { report } = await whoami({ ...baseEnv(), ...ALICE_ENV }, [], ['--region', 'eu-west-1', '--endpoint-url', emulator.url]);
    expect(report.sts).toMatchObject({ status: 'ok', region: 'eu-west-1', endpoint: `${emulator.url}/` });
  });
});
