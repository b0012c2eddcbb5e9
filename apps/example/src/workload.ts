import type { Collection } from 'mongodb';

/** The shape of the workload: bursts of concurrent operations with a failover between them. */
export interface WorkloadOptions {
  /** Operations per burst, all started at once: half `find`, half `insertOne`. */
  readonly concurrency: number;
  /** Bursts; a failover happens before every burst after the first. Default 2. */
  readonly bursts?: number | undefined;
  /** The collection the operations run on (asked again per burst: a failover may reconnect). */
  readonly collection: () => Collection;
  /** Makes the pool clear and refill: a server dropping connections, or a reconnect. */
  readonly failover: () => Promise<void>;
}

/** How the operations fared. */
export interface WorkloadResult {
  readonly operations: number;
  readonly failed: number;
  /** Failed operations by error name (`MongoAWSError`, `MongoPoolClearedError`, …). */
  readonly errors: Readonly<Record<string, number>>;
  /** The first error an operation failed with, for the explanation. */
  readonly firstError: unknown;
  readonly elapsedMs: number;
}

/** Runs the bursts and counts what failed; never throws for a failed operation. */
export async function runWorkload(options: WorkloadOptions): Promise<WorkloadResult> {
  const bursts = options.bursts ?? 2;
  const errors: Record<string, number> = {};
  let failed = 0;
  let operations = 0;
  let firstError: unknown;
  const started = performance.now();
  for (let burst = 0; burst < bursts; burst += 1) {
    if (burst > 0) await options.failover();
    const items = options.collection();
    const results = await Promise.allSettled(
      Array.from({ length: options.concurrency }, (_, i) => (i % 2 === 0 ? items.find({ burst, i }).toArray() : items.insertOne({ burst, i }))),
    );
    for (const result of results) {
      operations += 1;
      if (result.status === 'fulfilled') continue;
      failed += 1;
      firstError ??= result.reason;
      const name = result.reason instanceof Error ? result.reason.name : typeof result.reason;
      errors[name] = (errors[name] ?? 0) + 1;
    }
  }
  return { operations, failed, errors, firstError, elapsedMs: performance.now() - started };
}
