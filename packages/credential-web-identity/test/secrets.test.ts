// The web identity token (and the issued secrets) never appear in an error, its JSON or inspect
// output, or a diagnostics event, on any failure path.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { writeFile } from 'node:fs/promises';
import { inspect } from 'node:util';
import { STS_CLOCK_SKEW_CHANNEL, STS_FAILURE_CHANNEL, STS_NOTICE_CHANNEL, STS_REQUEST_CHANNEL, STS_RESPONSE_CHANNEL } from '@iamkit/sts';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { fromTokenFile, fromWebToken } from '../src/index.js';
import { fakeClock, oidcToken, rejection, ROLE, sts, tokenFile } from './helpers.js';

const CHANNELS = [STS_REQUEST_CHANNEL, STS_RESPONSE_CHANNEL, STS_FAILURE_CHANNEL, STS_NOTICE_CHANNEL, STS_CLOCK_SKEW_CHANNEL];
const events: unknown[] = [];
const listen = (message: unknown): void => void events.push(message);
beforeEach(() => {
  events.length = 0;
  for (const name of CHANNELS) subscribe(name, listen);
});
afterEach(() => {
  for (const name of CHANNELS) unsubscribe(name, listen);
});

function expectNoSecret(error: unknown, secrets: readonly string[]): void {
  const texts = [String(error), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true }), JSON.stringify(events), inspect(events, { depth: 10 })];
  for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret);
}

it('keeps the token out of every failure: refused, expired, malformed, a token with whitespace, a throttled STS', async () => {
  const clock = fakeClock();
  const good = oidcToken(clock.now, 'good');
  const emulator = await sts(clock.now, [good]);
  const file = await tokenFile(good);
  const env = { ...emulator.env, AWS_WEB_IDENTITY_TOKEN_FILE: file, AWS_ROLE_ARN: ROLE };
  const provider = fromTokenFile({ env, now: clock.now, sts: { maxAttempts: 2, sleep: () => Promise.resolve() } });

  const issued = await provider();
  const secrets = [good, issued.secretAccessKey, issued.sessionToken ?? 'x'];

  // A token STS does not accept.
  const stale = oidcToken(clock.now, 'stale');
  await writeFile(file, stale);
  expectNoSecret(await rejection(provider()), [...secrets, stale]);

  // STS throttles every attempt.
  await writeFile(file, good);
  emulator.faults.push({ response: { kind: 'throttle' } });
  const throttled = await rejection(provider());
  expect(throttled.code).toBe('ERR_STS_THROTTLING');
  expectNoSecret(throttled, secrets);
  emulator.faults.clear();

  // A token with a line break inside: refused before sending, never quoted.
  const split = `${good.slice(0, 20)}\n${good.slice(20)}`;
  await writeFile(file, split);
  const invalid = await rejection(provider());
  expect(invalid.code).toBe('ERR_STS_INVALID_PARAMETER');
  expectNoSecret(invalid, [...secrets, good.slice(0, 20), good.slice(20)]);

  // A truncated answer.
  await writeFile(file, good);
  emulator.faults.push({ response: { kind: 'truncate' } });
  expectNoSecret(await rejection(provider()), secrets);
  expect(events.length).toBeGreaterThan(0);
});

it('keeps a supplied token out of errors when the role is wrong and when the token expired', async () => {
  const clock = fakeClock();
  const token = oidcToken(clock.now);
  const emulator = await sts(clock.now, [token]);
  const wrongRole = await rejection(fromWebToken({ roleArn: 'arn:aws:iam::123456789012:role/iamkit-emulator-role', webIdentityToken: token, env: emulator.env, now: clock.now })());
  expect(wrongRole.code).toBe('ERR_STS_ACCESS_DENIED');
  expectNoSecret(wrongRole, [token]);
  clock.advance(2 * 24 * 60 * 60_000);
  const expired = await rejection(fromWebToken({ roleArn: ROLE, webIdentityToken: () => token, env: emulator.env, now: clock.now })());
  expect(expired.code).toBe('ERR_STS_EXPIRED_TOKEN');
  expectNoSecret(expired, [token]);
});
