import type { Sleep } from '@iamkit/credentials';
import { startSts, type StsEmulator, type StsOptions } from '@iamkit/emulators';
import { fakeClock as testKitClock, recordingSleep as testKitSleep, rejectionOf, type FakeClock } from '@iamkit/test-kit';
import { afterEach } from 'vitest';

/** A fake clock shared by a client and an emulator: read with `now`, move with `advance`. */
export function fakeClock(start = Date.parse('2026-03-01T10:00:00Z')): FakeClock {
  return testKitClock(start);
}

/** A retry sleep that does not wait and records every delay asked for. */
export function recordingSleep(): { sleep: Sleep; delays: number[] } {
  return testKitSleep();
}

const running: StsEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sts) => sts.close()));
});

/** An STS emulator on 127.0.0.1 that is closed after the test. */
export async function emulator(options: StsOptions = {}): Promise<StsEmulator> {
  const sts = await startSts(options);
  running.push(sts);
  return sts;
}

/** The error a promise rejects with (fails if it resolves). */
export function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  return rejectionOf(promise);
}
