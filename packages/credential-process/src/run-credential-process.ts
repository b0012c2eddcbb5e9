import { type Credentials, type Env, IamkitError, homeDirectory, resolveRuntime, scrubSecrets } from '@iamkit/credentials';
import { parseProcessOutput, secretsInOutput, stderrNote } from './parse-process-output.js';
import { spawnCapture } from './spawn-capture.js';
import { splitCommandLine } from './split-command.js';

/**
 * The codes `@iamkit/credential-process` raises, besides the shared `ERR_CREDENTIALS_EXPIRED`,
 * `ERR_ABORTED` and `ERR_CREDENTIALS_NOT_CONFIGURED`.
 *
 * @example
 * ```ts
 * if (isIamkitError(error, 'ERR_PROCESS_TIMEOUT' satisfies ProcessErrorCode)) retryLater();
 * ```
 * @public
 */
export type ProcessErrorCode =
  /** The command line is empty, has unbalanced quotes or uses shell syntax. */
  | 'ERR_PROCESS_COMMAND_INVALID'
  /** The program could not be started (not found, not executable). */
  | 'ERR_PROCESS_SPAWN'
  /** The command exited with a non-zero code or was killed by a signal. */
  | 'ERR_PROCESS_EXIT'
  /** The command did not finish within `timeoutMs`. */
  | 'ERR_PROCESS_TIMEOUT'
  /** The command wrote more than `maxOutputBytes` to stdout. */
  | 'ERR_PROCESS_OUTPUT_TOO_LARGE'
  /** stdout is not the credential_process JSON. */
  | 'ERR_PROCESS_OUTPUT_INVALID'
  /** A profile chosen by name (option or `AWS_PROFILE`) does not exist. */
  | 'ERR_PROCESS_PROFILE_NOT_FOUND';

/**
 * Default `timeoutMs`: one minute, as in the AWS SDK for Go. Long enough for a helper that asks
 * for an MFA code or opens a browser for single sign-on, short enough that a hung helper does not
 * hang the application.
 *
 * @example
 * ```ts
 * runCredentialProcess(command, { timeoutMs: DEFAULT_PROCESS_TIMEOUT_MS / 2 });
 * ```
 * @public
 */
export const DEFAULT_PROCESS_TIMEOUT_MS = 60_000;

/**
 * Default `maxOutputBytes` (64 KiB): the JSON is a few hundred bytes; anything near this is a
 * command printing something else.
 *
 * @example
 * ```ts
 * runCredentialProcess(command, { maxOutputBytes: 2 * DEFAULT_PROCESS_MAX_OUTPUT_BYTES });
 * ```
 * @public
 */
export const DEFAULT_PROCESS_MAX_OUTPUT_BYTES = 64 * 1024;

/**
 * Options of {@link runCredentialProcess}.
 *
 * @example
 * ```ts
 * const options: RunCredentialProcessOptions = { timeoutMs: 10_000, accountId: '123456789012' };
 * ```
 * @public
 */
export interface RunCredentialProcessOptions {
  /** Kill the command after this long; default {@link DEFAULT_PROCESS_TIMEOUT_MS}. */
  readonly timeoutMs?: number | undefined;
  /** Kill the command when stdout exceeds this; default {@link DEFAULT_PROCESS_MAX_OUTPUT_BYTES}. */
  readonly maxOutputBytes?: number | undefined;
  /** The child's environment (and the home directory for `~`); default `process.env`. */
  readonly env?: Env | undefined;
  /** Clock for rejecting expired credentials; default `Date.now`. */
  readonly now?: (() => number) | undefined;
  /** Aborting kills the command and rejects with `ERR_ABORTED`. */
  readonly signal?: AbortSignal | undefined;
  /** `accountId` when the output has no `AccountId` (a profile's `aws_account_id`). */
  readonly accountId?: string | undefined;
  /** Where the command came from, for messages, e.g. `profile 'dev' (/home/me/.aws/config line 9)`. */
  readonly description?: string | undefined;
}

// Enough stderr to explain a failure without turning a message into a log dump.
const STDERR_EXCERPT_CHARS = 600;

/**
 * Runs a `credential_process` command and returns the credentials it prints. The command line
 * is split with {@link splitCommandLine} and run without a shell, stdin closed, with a timeout
 * and a cap on stdout. A non-zero exit fails with `ERR_PROCESS_EXIT`, quoting the exit code and
 * an excerpt of stderr from which secrets (anything shaped like one, and the values of the
 * output's own secret fields) are removed.
 *
 * @example
 * ```ts
 * import { runCredentialProcess } from '@iamkit/credential-process';
 * const credentials = await runCredentialProcess('/usr/local/bin/aws-vault export --format=json dev', { timeoutMs: 30_000 });
 * ```
 * @public
 */
export async function runCredentialProcess(command: string, options: RunCredentialProcessOptions = {}): Promise<Credentials> {
  const { env, now } = resolveRuntime({ env: options.env, now: options.now });
  const context = options.description === undefined ? 'credential_process' : `credential_process of ${options.description}`;
  const timeoutMs = positive(options.timeoutMs, 'timeoutMs') ?? DEFAULT_PROCESS_TIMEOUT_MS;
  const maxOutputBytes = positive(options.maxOutputBytes, 'maxOutputBytes') ?? DEFAULT_PROCESS_MAX_OUTPUT_BYTES;
  let argv: string[];
  try {
    argv = splitCommandLine(command, { home: homeDirectory(env) });
  } catch (error) {
    throw new IamkitError({ code: 'ERR_PROCESS_COMMAND_INVALID', source: 'process', message: `${context}: ${(error as Error).message}` });
  }
  const [program = '', ...args] = argv;
  const result = await spawnCapture([program, ...args], { timeoutMs, maxOutputBytes, env, signal: options.signal, context });

  const known = secretsInOutput(result.stdout);
  const stderr = excerpt(scrubSecrets(result.stderr, known));
  if (result.exitCode !== 0) {
    const how = result.exitCode === null ? `was killed by ${result.signal ?? 'a signal'}` : `exited with code ${result.exitCode}`;
    throw new IamkitError({
      code: 'ERR_PROCESS_EXIT',
      source: 'process',
      message: `${context}: the command ${how}.${stderr === '' ? ' It wrote nothing to stderr.' : stderrNote(stderr)}`,
    });
  }
  return parseProcessOutput(result.stdout, { context, now: now(), accountId: options.accountId, stderr });
}

function excerpt(text: string): string {
  // Control characters (terminal colours, carriage returns) would garble a log line.
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim();
  // The end is kept: that is where tools and tracebacks put the actual error.
  return clean.length <= STDERR_EXCERPT_CHARS ? clean : `…${clean.slice(-STDERR_EXCERPT_CHARS)}`;
}

function positive(value: number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (Number.isFinite(value) && value > 0) return value;
  throw new IamkitError({ code: 'ERR_CONFIG_INVALID', source: 'process', message: `the ${name} option must be a positive number of ${name === 'timeoutMs' ? 'milliseconds' : 'bytes'}.` });
}
