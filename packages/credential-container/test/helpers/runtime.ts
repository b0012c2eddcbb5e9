import type { ReadTextFile, Sleep } from '@iamkit/credentials';

/** A clock that moves only when the test says so. */
export interface FakeClock {
  readonly now: () => number;
  advance(ms: number): void;
}

export const T0 = Date.parse('2026-03-01T12:00:00Z');

export function fakeClock(start = T0): FakeClock {
  let current = start;
  return {
    now: () => current,
    advance(ms) {
      current += ms;
    },
  };
}

/** mulberry32: a small deterministic PRNG, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A sleep that records the delays asked for and returns at once (moving a fake clock if given). */
export function recordingSleep(clock?: FakeClock): { readonly sleep: Sleep; readonly delays: number[] } {
  const delays: number[] = [];
  return {
    delays,
    sleep: (ms) => {
      delays.push(ms);
      clock?.advance(ms);
      return Promise.resolve();
    },
  };
}

/** An in-memory file system for token files and /proc/1/environ; `reads` counts reads per path. */
export function memoryFiles(initial: Record<string, string> = {}): { readonly readFile: ReadTextFile; readonly files: Record<string, string>; readonly reads: Map<string, number> } {
  const files: Record<string, string> = { ...initial };
  const reads = new Map<string, number>();
  return {
    files,
    reads,
    readFile: (path) => {
      reads.set(path, (reads.get(path) ?? 0) + 1);
      const text = files[path];
      if (text === undefined) return Promise.reject(Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' }));
      return Promise.resolve(text);
    },
  };
}

/** The rejection of a promise that must reject (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the promise to reject');
}
