// Runs the BUILT `iamkit` bin as a real child process, with an environment made from scratch (never
// this process's), and checks every byte it writes for the secrets the test knows.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

export interface BinResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as JSON (for --json runs). */
  json(): unknown;
}

export interface RunOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdin?: string | undefined;
  /** Values that must appear in neither stdout nor stderr (raw or URI-encoded). */
  readonly secrets: readonly (string | undefined)[];
}

export async function iamkit(args: readonly string[], options: RunOptions): Promise<BinResult> {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build the package first (pnpm --filter @iamkit/cli build)`);
  const env = Object.fromEntries(Object.entries(options.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(options.stdin ?? '');
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  expectNoSecrets(`${stdout}\n${stderr}`, options.secrets);
  return { code, stdout, stderr, json: (): unknown => JSON.parse(stdout) };
}

export function expectNoSecrets(output: string, secrets: readonly (string | undefined)[]): void {
  for (const secret of secrets) {
    if (secret === undefined || secret === '') continue;
    expect(output.includes(secret), `a secret (${secret.slice(0, 4)}…) appears in the output`).toBe(false);
    expect(output.includes(encodeURIComponent(secret)), `a URI-encoded secret (${secret.slice(0, 4)}…) appears in the output`).toBe(false);
  }
}

/** Text with every run of whitespace (wrapped lines, table padding) made one space, for matching sentences. */
export function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}
