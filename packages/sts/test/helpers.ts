import type { Sleep } from '@iamkit/credentials';
import { startSts, type StsEmulator, type StsOptions } from '@iamkit/emulators';
import { afterEach } from 'vitest';

/** A fake clock shared by a client and an emulator: read with `now`, move with `advance`. */
export function fakeClock(start = Date.parse('2026-03-01T10:00:00Z')): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

/** A retry sleep that does not wait and records every delay asked for. */
export function recordingSleep(): { sleep: Sleep; delays: number[] } {
  const delays: number[] = [];
  const sleep: Sleep = async (ms) => {
    delays.push(ms);
  };
  return { sleep, delays };
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
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected a rejection');
}
