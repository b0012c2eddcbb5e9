import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isIamkitError, loadSharedConfig } from '@iamkit/credentials';
import { type FromIniOptions, fromIni, resolveProfilePlan } from '../src/index.js';
import { HOME, SECRET, TOKEN, files, printCommand } from './helpers.js';

// Secrets with no recognisable shape: only knowing them lets them be kept out.
const PLAIN = 'correct-horse-battery-staple';
const WEB_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2EifQ.c2lnbmF0dXJlLXZhbHVl';
const keys = `aws_access_key_id = AKIAEXAMPLEKEYID\naws_secret_access_key = ${SECRET}\naws_session_token = ${TOKEN}\n`;
const role = 'role_arn = arn:aws:iam::1:role/r\n';

// Every failure path of fromIni, each with secrets in the files, the env or the executors' reach.
const failures: [config: string, options?: FromIniOptions][] = [
  [`[default]\naws_secret_access_key = ${SECRET}\naws_session_token = ${TOKEN}\n`],
  [`[default]\naws_secret_access_key ${SECRET}\n`],
  [`aws_secret_access_key = ${SECRET}\n`],
  [`[default]\n${role}source_profile = k\ncredential_source = Environment\n[profile k]\n${keys}`],
  [`[default]\n${role}source_profile = default\n`],
  [`[default]\n${role}source_profile = k\n[profile k]\n${role}source_profile = default\n${keys}`],
  [`[default]\n${role}source_profile = k\n[profile k]\n${keys}`],
  [`[default]\n${role}source_profile = k\nmfa_serial = arn:aws:iam::1:mfa/me\n[profile k]\n${keys}`, { assumeRole: () => Promise.reject(new Error('unreachable')) }],
  [`[default]\n${role}source_profile = k\n[profile k]\n${keys}`, { assumeRole: (s) => Promise.reject(new Error(`bad ${s.secretAccessKey} ${s.sessionToken ?? ''}`)) }],
  [`[default]\n${role}source_profile = k\nmfa_serial = m\n[profile k]\n${keys}`, { assumeRole: () => Promise.reject(new Error('x')), mfaCodeProvider: () => Promise.reject(new Error(`mfa failed near ${SECRET}`)) }],
  [`[default]\n${role}credential_source = Environment\n`, { assumeRole: () => Promise.reject(new Error('x')), env: { ...HOME, AWS_SESSION_TOKEN: TOKEN } }],
  [`[default]\n${role}web_identity_token_file = /token\n`],
  [`[default]\n${role}web_identity_token_file = /token\n`, { assumeRoleWithWebIdentity: () => Promise.reject(new Error(`token ${WEB_TOKEN} rejected`)) }],
  [`[default]\ncredential_process = ${printCommand({ Version: 2, AccessKeyId: 'A', SecretAccessKey: PLAIN, SessionToken: TOKEN })}\n`],
  [`[default]\ncredential_process = ${printCommand(`SecretAccessKey: ${PLAIN}`)}\n`],
  [`[default]\ncredential_process = ${printCommand({ Version: 1, AccessKeyId: 'A', SecretAccessKey: PLAIN }, 3)}\n`],
  [`[default]\ncredential_source = EcsContainer\n`, { credentialSource: () => Promise.resolve({ accessKeyId: '', secretAccessKey: PLAIN }) }],
  [`[default]\nsso_session = corp\n[profile x]\n${keys}`],
  [`[profile x]\n${keys}`, { profile: 'y' }],
];

describe('credential-ini never leaks a secret', () => {
  it('in the message, stack, util.inspect or JSON of any error', async () => {
    const errors: unknown[] = [];
    for (const [config, options] of failures) {
      const provider = fromIni({ env: HOME, readFile: files(config, undefined), now: () => Date.parse('2026-03-01T00:00:00Z'), ...options });
      errors.push(await provider().then(() => 'no error', (e: unknown) => e));
    }
    expect(errors.filter((e) => !isIamkitError(e))).toEqual([]);
    for (const error of errors) {
      for (const view of [(error as Error).message, (error as Error).stack ?? '', inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error)]) {
        for (const secret of [SECRET, TOKEN, TOKEN.slice(0, 24), PLAIN, WEB_TOKEN]) expect(view).not.toContain(secret);
      }
    }
  });

  it('in util.inspect or JSON of a plan or of the credentials', async () => {
    const config = await loadSharedConfig({ env: HOME, readFile: files(`[default]\n${role}source_profile = k\n[profile k]\n${keys}`, undefined) });
    const plan = resolveProfilePlan(config, 'default');
    const creds = await fromIni({ env: HOME, profile: 'k', readFile: files(`[profile k]\n${keys}`, undefined) })();
    for (const view of [inspect(plan, { depth: 10 }), JSON.stringify(plan), inspect(config, { depth: 10 }), JSON.stringify(config), inspect(creds), JSON.stringify(creds)]) {
      expect(view).not.toContain(SECRET);
      expect(view).not.toContain(TOKEN);
    }
  });
});
