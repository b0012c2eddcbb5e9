/** A clock that moves only when the test says so. */
export interface FakeClock {
  readonly now: () => number;
  advance(ms: number): void;
  set(ms: number): void;
}

/** 2026-03-01T12:00:00Z: the default start of a fake clock. */
export declare const T0: number;

export declare function fakeClock(start?: number): FakeClock;

/** mulberry32: a small deterministic PRNG, uniform in [0, 1). */
export declare function seededRandom(seed: number): () => number;

/** A sleep that records the delays asked for and returns at once (moving a fake clock if given). */
export declare function recordingSleep(clock?: FakeClock): {
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly delays: number[];
};

/** An in-memory file system for token files, config files and /proc/1/environ; `reads` counts reads per path. */
export declare function memoryFiles(initial?: Record<string, string>): {
  readonly readFile: (path: string) => Promise<string>;
  readonly files: Record<string, string>;
  readonly reads: Map<string, number>;
};

/** The rejection of a promise that must reject (fails the test if it resolves). */
export declare function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>>;

export interface RecordedEvent {
  readonly channel: string;
  readonly message: Record<string, unknown>;
}

/** Records every message published on the named diagnostics channels (that `filter` keeps) until `stop()`. */
export declare function recordChannels(
  names: readonly string[],
  filter?: (message: Record<string, unknown>) => boolean,
): { readonly events: RecordedEvent[]; stop(): void };
