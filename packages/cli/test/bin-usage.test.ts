// The command line itself: help, version, unknown commands and options, exit 64.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { iamkit } from './helpers/bin.js';
import { baseEnv } from './helpers/world.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
const run = (args: readonly string[]) => iamkit(args, { env: baseEnv(), secrets: [] });

describe('iamkit: help, version, usage errors', () => {
  it('--help lists the commands and the exit codes', async () => {
    for (const args of [[], ['--help'], ['-h'], ['help']]) {
      const result = await run(args);
      expect(result.code).toBe(0);
      for (const command of ['doctor', 'whoami', 'sign', 'explain']) expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
      expect(result.stdout).toContain('Exit codes: 0 ok · 1 no credentials · 2 STS did not accept them · 3 clock skew');
    }
  });

  it.each(['doctor', 'whoami', 'sign', 'explain'])('%s --help shows its options and examples', async (command) => {
    for (const args of [[command, '--help'], [command, '-h'], ['help', command]]) {
      const result = await run(args);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: iamkit ${command}`));
      expect(result.stdout).toContain('Examples:');
      expect(result.stdout).toContain('Exit codes:');
    }
  });

  it('--version prints the package version', async () => {
    for (const args of [['--version'], ['-V']]) {
      const result = await run(args);
      expect(result).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
  });

  it.each([
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['doctor', '--frobnicate'], "Unknown option '--frobnicate'"],
    [['doctor', '--timeout', 'soon'], '--timeout takes a duration such as 500ms, 5s or 2m'],
    [['doctor', '--timeout', '0s'], '--timeout must be more than 0'],
    [['doctor', '--retries=11'], '--retries takes a whole number from 0 to 10'],
    [['doctor', '--endpoint-url', 'sts.amazonaws.com'], '--endpoint-url takes an http(s) URL'],
    [['doctor', '--mongodb', 'localhost:27017'], '--mongodb takes a connection string'],
    [['doctor', '--profile'], "Option '--profile <value>' argument missing"],
    [['whoami', 'extra'], "Unexpected argument 'extra'"],
  ])('%j → 64', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(64);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
  });
});
