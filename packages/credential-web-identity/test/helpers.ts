import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IamkitError } from '@iamkit/credentials';
import { createServiceAccountToken, startSts, STS_SAMPLE_ROLES, type StsEmulator } from '@iamkit/emulators';
import { fakeClock as testKitClock, rejectionOf, type FakeClock } from '@iamkit/test-kit';
import { afterEach } from 'vitest';

export const ROLE = STS_SAMPLE_ROLES.webIdentity.arn;
export const START = Date.parse('2026-03-01T00:00:00Z');

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fake clock the emulator and the provider share. */
export function fakeClock(start = START): FakeClock {
  return testKitClock(start);
}

/** An OIDC-shaped token (a JWT with audience sts.amazonaws.com) valid for a day on `now`. */
export function oidcToken(now: () => number, serviceAccount = 'orders'): string {
  return createServiceAccountToken({ now, audience: 'sts.amazonaws.com', namespace: 'shop', serviceAccount });
}

/** An STS emulator that accepts `tokens`, closed after the test. */
export async function sts(now: () => number, tokens: string[]): Promise<StsEmulator> {
  const emulator = await startSts({ now, webIdentity: { tokens } });
  cleanups.push(() => emulator.close());
  return emulator;
}

/** A temp directory removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'iamkit-web-identity-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A token file holding `token`, in a temp directory. */
export async function tokenFile(token: string): Promise<string> {
  const path = join(await tempDir(), 'token');
  await writeFile(path, `${token}\n`);
  return path;
}

/** Runs `promise` and returns what it rejected with (fails the test if it resolved). */
export async function rejection(promise: Promise<unknown>): Promise<IamkitError> {
  const error: unknown = await rejectionOf(promise);
  return error as IamkitError;
}
