// runCli in process, with injected streams: colour, the spinner, the output guard, stdin, errors.
import { describe, expect, it } from 'vitest';
import { collectDoctor, renderDoctor, runCli, type CliIo } from '../src/index.js';
import { ALICE_ENV, baseEnv, sts } from './helpers/world.js';

function streams(tty = false) {
  let stdout = '';
  let stderr = '';
  return {
    io: { stdout: { write: (t: string) => void (stdout += t), isTTY: tty, columns: 120 }, stderr: { write: (t: string) => void (stderr += t), isTTY: tty } },
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

async function run(argv: readonly string[], io: Partial<CliIo> = {}, tty = false) {
  const s = streams(tty);
  const code = await runCli({ argv, env: baseEnv(), ...s.io, ...io });
  return { code, stdout: s.stdout(), stderr: s.stderr() };
}

describe('runCli', () => {
  it('never writes a secret it has seen, even one no pattern would catch', async () => {
    const env = { ...baseEnv(), AWS_SECRET_ACCESS_KEY: 'correct-horse-battery', AWS_CONTAINER_AUTHORIZATION_TOKEN: 'staple-token-1234' };
    const result = await run(['explain', '--json', 'Throttling: Rate exceeded (while correct-horse-battery and staple-token-1234 were set)'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('[redacted]');
    expect(result.stdout).not.toContain('correct-horse-battery');
    expect(result.stdout).not.toContain('staple-token-1234');
  });

  it('colour on a terminal, none with NO_COLOR, forced with FORCE_COLOR', async () => {
    const emulator = await sts();
    const env = { ...baseEnv(), ...emulator.env, ...ALICE_ENV };
    const tty = await run(['doctor', '--no-sts'], { env }, true);
    expect(tty.stdout).toContain('\u001b[32m✔ credentials\u001b[39m');
    const noColor = await run(['doctor', '--no-sts'], { env: { ...env, NO_COLOR: '1' } }, true);
    expect(noColor.stdout).not.toContain('\u001b[');
    const forced = await run(['doctor', '--no-sts'], { env: { ...env, FORCE_COLOR: '1' } }, false);
    expect(forced.stdout).toContain('\u001b[1miamkit doctor\u001b[22m');
    const json = await run(['doctor', '--no-sts', '--json'], { env: { ...env, FORCE_COLOR: '1' } }, true);
    expect(json.stdout).not.toContain('\u001b[');
  });

  it('a spinner on a terminal’s stderr while it waits on the network, cleared before output', async () => {
    const emulator = await sts();
    const result = await run(['whoami'], { env: { ...baseEnv(), ...emulator.env, ...ALICE_ENV } }, true);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Resolving credentials (default chain)…');
    expect(result.stderr).toContain('Asking STS who these credentials are');
    expect(result.stderr.endsWith('\r\u001b[2K')).toBe(true);
  });

  it('explain without a message on a terminal is a usage error; with a pipe it reads stdin', async () => {
    const tty = await run(['explain'], { stdinIsTTY: true, readStdin: () => Promise.reject(new Error('must not read')) });
    expect(tty.code).toBe(64);
    expect(tty.stderr).toContain('explain needs an error message');
    const piped = await run(['explain'], { stdinIsTTY: false, readStdin: () => Promise.resolve('Rate exceeded') });
    expect(piped.code).toBe(0);
    expect(piped.stdout).toContain('Throttling');
  });

  it('an unexpected failure is an internal error (70), its text scrubbed', async () => {
    const result = await run(['explain', '-'], { readStdin: () => Promise.reject(new Error('stdin broke: wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY')) });
    expect(result.code).toBe(70);
    expect(result.stderr).toBe('iamkit: internal error (please report it): stdin broke: [redacted]\n');
  });

  it('--version prints what it was given', async () => {
    expect((await run(['--version'], { version: '1.2.3' })).stdout).toBe('1.2.3\n');
    expect((await run(['-V'])).stdout).toBe('unknown\n');
  });
});

describe('renderDoctor', () => {
  it('the same text with and without colour, once the codes are removed', async () => {
    const emulator = await sts();
    const report = await collectDoctor({ env: { ...baseEnv(), ...emulator.env, ...ALICE_ENV } });
    const plain = renderDoctor(report, { width: 120 });
    // eslint-disable-next-line no-control-regex
    expect(renderDoctor(report, { color: true, width: 120 }).replace(/\u001b\[\d+m/g, '')).toBe(plain);
    expect(plain.split('\n').every((line) => line.length <= 120 || /^\s+(?:Arn|UserId|MongoDB)\s/.test(line))).toBe(true);
  });

  it('fits the table into a narrow terminal', async () => {
    const report = await collectDoctor({ env: baseEnv() });
    const text = renderDoctor(report, { width: 70 });
    const table = text.split('\n').slice(3, 20).filter((line) => line.startsWith('  '));
    expect(table.every((line) => line.length <= 70)).toBe(true);
  });
});
