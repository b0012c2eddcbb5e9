import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { STS_SAMPLE_ROLES, STS_SAMPLE_USERS, matchStsAction, stsErrorFault } from '@iamkit/emulators';
import { describe, expect, it } from 'vitest';
import { STS_CLOCK_SKEW_CHANNEL, createStsClient, explainStsError, type StsClockSkewEvent } from '../src/index.js';
import { emulator, fakeClock, rejection } from './helpers.js';

const { alice } = STS_SAMPLE_USERS;
const MIN = 60_000;

function skewEvents(): { events: StsClockSkewEvent[]; stop: () => void } {
  const events: StsClockSkewEvent[] = [];
  const listener = (event: unknown) => events.push(event as StsClockSkewEvent);
  subscribe(STS_CLOCK_SKEW_CHANNEL, listener);
  return { events, stop: () => unsubscribe(STS_CLOCK_SKEW_CHANNEL, listener) };
}

describe('clock-skew correction', () => {
  it('corrects a clock 20 minutes behind from "Signature expired", retries once, and keeps the offset', async () => {
    const local = fakeClock(Date.parse('2026-03-01T10:00:00Z'));
    const sts = await emulator({ now: () => local.now() + 20 * MIN });
    const watch = skewEvents();
    try {
      const client = createStsClient({ endpoint: sts.url, credentials: alice, now: local.now });
      expect((await client.getCallerIdentity()).arn).toBe(alice.arn);
      expect(sts.calls.map((c) => c.code ?? c.status)).toEqual(['SignatureDoesNotMatch', 200]);
      expect(client.clockOffsetMs).toBe(20 * MIN);
      expect(client.peek()).toMatchObject({ clockOffsetMs: 20 * MIN, clockCorrections: 1, lastClockCorrection: { at: '2026-03-01T10:00:00.000Z', skewMs: 20 * MIN, measuredFrom: 'message' } });
      expect(watch.events).toEqual([{ source: 'sts', action: 'GetCallerIdentity', skewMs: 20 * MIN, previousOffsetMs: 0, clockOffsetMs: 20 * MIN, measuredFrom: 'message' }]);

      // Later requests are signed with the corrected clock: one call each, no more corrections.
      const { credentials } = await client.assumeRole({ roleArn: STS_SAMPLE_ROLES.default.arn, durationSeconds: 900 });
      local.advance(5 * MIN);
      await client.getCallerIdentity({ credentials });
      expect(sts.calls.map((c) => c.status)).toEqual([403, 200, 200, 200]);
      expect(client.peek().clockCorrections).toBe(1);
      // The issued credentials are checked against the corrected clock: they expire 15 min after STS's now.
      expect(credentials.expiration?.toISOString()).toBe('2026-03-01T10:35:00.000Z');
    } finally {
      watch.stop();
    }
  });

  it('corrects a clock 30 minutes ahead from "Signature not yet current"', async () => {
    const local = fakeClock(Date.parse('2026-03-01T10:00:00Z'));
    const sts = await emulator({ now: () => local.now() - 30 * MIN });
    const client = createStsClient({ endpoint: sts.url, credentials: alice, now: local.now });
    await client.getCallerIdentity();
    expect(client.clockOffsetMs).toBe(-30 * MIN);
    expect(sts.calls[0]).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  });

  it('corrects from the Date header of a SignatureDoesNotMatch or RequestTimeTooSkewed answer', async () => {
    const local = fakeClock(Date.parse('2026-03-01T10:00:00Z'));
    const sts = await emulator({ now: () => local.now() + 12 * MIN });
    const stsDate = new Date(local.now() + 12 * MIN).toUTCString();
    for (const code of ['SignatureDoesNotMatch', 'RequestTimeTooSkewed']) {
      const base = stsErrorFault('SignatureDoesNotMatch', { message: code === 'SignatureDoesNotMatch' ? undefined : 'The difference between the request time and the current time is too large.' });
      if (base.kind !== 'status' || typeof base.body !== 'string') throw new Error('unexpected fault shape');
      const body = base.body.replace('<Code>SignatureDoesNotMatch</Code>', `<Code>${code}</Code>`);
      sts.faults.push({ times: 1, response: { ...base, body, headers: { ...base.headers, Date: stsDate } } });
      const client = createStsClient({ endpoint: sts.url, credentials: alice, now: local.now });
      await client.getCallerIdentity();
      expect(client.peek().lastClockCorrection).toMatchObject({ measuredFrom: 'date-header', skewMs: 12 * MIN });
      expect(client.clockOffsetMs).toBe(12 * MIN);
    }
  });

  it('retries only once, even if the clock is still refused', async () => {
    const local = fakeClock(Date.parse('2026-03-01T10:00:00Z'));
    const sts = await emulator({ now: local.now });
    const expired = stsErrorFault('SignatureDoesNotMatch', { message: 'Signature expired: 20260301T094000Z is now earlier than 20260301T094500Z (20260301T100000Z - 15 min.)' });
    const rule = sts.faults.push({ match: matchStsAction('GetCallerIdentity'), times: 5, response: expired });
    const client = createStsClient({ endpoint: sts.url, credentials: alice, now: local.now });
    const error = await rejection(client.getCallerIdentity());
    expect(rule.applied).toBe(2);
    expect(error).toMatchObject({ code: 'ERR_STS_SIGNATURE_DOES_NOT_MATCH', retryable: false });
    expect(client.peek().clockCorrections).toBe(1);
  });

  it('with correctClockSkew: false, fails and explains the measured skew', async () => {
    const local = fakeClock(Date.parse('2020-03-17T00:00:00Z'));
    const sts = await emulator({ now: () => local.now() + (22 * 60 + 40) * MIN + 41_000 });
    const client = createStsClient({ endpoint: sts.url, credentials: alice, now: local.now, correctClockSkew: false });
    const error = await rejection(client.getCallerIdentity());
    expect(error).toMatchObject({
      code: 'ERR_STS_SIGNATURE_DOES_NOT_MATCH',
      stsMessage: 'Signature expired: 20200317T000000Z is now earlier than 20200317T222541Z (20200317T224041Z - 15 min.)',
      clockSkewMs: 81_641_000,
    });
    expect(sts.calls).toHaveLength(1);
    expect(client.clockOffsetMs).toBe(0);
    const explanation = explainStsError(error);
    expect(explanation).toMatchObject({
      topic: 'signature-expired',
      skew: { skewMs: 81_641_000, direction: 'behind', requestTime: '2020-03-17T00:00:00.000Z', serverTime: '2020-03-17T22:40:41.000Z', measuredFrom: 'message', dateOnly: true },
    });
    expect(explanation.format()).toContain('Clock: the request was signed 22 h 40 min 41 s behind STS’s clock');
  });

  it('starts from a configured clockOffsetMs', async () => {
    const local = fakeClock(Date.parse('2026-03-01T10:00:00Z'));
    const sts = await emulator({ now: () => local.now() + 40 * MIN });
    const client = createStsClient({ endpoint: sts.url, credentials: alice, now: local.now, clockOffsetMs: 40 * MIN });
    await client.getCallerIdentity();
    expect(sts.calls).toHaveLength(1);
    expect(client.peek().clockCorrections).toBe(0);
  });

  it('does not touch the clock for a wrong secret with a correct clock', async () => {
    const sts = await emulator();
    const client = createStsClient({ endpoint: sts.url, credentials: { ...alice, secretAccessKey: 'y'.repeat(40) } });
    await rejection(client.getCallerIdentity());
    expect(sts.calls).toHaveLength(1);
    expect(client.peek()).toMatchObject({ clockOffsetMs: 0, clockCorrections: 0 });
  });
});
