import type { Clock, Env, ReadTextFile } from '@iamkit/credentials';

/**
 * Where the CLI writes: `process.stdout` / `process.stderr`, or anything with `write` (tests).
 * `isTTY` turns on colour and the spinner; `columns` sets the table width.
 *
 * @example
 * ```ts
 * let text = '';
 * const out: CliOutput = { write: (chunk) => void (text += chunk) };
 * ```
 * @public
 */
export interface CliOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
}

/**
 * Everything {@link runCli} touches, injectable: the arguments, the environment, the output
 * streams, stdin, the file system, the clock and the `mongodb` driver.
 *
 * @example
 * ```ts
 * const code = await runCli({ argv: ['whoami', '--json'], env: { ...sts.env, AWS_ACCESS_KEY_ID: '…', AWS_SECRET_ACCESS_KEY: '…' }, stdout, stderr });
 * ```
 * @public
 */
export interface CliIo {
  /** The arguments after `iamkit`, e.g. `['doctor', '--json']`. */
  readonly argv: readonly string[];
  /** Default `process.env`. */
  readonly env?: Env | undefined;
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  /** Reads all of stdin (for `explain -`, `--compare -`, `--body-file -`). */
  readonly readStdin?: (() => Promise<string>) | undefined;
  /** Whether stdin is a terminal (then `explain` without a message prints its help). */
  readonly stdinIsTTY?: boolean | undefined;
  /** Reads a file as UTF-8; default the file system. */
  readonly readFile?: ReadTextFile | undefined;
  /** Reads a file as bytes (`--body-file`); default the file system. */
  readonly readBytes?: ((path: string) => Promise<Uint8Array>) | undefined;
  /** Default `Date.now`. */
  readonly now?: Clock | undefined;
  /** Printed by `--version`. */
  readonly version?: string | undefined;
  /** Loads the `mongodb` driver for `doctor --mongodb`; default `import('mongodb')`. */
  readonly loadMongodb?: (() => Promise<unknown>) | undefined;
}
