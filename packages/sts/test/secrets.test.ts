import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { inspect } from 'node:util';
import { STS_SAMPLE_ROLES, STS_SAMPLE_USERS, createServiceAccountToken, stsErrorFault } from '@iamkit/emulators';
import { describe, expect, it } from 'vitest';
import {
  STS_CLOCK_SKEW_CHANNEL,
  STS_FAILURE_CHANNEL,
  STS_NOTICE_CHANNEL,
  STS_REQUEST_CHANNEL,
  STS_RESPONSE_CHANNEL,
  createStsClient,
  explainStsError,
} from '../src/index.js';
import { emulator, fakeClock, recordingSleep, rejection } from './helpers.js';

const { bob } = STS_SAMPLE_USERS;
const CHANNELS = [STS_REQUEST_CHANNEL, STS_RESPONSE_CHANNEL, STS_FAILURE_CHANNEL, STS_CLOCK_SKEW_CHANNEL, STS_NOTICE_CHANNEL];

function everything(value: unknown): string {
  const parts = [inspect(value, { depth: 10, showHidden: false }), JSON.stringify(value) ?? ''];
  if (value instanceof Error) parts.push(value.message, value.stack ?? '', inspect(value.cause, { depth: 10 }));
  return parts.join('\n');
}

describe('secrets never leave the client', () => {
  it('on every failure path: errors, inspect, JSON, peek() and diagnostics events', async () => {
    const clock = fakeClock();
    const webToken = createServiceAccountToken({ now: clock.now, audience: 'sts.amazonaws.com' });
    // The emulator runs 20 minutes ahead, so the first signed call also takes the clock-skew path.
    const sts = await emulator({ now: () => clock.now() + 20 * 60_000, webIdentity: { tokens: [] } });
    const events: unknown[] = [];
    const listener = (event: unknown) => events.push(event);
    for (const name of CHANNELS) subscribe(name, listener);
    const { sleep } = recordingSleep();
    const texts: string[] = [];
    try {
      const client = createStsClient({ endpoint: sts.url, credentials: bob, now: clock.now, sleep, maxAttempts: 2, env: {} });
      // A broken or hostile server that echoes what it received in its error message.
      sts.faults.push({ times: 2, response: stsErrorFault('InternalFailure', { message: `could not process ${bob.secretAccessKey} / ${bob.sessionToken} / ${webToken}` }) });
      texts.push(everything(await rejection(client.getCallerIdentity())));
      // Wrong secret; unknown token; a throttled call; a web identity token STS refuses; a bad MFA code.
      texts.push(everything(await rejection(createStsClient({ endpoint: sts.url, credentials: { ...bob, secretAccessKey: 'z'.repeat(40) }, now: clock.now, maxAttempts: 1 }).getCallerIdentity())));
      texts.push(everything(await rejection(client.getCallerIdentity({ credentials: { ...bob, sessionToken: `${bob.sessionToken}x` } }))));
      sts.faults.push({ times: 2, response: { kind: 'throttle' } });
      texts.push(everything(await rejection(client.assumeRole({ roleArn: STS_SAMPLE_ROLES.default.arn }))));
      const webError = await rejection(client.assumeRoleWithWebIdentity({ roleArn: STS_SAMPLE_ROLES.webIdentity.arn, webIdentityToken: webToken }));
      texts.push(everything(webError), everything(explainStsError(webError)), explainStsError(webError).format());
      texts.push(everything(await rejection(client.assumeRole({ roleArn: STS_SAMPLE_ROLES.mfa.arn, serialNumber: 'arn:aws:iam::123456789012:mfa/Bob', tokenCode: '654321' }))));
      // Parameter errors quote parameters, never the token.
      texts.push(everything(await rejection(client.assumeRoleWithWebIdentity({ roleArn: 'bad', webIdentityToken: webToken }))));
      const success = await client.assumeRole({ roleArn: STS_SAMPLE_ROLES.default.arn });
      texts.push(everything(success), everything(client), everything(client.peek()));
      const issued = success.credentials;
      expect(issued.secretAccessKey).toHaveLength(40);
      texts.push(everything(await rejection(client.getCallerIdentity({ credentials: { ...issued, secretAccessKey: 'q'.repeat(40) } }))));
      texts.push(events.map((event) => JSON.stringify(event)).join('\n'), inspect(events, { depth: 10 }));
      expect(events.length).toBeGreaterThan(10);
      expect(client.peek().clockCorrections).toBe(1);

      const all = texts.join('\n');
      for (const secret of [bob.secretAccessKey, bob.sessionToken, webToken, issued.secretAccessKey, issued.sessionToken ?? 'none', '654321']) {
        expect(all).not.toContain(secret);
      }
      // …and the JWT's signature part alone, which is what a partial scrub would leave.
      expect(all).not.toContain(webToken.split('.')[2] ?? 'none');
    } finally {
      for (const name of CHANNELS) unsubscribe(name, listener);
    }
  });
});
