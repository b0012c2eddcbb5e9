import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isIamkitError } from '@iamkit/credentials';
import { fromProcess, runCredentialProcess } from '../src/index.js';
import { b64, helper, quote } from './helpers.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDexampletokenvalue0123456789';
// A secret with no recognisable shape: only knowing it (from the output) lets it be scrubbed.
const PLAIN = 'correct-horse-battery-staple';
const now = (): number => Date.parse('2026-03-01T00:00:00Z');
const creds = { Version: 1, AccessKeyId: 'ASIAPROCESSKEY', SecretAccessKey: PLAIN, SessionToken: TOKEN };
const print = (text: string): string => helper('print', b64(text));

// Every failure path of runCredentialProcess, each with secrets in reach.
const commands: [string, Parameters<typeof runCredentialProcess>[1]?][] = [
  [helper('fail', '1', b64(`oops ${SECRET} ${TOKEN} ${PLAIN}`), b64(JSON.stringify(creds)))],
  [helper('fail', '2', b64(`AWS_SECRET_ACCESS_KEY=${SECRET}\nAWS_SESSION_TOKEN=${TOKEN}`))],
  [print(`SecretAccessKey=${PLAIN} SessionToken=${TOKEN}`)],
  [print(`{"Version": 1, "SecretAccessKey": "${PLAIN}", "SessionToken": "${TOKEN}"`)],
  [print(JSON.stringify({ ...creds, Version: 2 }))],
  [print(JSON.stringify({ ...creds, Version: PLAIN }))],
  [print(JSON.stringify({ ...creds, AccessKeyId: undefined }))],
  [print(JSON.stringify({ ...creds, AccessKeyId: [PLAIN] }))],
  [print(JSON.stringify({ ...creds, SessionToken: { value: TOKEN } }))],
  [print(JSON.stringify({ ...creds, Expiration: PLAIN }))],
  [print(JSON.stringify({ ...creds, Expiration: '2020-01-01T00:00:00Z' }))],
  [print(JSON.stringify([creds]))],
  [print(JSON.stringify(creds).repeat(50)), { maxOutputBytes: 1024 }],
  [helper('hang', '9'), { timeoutMs: 200 }],
  [`/nonexistent/helper --secret ${PLAIN} --token ${TOKEN.replaceAll('/', '\\/')}`],
  [`${quote(process.execPath)} ${PLAIN} ${SECRET} | tee`],
  [`${quote(process.execPath)} '${PLAIN}`],
  [helper('argv', PLAIN), { signal: AbortSignal.abort(PLAIN) }],
];

describe('credential-process never leaks a secret', () => {
  it('in the message, stack, util.inspect or JSON of any error', async () => {
    const errors: unknown[] = [];
    for (const [command, options] of commands) {
      errors.push(await runCredentialProcess(command, { now, ...options }).then(() => 'no error', (e: unknown) => e));
    }
    const readFile = (): Promise<string> => Promise.resolve(`[profile p]\ncredential_process = ${helper('fail', '5', b64(`${PLAIN} ${SECRET}`), b64(JSON.stringify(creds)))}\n`);
    errors.push(await fromProcess({ profile: 'p', env: {}, readFile, now })().then(() => 'no error', (e: unknown) => e));

    expect(errors.filter((e) => !isIamkitError(e))).toEqual([]);
    for (const error of errors) {
      const views = [(error as Error).message, (error as Error).stack ?? '', inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error)];
      for (const view of views) {
        expect(view).not.toContain(SECRET);
        expect(view).not.toContain(TOKEN);
        expect(view).not.toContain(TOKEN.slice(0, 24));
        expect(view).not.toContain(PLAIN);
      }
    }
  });
});
