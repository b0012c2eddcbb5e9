// A proxy (here: an undici interceptor on the injected dispatcher) that changes signed requests
// on their way out — the real-world source of STS's most confusing answers.
import { STS_MESSAGES, STS_SAMPLE_USERS } from '@iamkit/emulators';
import { Agent, type Dispatcher } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { createStsClient, explainStsError, isStsError } from '../src/index.js';
import { emulator, fakeClock, rejection } from './helpers.js';

type Headers = Record<string, string>;
const agents: Agent[] = [];
afterAll(async () => {
  await Promise.all(agents.map((agent) => agent.close()));
});

function mangling(edit: (headers: Headers) => Headers): Dispatcher {
  const agent = new Agent();
  agents.push(agent);
  return agent.compose((dispatch) => (options, handler) => dispatch({ ...options, headers: edit({ ...(options.headers as Headers) }) }, handler));
}

const without = (name: string) => (headers: Headers) => Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name));

describe('a proxy that mangles signed requests', () => {
  const cases: [string, (headers: Headers) => Headers, string, string, string][] = [
    ['strips Authorization', without('authorization'), 'MissingAuthenticationToken', STS_MESSAGES.missingAuthenticationToken, 'missing-authentication-token'],
    ['rewrites the scheme to AWS-HMAC-SHA256', (h) => ({ ...h, authorization: (h.authorization ?? '').replace('AWS4-', 'AWS-') }), 'MissingAuthenticationToken', STS_MESSAGES.missingAuthenticationToken, 'missing-authentication-token'],
    ['repeats the header name in the value', (h) => ({ ...h, authorization: `Authorization: ${h.authorization ?? ''}` }), 'MissingAuthenticationToken', STS_MESSAGES.missingAuthenticationToken, 'missing-authentication-token'],
    ['cuts the Signature component', (h) => ({ ...h, authorization: (h.authorization ?? '').replace(/, Signature=\w+/, '') }), 'IncompleteSignature', '', 'incomplete-signature'],
    ['drops the session token', without('x-amz-security-token'), 'InvalidClientTokenId', STS_MESSAGES.invalidClientTokenId, 'invalid-client-token-id'],
    ['rewrites Content-Type after signing', (h) => ({ ...h, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }), 'SignatureDoesNotMatch', STS_MESSAGES.signatureDoesNotMatch, 'signature-does-not-match'],
    ['sends a date-only X-Amz-Date', (h) => ({ ...h, 'x-amz-date': (h['x-amz-date'] ?? '').slice(0, 8) }), 'SignatureDoesNotMatch', 'Signature expired:', 'signature-expired'],
  ];

  it.each(cases)('%s → %s', async (_what, edit, stsCode, message, topic) => {
    // A fixed 10:00 UTC: a date-only X-Amz-Date (midnight) is then always 10 hours old.
    const clock = fakeClock(Date.parse('2026-03-01T10:00:00Z'));
    const sts = await emulator({ now: clock.now });
    const client = createStsClient({ endpoint: sts.url, credentials: STS_SAMPLE_USERS.bob, dispatcher: mangling(edit), maxAttempts: 1, correctClockSkew: false, now: clock.now });
    const error = await rejection(client.getCallerIdentity());
    expect(isStsError(error)).toBe(true);
    expect(error).toMatchObject({ stsCode, stsMessage: expect.stringContaining(message) });
    const explanation = explainStsError(error);
    expect(explanation.topic).toBe(topic);
    if (topic === 'signature-expired') {
      // The proxy sent today's date, which STS reads as midnight: the explanation says so first.
      expect(explanation.skew?.dateOnly).toBe(true);
      expect(explanation.likelyCauses[0]).toMatch(/X-Amz-Date holds a date/);
    }
  });
});
