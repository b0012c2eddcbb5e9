import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { createServer } from 'node:net';
import type { IamkitError, ReadTextFile } from '@iamkit/credentials';
import {
  startEcsAgent,
  startImds,
  startSts,
  STS_SAMPLE_ROLES,
  STS_SAMPLE_USERS,
  type EcsAgent,
  type EcsAgentOptions,
  type Imds,
  type ImdsOptions,
  type StsEmulator,
  type StsOptions,
  type StsRole,
} from '@iamkit/emulators';
import { fakeClock as testKitClock, rejectionOf, type FakeClock } from '@iamkit/test-kit';
import { afterEach } from 'vitest';

export const ACCOUNT = '123456789012';
export const ALICE = STS_SAMPLE_USERS.alice;
export const START = Date.parse('2026-03-01T00:00:00Z');
export const MINUTE = 60_000;

/** A role trusted by the whole account, and one trusted only by sessions of the first. */
export const ROLE_A: StsRole = { arn: `arn:aws:iam::${ACCOUNT}:role/role-a`, trustedPrincipals: [`arn:aws:iam::${ACCOUNT}:root`] };
export const ROLE_B: StsRole = { arn: `arn:aws:iam::${ACCOUNT}:role/role-b`, trustedPrincipals: [ROLE_A.arn] };
export const ROLES: readonly StsRole[] = [ROLE_A, ROLE_B, STS_SAMPLE_ROLES.default, STS_SAMPLE_ROLES.externalId, STS_SAMPLE_ROLES.mfa, STS_SAMPLE_ROLES.webIdentity];

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export function onCleanup(cleanup: () => Promise<void> | void): void {
  cleanups.push(cleanup);
}

/** A fake clock shared by emulators, caches and clients. */
export function fakeClock(start = START): FakeClock {
  return testKitClock(start);
}

export async function sts(options: StsOptions = {}): Promise<StsEmulator> {
  const emulator = await startSts({ roles: ROLES, ...options });
  onCleanup(() => emulator.close());
  return emulator;
}

export async function ecs(options: EcsAgentOptions = {}): Promise<EcsAgent> {
  const agent = await startEcsAgent(options);
  onCleanup(() => agent.close());
  return agent;
}

export async function imds(options: ImdsOptions = {}): Promise<Imds> {
  const emulator = await startImds(options);
  onCleanup(() => emulator.close());
  return emulator;
}

/** A loopback port nothing listens on (for "no IMDS here"). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export const HOME = '/h';
export const CONFIG = '/h/.aws/config';
export const CREDENTIALS = '/h/.aws/credentials';

/** An in-memory file system: the two shared files and any other path (token files). */
export function files(entries: Readonly<Record<string, string | undefined>>): ReadTextFile & { set(path: string, text: string | undefined): void; reads: string[] } {
  const map = new Map(Object.entries(entries));
  const reads: string[] = [];
  const read = (path: string): Promise<string> => {
    reads.push(path);
    const text = map.get(path);
    return text === undefined ? Promise.reject(Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' })) : Promise.resolve(text);
  };
  return Object.assign(read, { set: (path: string, text: string | undefined) => void map.set(path, text), reads });
}

export const keys = (user: { accessKeyId: string; secretAccessKey: string }): string => `aws_access_key_id = ${user.accessKeyId}\naws_secret_access_key = ${user.secretAccessKey}\n`;

/** Collects what is published on the given diagnostics channels during a test. */
export function listen(...channels: string[]): unknown[] {
  const events: unknown[] = [];
  const handler = (message: unknown): void => void events.push(message);
  for (const name of channels) subscribe(name, handler);
  onCleanup(() => {
    for (const name of channels) unsubscribe(name, handler);
  });
  return events;
}

/** Runs `promise` and returns what it rejected with (fails the test if it resolved). */
export async function rejection(promise: Promise<unknown>): Promise<IamkitError & Record<string, unknown>> {
  const error: unknown = await rejectionOf(promise);
  return error as IamkitError & Record<string, unknown>;
}

/** The AssumeRole calls an STS emulator answered: who called, what it got. */
export function assumeCalls(emulator: StsEmulator): { accessKeyId: string | undefined; status: number; code: string | undefined }[] {
  return emulator.calls.filter((c) => c.action === 'AssumeRole').map((c) => ({ accessKeyId: c.accessKeyId, status: c.status, code: c.code }));
}
