#!/usr/bin/env node
// The `iamkit` executable: the real process around runCli (argv, env, stdio, exit status).
import { runCli } from '../cli/run-cli.js';

declare const IAMKIT_CLI_VERSION: string;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

// No top-level await: the bin is also built as CommonJS.
void runCli({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin,
  stdinIsTTY: process.stdin.isTTY,
  version: typeof IAMKIT_CLI_VERSION === 'string' ? IAMKIT_CLI_VERSION : undefined,
}).then((code) => {
  process.exitCode = code;
});
