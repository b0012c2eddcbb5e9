import { type ChildProcess, spawn } from 'node:child_process';
import { type Env, IamkitError, scrubSecrets } from '@iamkit/credentials';

/** What a finished child left behind. */
export interface Captured {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface CaptureOptions {
  readonly timeoutMs: number;
  readonly maxOutputBytes: number;
  readonly env: Env;
  readonly signal?: AbortSignal | undefined;
  /** Prefixes every message: which profile / file the command came from. */
  readonly context: string;
}

// stderr is only ever shown as an excerpt; keep its start and stop collecting after that.
const STDERR_KEEP_BYTES = 16 * 1024;

/**
 * Runs `argv` without a shell, stdin closed, collecting stdout (up to `maxOutputBytes`) and the
 * start of stderr. On timeout, oversized output or abort, the child is killed with SIGKILL and
 * the promise settles once it has exited. Grandchildren it started are not tracked: killing a
 * whole process group would also stop a helper that prompts on the terminal.
 */
export function spawnCapture(argv: readonly [string, ...string[]], options: CaptureOptions): Promise<Captured> {
  const { context } = options;
  const program = argv[0];
  return new Promise<Captured>((resolve, reject) => {
    if (options.signal?.aborted === true) {
      reject(aborted(context, options.signal.reason));
      return;
    }
    let child: ChildProcess;
    try {
      child = spawn(program, argv.slice(1), { shell: false, stdio: ['ignore', 'pipe', 'pipe'], env: definedOnly(options.env), windowsHide: true });
    } catch (error) {
      reject(spawnFailed(context, program, error));
      return;
    }

    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let stdoutBytes = 0;
    let stderrBytes = 0;
    let failure: IamkitError | undefined;
    let settled = false;

    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const stop = (error: IamkitError): void => {
      const first = (failure ??= error);
      if (child.exitCode !== null || child.signalCode !== null) {
        // Already exited, yet a stream is still open: a background process it started holds it.
        child.stdout?.destroy();
        child.stderr?.destroy();
        finish(() => { reject(first); });
      } else {
        child.kill('SIGKILL');
      }
    };
    const onAbort = (): void => { stop(aborted(context, options.signal?.reason)); };
    const timer = setTimeout(() => {
      stop(
        new IamkitError({
          code: 'ERR_PROCESS_TIMEOUT',
          source: 'process',
          retryable: true,
          message: `${context}: the command did not finish within ${options.timeoutMs} ms and was killed. Make it faster, or raise the timeoutMs option.`,
        }),
      );
    }, options.timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });

    // A pipe error must not crash the host application; 'close' still follows and settles.
    child.stdout?.on('error', () => undefined);
    child.stderr?.on('error', () => undefined);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > options.maxOutputBytes) {
        stop(
          new IamkitError({
            code: 'ERR_PROCESS_OUTPUT_TOO_LARGE',
            source: 'process',
            message: `${context}: the command wrote more than ${options.maxOutputBytes} bytes to stdout and was killed; credential_process output is one small JSON object. Fix the command, or raise the maxOutputBytes option.`,
          }),
        );
      } else if (failure === undefined) {
        stdout.push(chunk);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderrBytes < STDERR_KEEP_BYTES) stderr.push(chunk.subarray(0, STDERR_KEEP_BYTES - stderrBytes));
      stderrBytes += chunk.length;
    });
    child.on('error', (error) => {
      // Emitted when the program cannot be started (ENOENT, EACCES); a failed kill needs no report.
      if (child.pid === undefined) finish(() => { reject(spawnFailed(context, program, error)); });
    });
    child.on('exit', () => {
      const error = failure;
      if (error !== undefined) {
        child.stdout?.destroy();
        child.stderr?.destroy();
        finish(() => { reject(error); });
      }
    });
    child.on('close', (exitCode: number | null, signal: NodeJS.Signals | null) => {
      const error = failure;
      finish(() => {
        if (error !== undefined) reject(error);
        else resolve({ stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), exitCode, signal });
      });
    });
  });
}

function aborted(context: string, reason: unknown): IamkitError {
  // The caller's own Error reason is kept as the cause; any other value is not ours to print.
  return new IamkitError({
    code: 'ERR_ABORTED',
    source: 'process',
    message: `${context}: aborted through the AbortSignal; the command was killed.`,
    cause: reason instanceof Error ? reason : undefined,
  });
}

function spawnFailed(context: string, path: string, error: unknown): IamkitError {
  const program = scrubSecrets(path);
  const code = (error as { code?: unknown } | null)?.code;
  const why =
    code === 'ENOENT'
      ? `the program "${program}" was not found. Use an absolute path, or make sure it is on the PATH of this process`
      : code === 'EACCES'
        ? `the program "${program}" is not executable (EACCES). Check its permissions`
        : `the program "${program}" could not be started${typeof code === 'string' ? ` (${code})` : ''}`;
  // Node's spawn error carries the full argv (`spawnargs`), which may hold secrets: keep only the code.
  const cause = Object.assign(new Error(`spawn failed${typeof code === 'string' ? `: ${code}` : ''}`), typeof code === 'string' ? { code } : {});
  return new IamkitError({ code: 'ERR_PROCESS_SPAWN', source: 'process', message: `${context}: ${why}.`, cause });
}

function definedOnly(env: Env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return out;
}
