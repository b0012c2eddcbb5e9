import { resolveEnv, resolveRuntime, type Clock, type Env, type ReadTextFile } from '@iamkit/credentials';
import { readFile } from 'node:fs/promises';
import { SecretRegistry } from '../shared/redact.js';
import type { CliIo, CliOutput } from './io.js';
import { createSpinner, type Spinner } from './spinner.js';
import { colorEnabled } from './style.js';

/** What a command runs with: the injected surroundings, plus output that never carries a known secret. */
export interface CommandContext {
  readonly env: Env;
  readonly now: Clock;
  readonly readFile: ReadTextFile;
  readonly readBytes: (path: string) => Promise<Uint8Array>;
  readonly readStdin: () => Promise<string>;
  readonly stdinIsTTY: boolean;
  readonly loadMongodb: (() => Promise<unknown>) | undefined;
  readonly secrets: SecretRegistry;
  readonly spinner: Spinner;
  /** Colour on stdout. */
  readonly color: boolean;
  readonly width: number;
  /** Writes to stdout, known secrets removed. */
  readonly out: (text: string) => void;
  /** Writes to stderr, known secrets removed (the spinner line is cleared first). */
  readonly err: (text: string) => void;
}

// Values of these variables are secrets wherever they show up.
const SECRET_VARIABLES = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CONTAINER_AUTHORIZATION_TOKEN'];

export function createContext(io: CliIo): CommandContext {
  const env = resolveEnv(io.env);
  const runtime = resolveRuntime({ env, now: io.now, readFile: io.readFile });
  const secrets = new SecretRegistry();
  secrets.add(...SECRET_VARIABLES.map((name) => env[name]));
  const spinner = createSpinner(io.stderr);
  const writer = (stream: CliOutput) => (text: string) => {
    spinner.stop();
    stream.write(secrets.redact(text));
  };
  return {
    env,
    now: runtime.now,
    readFile: runtime.readFile,
    readBytes: io.readBytes ?? ((path) => readFile(path)),
    readStdin: io.readStdin ?? (() => Promise.resolve('')),
    stdinIsTTY: io.stdinIsTTY === true,
    loadMongodb: io.loadMongodb,
    secrets,
    spinner,
    color: colorEnabled(env, io.stdout.isTTY),
    // A terminal's width; COLUMNS (which shells export) for pipes and files; else 100.
    width: Math.min(Math.max(io.stdout.columns ?? (Number(env.COLUMNS) || 100), 60), 240),
    out: writer(io.stdout),
    err: writer(io.stderr),
  };
}
