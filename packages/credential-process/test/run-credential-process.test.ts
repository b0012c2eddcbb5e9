import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { credentialSource, isIamkitError } from '@iamkit/credentials';
import { runCredentialProcess } from '../src/index.js';
import { HELPER, type PidServer, b64, helper, isAlive, pidServer, quote } from './helpers.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDexampletokenvalue0123456789';
const NOW = Date.parse('2026-03-01T00:00:00Z');
const now = (): number => NOW;

const print = (value: unknown): string => helper('print', b64(typeof value === 'string' ? value : JSON.stringify(value)));
const fail = (code: number, stderr: string, stdout = ''): string => helper('fail', String(code), b64(stderr), b64(stdout));

async function failure(command: string, options: Parameters<typeof runCredentialProcess>[1] = {}): Promise<Error & { code: string }> {
  const error: unknown = await runCredentialProcess(command, { now, ...options }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isIamkitError(error)).toBe(true);
  return error as Error & { code: string };
}

let servers: PidServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
async function server(): Promise<PidServer> {
  const s = await pidServer();
  servers.push(s);
  return s;
}

describe('runCredentialProcess: output', () => {
  it('returns the credentials the command prints', async () => {
    const creds = await runCredentialProcess(
      print({ Version: 1, AccessKeyId: 'ASIAPROCESS', SecretAccessKey: SECRET, SessionToken: TOKEN, Expiration: '2026-03-01T01:00:00Z', AccountId: '111122223333' }),
      { now },
    );
    expect({ ...creds }).toEqual({
      accessKeyId: 'ASIAPROCESS',
      secretAccessKey: SECRET,
      sessionToken: TOKEN,
      expiration: new Date('2026-03-01T01:00:00Z'),
      accountId: '111122223333',
    });
    expect(credentialSource(creds)).toBe('process');
  });

  it('accepts surrounding whitespace, null optionals, and falls back to the accountId option', async () => {
    const creds = await runCredentialProcess(print(`\n  ${JSON.stringify({ Version: 1, AccessKeyId: 'AKID', SecretAccessKey: SECRET, SessionToken: null, Expiration: null })}\n\n`), {
      now,
      accountId: '444455556666',
    });
    expect({ ...creds }).toEqual({ accessKeyId: 'AKID', secretAccessKey: SECRET, accountId: '444455556666' });
    const own = await runCredentialProcess(print({ Version: 1, AccessKeyId: 'AKID', SecretAccessKey: SECRET, AccountId: '777788889999' }), { now, accountId: '444455556666' });
    expect(own.accountId).toBe('777788889999');
  });

  it.each([
    ['empty stdout', print(''), /printed nothing on stdout/],
    ['not JSON', print('Version=1 AccessKeyId=AKID'), /stdout \(\d+ bytes\) is not valid JSON/],
    ['truncated JSON', print('{"Version": 1, "AccessKeyId": "AKID", "SecretAcc'), /is not valid JSON/],
    ['a JSON array', print([{ Version: 1 }]), /JSON but not an object/],
    ['JSON null', print('null'), /JSON but not an object/],
    ['missing Version', print({ AccessKeyId: 'AKID', SecretAccessKey: SECRET }), /"Version" field is missing/],
    ['Version 2', print({ Version: 2, AccessKeyId: 'AKID', SecretAccessKey: SECRET }), /"Version" must be 1 \(got 2\)/],
    ['Version "1"', print({ Version: '1', AccessKeyId: 'AKID', SecretAccessKey: SECRET }), /"Version" must be 1 \(got a string\)/],
    ['missing AccessKeyId', print({ Version: 1, SecretAccessKey: SECRET }), /"AccessKeyId" field is missing/],
    ['missing SecretAccessKey', print({ Version: 1, AccessKeyId: 'AKID' }), /"SecretAccessKey" field is missing/],
    ['empty SecretAccessKey', print({ Version: 1, AccessKeyId: 'AKID', SecretAccessKey: ' ' }), /"SecretAccessKey" is empty/],
    ['numeric SecretAccessKey', print({ Version: 1, AccessKeyId: 'AKID', SecretAccessKey: 12345 }), /"SecretAccessKey" must be a string \(got 12345\)/],
    ['object SessionToken', print({ Version: 1, AccessKeyId: 'AKID', SecretAccessKey: SECRET, SessionToken: { t: TOKEN } }), /"SessionToken" must be a string \(got a object\)/],
    ['bad Expiration', print({ Version: 1, AccessKeyId: 'AKID', SecretAccessKey: SECRET, Expiration: 'next tuesday' }), /"Expiration" is not an ISO 8601/],
    ['numeric Expiration', print({ Version: 1, AccessKeyId: 'AKID', SecretAccessKey: SECRET, Expiration: 1772326800 }), /"Expiration" must be a string/],
  ])('rejects %s with ERR_PROCESS_OUTPUT_INVALID', async (_name, command, problem) => {
    const error = await failure(command);
    expect(error.code).toBe('ERR_PROCESS_OUTPUT_INVALID');
    expect(error.message).toMatch(problem);
    expect(error.message).toContain('must print {"Version": 1');
  });

  it('rejects credentials that have already expired', async () => {
    const error = await failure(print({ Version: 1, AccessKeyId: 'ASIAEXPIREDKEY1234', SecretAccessKey: SECRET, Expiration: '2026-02-28T23:59:59Z' }));
    expect(error.code).toBe('ERR_CREDENTIALS_EXPIRED');
    expect(error.message).toContain('expired at 2026-02-28T23:59:59.000Z');
    expect(error.message).toContain('ASIA…1234');
  });
});

describe('runCredentialProcess: failures of the command', () => {
  it('reports a non-zero exit with the code and a scrubbed stderr excerpt', async () => {
    const error = await failure(fail(3, `Traceback…\nboto: bad key ${SECRET} token=${TOKEN}\n\u001b[31mAccessDenied\u001b[0m\n`), { description: "profile 'dev'" });
    expect(error.code).toBe('ERR_PROCESS_EXIT');
    expect(error.message).toMatch(/^credential_process of profile 'dev': the command exited with code 3\. Its stderr said: Traceback…/);
    expect(error.message).toContain('bad key [redacted] token=[redacted]');
    expect(error.message).toContain('AccessDenied');
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toContain('\u001b');
  });

  it('scrubs the secret values of its own stdout from stderr, however they look', async () => {
    const odd = 'hunter2-not-base64-shaped';
    const error = await failure(fail(1, `could not cache secret ${odd}`, JSON.stringify({ Version: 1, AccessKeyId: 'AKID', SecretAccessKey: odd })));
    expect(error.code).toBe('ERR_PROCESS_EXIT');
    expect(error.message).toContain('could not cache secret [redacted]');
    expect(error.message).not.toContain(odd);
  });

  it('keeps only the end of a long stderr', async () => {
    const error = await failure(fail(2, `${'noise '.repeat(1000)}THE REAL ERROR`));
    expect(error.message).toMatch(/Its stderr said: ….*THE REAL ERROR$/);
    expect(error.message.length).toBeLessThan(1000);
  });

  it('says when stderr is empty', async () => {
    const error = await failure(fail(7, ''));
    expect(error.message).toContain('exited with code 7. It wrote nothing to stderr.');
  });

  it('reports a command killed by a signal', async () => {
    const error = await failure(helper('kill-self'));
    expect(error.code).toBe('ERR_PROCESS_EXIT');
    expect(error.message).toContain('was killed by SIGTERM');
  });

  it('reports a program that does not exist, naming it and where it came from', async () => {
    const error = await failure('/nonexistent/iamkit-credential-helper --profile x', { description: "profile 'x' (/h/.aws/config line 3)" });
    expect(error.code).toBe('ERR_PROCESS_SPAWN');
    expect(error.message).toBe(
      "credential_process of profile 'x' (/h/.aws/config line 3): the program \"/nonexistent/iamkit-credential-helper\" was not found. Use an absolute path, or make sure it is on the PATH of this process.",
    );
  });

  it('reports a program that is not executable', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iamkit-process-'));
    try {
      const script = join(dir, 'not-executable.sh');
      await writeFile(script, '#!/bin/sh\necho {}\n');
      await chmod(script, 0o644);
      const error = await failure(quote(script));
      expect(error.code).toBe('ERR_PROCESS_SPAWN');
      expect(error.message).toContain('is not executable (EACCES)');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('kills a command that never exits once timeoutMs has passed', async () => {
    const pids = await server();
    const error = await failure(helper('hang', String(pids.port)), { timeoutMs: 200 });
    expect(error.code).toBe('ERR_PROCESS_TIMEOUT');
    expect(error.message).toBe('credential_process: the command did not finish within 200 ms and was killed. Make it faster, or raise the timeoutMs option.');
    expect((error as unknown as { retryable: boolean }).retryable).toBe(true);
    // Any connection the child made is closed by the kernel when it dies.
    await pids.allClosed();
  });

  it('stops waiting when the command has exited but a process it started keeps stdout open', async () => {
    const pids = await server();
    const controller = new AbortController();
    const running = runCredentialProcess(helper('background', String(pids.port)), { signal: controller.signal });
    const parent = await pids.nextChild();
    const grandchild = await pids.nextChild();
    await parent.gone;
    // The command is gone, its stdout is not: only the signal (or timeoutMs) ends the wait.
    controller.abort();
    const error: unknown = await running.catch((e: unknown) => e);
    expect(isIamkitError(error, 'ERR_ABORTED')).toBe(true);
    expect(isAlive(grandchild.pid)).toBe(true);
    process.kill(grandchild.pid, 'SIGKILL');
    await grandchild.gone;
  });

  it('kills the command when the signal aborts, and rejects with ERR_ABORTED', async () => {
    const pids = await server();
    const controller = new AbortController();
    const running = runCredentialProcess(helper('hang', String(pids.port)), { signal: controller.signal });
    const { pid } = await pids.nextChild();
    expect(isAlive(pid)).toBe(true);
    controller.abort(new Error('shutting down'));
    const error: unknown = await running.catch((e: unknown) => e);
    expect(isIamkitError(error, 'ERR_ABORTED')).toBe(true);
    expect(isAlive(pid)).toBe(false);
  });

  it('does not start the command when the signal is already aborted', async () => {
    const error = await failure('/nonexistent/never-spawned', { signal: AbortSignal.abort() });
    expect(error.code).toBe('ERR_ABORTED');
  });

  it('kills a command whose stdout exceeds maxOutputBytes', async () => {
    const error = await failure(helper('flood', String(4 * 1024 * 1024)));
    expect(error.code).toBe('ERR_PROCESS_OUTPUT_TOO_LARGE');
    expect(error.message).toContain('more than 65536 bytes');
    const small = await failure(print({ Version: 1, AccessKeyId: 'AKID', SecretAccessKey: SECRET }), { maxOutputBytes: 16 });
    expect(small.code).toBe('ERR_PROCESS_OUTPUT_TOO_LARGE');
  });

  it.each([
    ['unbalanced single quote', `${quote(process.execPath)} 'oops`, /single quote at position \d+ is never closed/],
    ['unbalanced double quote', `${quote(process.execPath)} "oops`, /double quote at position \d+ is never closed/],
    ['a pipe', `${helper('argv')} | jq .`, /"\|" at position \d+ would be interpreted by a shell/],
    ['empty', '   ', /it is empty/],
  ])('rejects a command line with %s', async (_name, command, problem) => {
    const error = await failure(command);
    expect(error.code).toBe('ERR_PROCESS_COMMAND_INVALID');
    expect(error.message).toMatch(/^credential_process: the command line is invalid: /);
    expect(error.message).toMatch(problem);
  });

  it('rejects nonsensical limits', async () => {
    await expect(runCredentialProcess(helper('argv'), { timeoutMs: 0 })).rejects.toMatchObject({ code: 'ERR_CONFIG_INVALID' });
    await expect(runCredentialProcess(helper('argv'), { maxOutputBytes: Number.NaN })).rejects.toMatchObject({ code: 'ERR_CONFIG_INVALID' });
  });
});

describe('runCredentialProcess: the command line', () => {
  it('passes quoted arguments through exactly, without a shell', async () => {
    const command = `${quote(process.execPath)} ${HELPER.replaceAll(' ', '\\ ')} argv plain "double quoted" 'single $HOME' a\\ b "say \\"hi\\"" '' --x="1 2" '*' ~/rel`;
    const creds = await runCredentialProcess(command, { env: { HOME: '/home/tester' } });
    expect(JSON.parse(creds.secretAccessKey)).toEqual(['plain', 'double quoted', 'single $HOME', 'a b', 'say "hi"', '', '--x=1 2', '*', '/home/tester/rel']);
  });

  it('gives the command exactly the injected environment', async () => {
    const creds = await runCredentialProcess(helper('env', 'IAMKIT_PROBE'), { env: { IAMKIT_PROBE: 'from-test', UNSET: undefined } });
    expect(JSON.parse(creds.secretAccessKey)).toEqual(['from-test', false]);
  });
});
