import { fork, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startEcsAgent, type EcsAgentOptions } from '@iamkit/emulators';
import { startBarrier } from './barrier.js';
import { isResultMessage, type ResultMessage } from './fleet-messages.js';

/** Options of {@link runFleet}. */
export interface FleetOptions {
  /** How many processes cold-start together. */
  readonly processes: number;
  /** The ECS agent emulator's limit; default: the agent's own (40/s, burst 60). */
  readonly rateLimit?: EcsAgentOptions['rateLimit'];
  /** The built worker script; default: `worker.js` beside this file. */
  readonly workerPath?: string | URL | undefined;
  /** Give up waiting for the fleet after this long. Default 120 s. */
  readonly timeoutMs?: number | undefined;
  /** Progress lines (processes started, ready, go). */
  readonly log?: ((line: string) => void) | undefined;
}

/** What one run of the fleet measured. */
export interface FleetReport {
  readonly processes: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Distinct (masked) access key ids the processes got. */
  readonly accessKeyIds: readonly string[];
  /** Error codes and messages of the processes that failed. */
  readonly failures: readonly { readonly code: string; readonly message: string }[];
  /** From "go" to credentials, measured in each child. */
  readonly slowestMs: number;
  readonly medianMs: number;
  /** From the first fork to the last process connecting to the barrier. */
  readonly startupMs: number;
  /** What the ECS agent emulator saw. */
  readonly agent: { readonly requests: number; readonly ok: number; readonly throttled: number; readonly rateLimit: string };
}

/**
 * Starts one ECS agent emulator and a barrier, forks `processes` workers that each build a cached
 * container provider against the agent and then wait at the barrier; when the last one has
 * connected, the barrier releases them all at once, and each fetches credentials. Reports how
 * every process fared and what the agent saw.
 */
export async function runFleet(options: FleetOptions): Promise<FleetReport> {
  const { processes } = options;
  if (!Number.isInteger(processes) || processes < 1) throw new RangeError(`processes must be a positive integer, got ${processes}`);
  const workerPath = options.workerPath ?? new URL('./worker.js', import.meta.url);
  const log = options.log ?? (() => undefined);
  const timeoutMs = options.timeoutMs ?? 120_000;
  await using agent = await startEcsAgent({ rateLimit: options.rateLimit });
  const barrier = await startBarrier(processes);
  const children: ChildProcess[] = [];
  const results: ResultMessage[] = [];
  let timer: NodeJS.Timeout | undefined;
  try {
    const forkedAt = performance.now();
    let failEarly: (error: Error) => void = () => undefined;
    const early = new Promise<never>((_, reject) => {
      failEarly = reject;
      timer = setTimeout(() => { reject(new Error(`the fleet did not finish within ${timeoutMs} ms`)); }, timeoutMs);
    });
    const done: Promise<void>[] = [];
    let allReported: () => void = () => undefined;
    const reported = new Promise<void>((resolve) => {
      allReported = resolve;
    });
    for (let i = 0; i < processes; i += 1) {
      const path = typeof workerPath === 'string' ? workerPath : fileURLToPath(workerPath);
      const child = fork(path, [agent.fullUri, barrier.url, barrier.warmUpUrl], { stdio: ['ignore', 'inherit', 'pipe', 'ipc'], execArgv: [] });
      children.push(child);
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
      });
      child.on('message', (message) => {
        if (!isResultMessage(message)) return;
        results.push(message);
        if (results.length === processes) allReported();
      });
      // The emulator stands for an agent with a CPU of its own: on a small machine shared with
      // hundreds of processes, it must not queue behind them.
      if (child.pid !== undefined) lowerPriority(child.pid);
      done.push(
        new Promise((resolve) => {
          child.once('exit', (code) => {
            // A process that dies before the barrier would hold everyone else forever.
            if (code !== 0 && barrier.arrived < processes) failEarly(new Error(`worker ${i} exited with code ${code ?? 'null'} before the barrier:\n${stderr.slice(0, 2000)}`));
            resolve();
          });
        }),
      );
    }
    log(`forked ${processes} processes; waiting for all of them at the barrier…`);
    await Promise.race([barrier.released, early]);
    const startupMs = performance.now() - forkedAt;
    log(`all ${processes} connected after ${Math.round(startupMs)} ms; go!`);
    await Promise.race([reported, Promise.all(done), early]);
    for (const child of children) if (child.connected) child.send({ type: 'exit' });
    await Promise.race([Promise.all(done), early]);

    const times = results.map((r) => r.ms).sort((a, b) => a - b);
    const failures = results.filter((r) => !r.ok).map((r) => ({ code: r.code ?? 'UNKNOWN', message: r.message ?? '' }));
    const missing = processes - results.length;
    for (let i = 0; i < missing; i += 1) failures.push({ code: 'NO_RESULT', message: 'a worker exited without reporting' });
    return {
      processes,
      succeeded: results.filter((r) => r.ok).length,
      failed: failures.length,
      accessKeyIds: [...new Set(results.flatMap((r) => (r.accessKeyId === undefined ? [] : [r.accessKeyId])))],
      failures,
      slowestMs: times[times.length - 1] ?? 0,
      medianMs: times[Math.floor(times.length / 2)] ?? 0,
      startupMs,
      agent: {
        requests: agent.counters.total,
        ok: agent.counters.status(200),
        throttled: agent.counters.throttled,
        rateLimit: agent.rateLimit === undefined ? 'off' : `${agent.rateLimit.rate}/s, burst ${agent.rateLimit.burst}`,
      },
    };
  } finally {
    clearTimeout(timer);
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill();
    await barrier.close();
  }
}

function lowerPriority(pid: number): void {
  try {
    setPriority(pid, 10);
  } catch {
    // Not allowed here: the run still works, with more CPU contention.
  }
}
