import { inspect } from 'node:util';
import { credentialSource, isIamkitError } from '@iamkit/credentials';
import { describe, expect, it } from 'vitest';
import { issueCredentials } from '../src/index.js';
import { fakeClock, seededRandom } from './helpers.js';

describe('issueCredentials', () => {
  it('issues temporary credentials in the AWS format', () => {
    const clock = fakeClock(Date.parse('2026-01-01T00:00:00.750Z'));
    const creds = issueCredentials({ lifetimeMs: 15 * 60_000, now: clock.now });
    expect(creds.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(creds.secretAccessKey).toMatch(/^[A-Za-z0-9/+]{40}$/);
    expect(creds.sessionToken).toMatch(/^IQoJb3JpZ2luX2Vj[A-Za-z0-9/+]{404}$/);
    // Whole seconds, as the endpoints carry them: 00:15:00.750 is cut to 00:15:00.
    expect(creds.expiration?.toISOString()).toBe('2026-01-01T00:15:00.000Z');
    expect(credentialSource(creds)).toBe('emulator');
  });

  it('issues different keys each time, and the same keys for the same seed', () => {
    const a = issueCredentials();
    const b = issueCredentials();
    expect(a.accessKeyId).not.toBe(b.accessKeyId);
    expect(a.secretAccessKey).not.toBe(b.secretAccessKey);
    const c = issueCredentials({ random: seededRandom(7), now: () => 0 });
    const d = issueCredentials({ random: seededRandom(7), now: () => 0 });
    expect({ ...c }).toEqual({ ...d });
  });

  it('defaults to a 6-hour lifetime', () => {
    const creds = issueCredentials({ now: () => Date.parse('2026-01-01T00:00:00Z') });
    expect(creds.expiration?.toISOString()).toBe('2026-01-01T06:00:00.000Z');
  });

  it('issues already-expired credentials for a negative lifetime', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const creds = issueCredentials({ lifetimeMs: -60_000, now: () => now });
    expect(creds.expiration!.getTime()).toBeLessThan(now);
  });

  it('carries an account id when given', () => {
    expect(issueCredentials({ accountId: '111122223333' }).accountId).toBe('111122223333');
    expect(issueCredentials().accountId).toBeUndefined();
  });

  it('keeps the secret and token out of JSON and util.inspect', () => {
    const creds = issueCredentials();
    for (const text of [JSON.stringify(creds), inspect(creds), inspect([creds], { depth: 4 })]) {
      expect(text).not.toContain(creds.secretAccessKey);
      expect(text).not.toContain(creds.sessionToken);
    }
  });

  it('rejects a lifetime that is not a finite number', () => {
    for (const lifetimeMs of [Number.NaN, Infinity]) {
      let caught: unknown;
      try {
        issueCredentials({ lifetimeMs });
      } catch (error) {
        caught = error;
      }
      expect(isIamkitError(caught, 'ERR_EMULATOR_OPTION_INVALID')).toBe(true);
      expect((caught as Error).message).toContain('lifetimeMs');
    }
  });
});
