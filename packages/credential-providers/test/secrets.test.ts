// Secrets (keys from files and the environment, session tokens, MFA codes, web identity tokens)
// never appear in errors, their JSON or inspect output, or diagnostics events, on the failure paths.
import { inspect } from 'node:util';
import { BACKOFF_CHANNEL, FETCH_END_CHANNEL, FETCH_ERROR_CHANNEL, FETCH_START_CHANNEL, INVALIDATE_CHANNEL, REFRESH_CHANNEL, STALE_CHANNEL, createCredentials } from '@iamkit/credentials';
import { createServiceAccountToken, STS_SAMPLE_ROLES } from '@iamkit/emulators';
import { STS_FAILURE_CHANNEL, STS_NOTICE_CHANNEL, STS_REQUEST_CHANNEL, STS_RESPONSE_CHANNEL } from '@iamkit/sts';
import { expect, it } from 'vitest';
import { fromIni, fromNodeProviderChain, fromTemporaryCredentials, PROVIDERS_NOTICE_CHANNEL } from '../src/index.js';
import { ALICE, CONFIG, CREDENTIALS, ecs, fakeClock, files, HOME, listen, rejection, ROLE_A, sts } from './helpers.js';

const CHANNELS = [FETCH_START_CHANNEL, FETCH_END_CHANNEL, FETCH_ERROR_CHANNEL, BACKOFF_CHANNEL, REFRESH_CHANNEL, INVALIDATE_CHANNEL, STALE_CHANNEL, STS_REQUEST_CHANNEL, STS_RESPONSE_CHANNEL, STS_FAILURE_CHANNEL, STS_NOTICE_CHANNEL, PROVIDERS_NOTICE_CHANNEL];
const FILE_SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYFILESECRET';
const FILE_TOKEN = 'IQoJb3JpZ2luX2VjEFILETOKENdGVzdCB0b2tlbiBmcm9tIHRoZSBjcmVkZW50aWFscyBmaWxl';
const ENV_SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYENVSECRET1';
const MFA_CODE = '987654';

function expectClean(error: unknown, events: unknown[], secrets: readonly string[]): void {
  const texts = [String(error), JSON.stringify(error), inspect(error, { depth: 12, showHidden: true }), JSON.stringify(events), inspect(events, { depth: 12 })];
  for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret);
}

it('fromIni: an untrusted role, a wrong MFA code and a throttled STS leak nothing from the files', async () => {
  const events = listen(...CHANNELS);
  const emulator = await sts();
  const credentials = `[base]\naws_access_key_id = AKIAFILEEXAMPLE00001\naws_secret_access_key = ${FILE_SECRET}\naws_session_token = ${FILE_TOKEN}\n[alice]\naws_access_key_id = ${ALICE.accessKeyId}\naws_secret_access_key = ${ALICE.secretAccessKey}\n`;
  const config = `[profile unknown]\nrole_arn = ${ROLE_A.arn}\nsource_profile = base\n[profile mfa]\nrole_arn = ${STS_SAMPLE_ROLES.mfa.arn}\nsource_profile = alice\nmfa_serial = ${STS_SAMPLE_ROLES.mfa.mfa.serialNumber}\n[profile ok]\nrole_arn = ${ROLE_A.arn}\nsource_profile = alice\n`;
  const readFile = files({ [CONFIG]: config, [CREDENTIALS]: credentials });
  const secrets = [FILE_SECRET, FILE_TOKEN, ALICE.secretAccessKey, MFA_CODE];

  expectClean(await rejection(fromIni({ profile: 'unknown', env: { ...emulator.env, HOME }, readFile })()), events, secrets);
  expectClean(await rejection(fromIni({ profile: 'mfa', env: { ...emulator.env, HOME }, readFile, mfaCodeProvider: () => Promise.resolve(MFA_CODE) })()), events, secrets);
  emulator.faults.push({ response: { kind: 'throttle' } });
  const throttled = await rejection(fromIni({ profile: 'ok', env: { ...emulator.env, HOME }, readFile, clientConfig: { maxAttempts: 1 } })());
  expect(throttled.code).toBe('ERR_STS_THROTTLING');
  expectClean(throttled, events, secrets);
  expect(events.length).toBeGreaterThan(3);
});

it('fromTemporaryCredentials: an expired master and a failing MFA prompt leak nothing', async () => {
  const events = listen(...CHANNELS);
  const clock = fakeClock();
  const emulator = await sts({ now: clock.now });
  const expired = createCredentials({ accessKeyId: 'ASIAEXPIREDEXAMPLE01', secretAccessKey: FILE_SECRET, sessionToken: FILE_TOKEN, expiration: new Date(clock.now() - 1000) }, 'test');
  emulator.addUser({ ...expired, arn: 'arn:aws:iam::123456789012:user/Expired' });
  const error = await rejection(fromTemporaryCredentials({ params: { RoleArn: ROLE_A.arn }, masterCredentials: expired, env: emulator.env, now: clock.now })());
  expect(error.code).toBe('ERR_STS_EXPIRED_TOKEN');
  expectClean(error, events, [FILE_SECRET, FILE_TOKEN]);
  const mfa = await rejection(
    fromTemporaryCredentials({ params: { RoleArn: STS_SAMPLE_ROLES.mfa.arn, SerialNumber: 'arn:aws:iam::123456789012:mfa/Alice' }, masterCredentials: ALICE, mfaCodeProvider: () => Promise.reject(new Error(`code ${MFA_CODE} rejected by ${FILE_TOKEN}`)), env: emulator.env })(),
  );
  expect(mfa.code).toBe('ERR_PROVIDERS_MFA_CODE_FAILED');
  expectClean(mfa, events, [FILE_TOKEN, ALICE.secretAccessKey]);
});

it('the default chain: partial env, a bad token file, a throttled container and the identity-lost error leak nothing', async () => {
  const events = listen(...CHANNELS);
  const token = createServiceAccountToken({ audience: 'sts.amazonaws.com' });
  const partial = await rejection(fromNodeProviderChain({ env: { HOME, AWS_SECRET_ACCESS_KEY: ENV_SECRET, AWS_EC2_METADATA_DISABLED: 'true' }, readFile: files({}), shared: false })());
  expect(partial.code).toBe('ERR_ENV_PARTIAL');
  expectClean(partial, events, [ENV_SECRET]);

  const emulator = await sts();
  const refused = await rejection(
    fromNodeProviderChain({ env: { HOME, ...emulator.env, AWS_WEB_IDENTITY_TOKEN_FILE: '/t', AWS_ROLE_ARN: STS_SAMPLE_ROLES.webIdentity.arn }, readFile: files({ '/t': token }), shared: false })(),
  );
  expect(refused.code).toBe('ERR_STS_INVALID_IDENTITY_TOKEN');
  expectClean(refused, events, [token]);

  const agent = await ecs({ authorizationToken: 'container-auth-token-0123456789abcdef' });
  agent.faults.push({ response: { kind: 'throttle' } });
  const env: Record<string, string> = { HOME, ...agent.env, AWS_EC2_METADATA_DISABLED: 'true' };
  const throttled = await rejection(fromNodeProviderChain({ env, readFile: files({}), maxRetries: 0, shared: false })());
  expect(throttled.code).toBe('ERR_CREDENTIALS_THROTTLED');
  expectClean(throttled, events, ['container-auth-token-0123456789abcdef']);

  agent.faults.clear();
  const chain = fromNodeProviderChain({ env, readFile: files({}), shared: false });
  const creds = await chain();
  delete env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
  const lost = await rejection(chain({ forceRefresh: true }));
  expect(lost.code).toBe('ERR_PROVIDERS_IDENTITY_LOST');
  expectClean(lost, events, ['container-auth-token-0123456789abcdef', creds.secretAccessKey, creds.sessionToken ?? 'x']);
  expectClean(chain.stats(), [], [creds.secretAccessKey, creds.sessionToken ?? 'x']);
});
