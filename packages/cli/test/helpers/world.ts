// Emulators on 127.0.0.1 and a scratch HOME for the CLI's child processes; closed after each test.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEcsAgent, startImds, startMongo, startSts, STS_SAMPLE_USERS, type EcsAgent, type EcsAgentOptions, type Imds, type ImdsOptions, type MongoEmulator, type StsEmulator, type StsOptions } from '@iamkit/emulators';
import { afterEach } from 'vitest';

export const ACCOUNT = '123456789012';
export const ALICE = STS_SAMPLE_USERS.alice;
export const BOB = STS_SAMPLE_USERS.bob;
/** Alice's long-term keys as environment variables (the env source). */
export const ALICE_ENV: Readonly<Record<string, string>> = { AWS_ACCESS_KEY_ID: ALICE.accessKeyId, AWS_SECRET_ACCESS_KEY: ALICE.secretAccessKey };
export const TASK_ROLE = 'iamkit-emulator-task-role';
export const TASK_ROLE_USER = `arn:aws:sts::${ACCOUNT}:assumed-role/${TASK_ROLE}/*`;

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Every secret the sample STS users hold: no test output may contain one. */
export const SAMPLE_SECRETS: readonly string[] = Object.values(STS_SAMPLE_USERS).flatMap((user): string[] => ('sessionToken' in user ? [user.secretAccessKey, user.sessionToken] : [user.secretAccessKey]));

export function scratchHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'iamkit-cli-'));
  cleanups.push(() => rmSync(home, { recursive: true, force: true }));
  return home;
}

export function writeFile(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

// A HOME that is never created: no ~/.aws there. Tests that need files make a scratch one.
const NO_HOME = join(tmpdir(), 'iamkit-cli-test-home-that-does-not-exist');

/** A HOME without ~/.aws, and IMDS off: the environment of "nothing configured". */
export function baseEnv(home = NO_HOME): Record<string, string> {
  return { HOME: home, AWS_EC2_METADATA_DISABLED: 'true' };
}

export async function sts(options: StsOptions = {}): Promise<StsEmulator> {
  const emulator = await startSts(options);
  cleanups.push(() => emulator.close());
  return emulator;
}

/** An ECS agent whose credentials STS knows as a session of the task role. */
export async function ecs(stsEmulator: StsEmulator | undefined, options: EcsAgentOptions = {}): Promise<EcsAgent> {
  const agent = await startEcsAgent(options);
  cleanups.push(() => agent.close());
  stsEmulator?.addUser({ ...agent.credentials, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${TASK_ROLE}/task-session` });
  return agent;
}

export async function imds(stsEmulator: StsEmulator | undefined, options: ImdsOptions = {}): Promise<Imds> {
  const emulator = await startImds(options);
  cleanups.push(() => emulator.close());
  stsEmulator?.addUser({ ...emulator.credentials, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${emulator.roleName ?? 'role'}/i-0123456789abcdef0` });
  return emulator;
}

/** A MongoDB emulator that verifies every MONGODB-AWS login with the STS emulator, as mongod does. */
export async function mongo(stsEmulator: StsEmulator, users: readonly string[]): Promise<MongoEmulator> {
  const emulator = await startMongo({ sts: { url: stsEmulator.url, retryCount: 0 }, stsHost: 'sts.amazonaws.com', users });
  cleanups.push(() => emulator.close());
  return emulator;
}

export function onCleanup(cleanup: () => unknown): void {
  cleanups.push(cleanup);
}
