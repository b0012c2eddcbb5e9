import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { isIamkitError } from '@iamkit/credentials';
import { STS_SAMPLE_ROLES, STS_SAMPLE_USERS, matchStsAction, stsErrorFault } from '@iamkit/emulators';
import { describe, expect, it } from 'vitest';
import { STS_FAILURE_CHANNEL, createStsClient, explainStsError, type StsFailureEvent } from '../src/index.js';
import { emulator, recordingSleep, rejection } from './helpers.js';

const { alice } = STS_SAMPLE_USERS;
const WHO = matchStsAction('GetCallerIdentity');

function failures(): { events: StsFailureEvent[]; stop: () => void } {
  const events: StsFailureEvent[] = [];
  const listener = (event: unknown) => events.push(event as StsFailureEvent);
  subscribe(STS_FAILURE_CHANNEL, listener);
  return { events, stop: () => unsubscribe(STS_FAILURE_CHANNEL, listener) };
}

describe('retries', () => {
  it('retries throttling with full-jitter backoff, then succeeds', async () => {
    const sts = await emulator();
    const rule = sts.faults.push({ match: WHO, times: 2, response: { kind: 'throttle' } });
    const { sleep, delays } = recordingSleep();
    const watch = failures();
    try {
      const client = createStsClient({ endpoint: sts.url, credentials: alice, sleep, random: () => 0.5 });
      expect((await client.getCallerIdentity()).arn).toBe(alice.arn);
      expect(rule.applied).toBe(2);
      // Half of the caps 100 ms and 200 ms.
      expect(delays).toEqual([50, 100]);
      expect(watch.events.map((e) => [e.attempt, e.code, e.stsCode, e.willRetry, e.delayMs])).toEqual([
        [1, 'ERR_STS_THROTTLING', 'Throttling', true, 50],
        [2, 'ERR_STS_THROTTLING', 'Throttling', true, 100],
      ]);
      expect(client.peek()).toMatchObject({ requests: 3, failures: 0 });
    } finally {
      watch.stop();
    }
  });

  it('honours Retry-After as the least delay', async () => {
    const sts = await emulator();
    sts.faults.push({ match: WHO, times: 1, response: stsErrorFault('Throttling', { retryAfter: 2 }) });
    const { sleep, delays } = recordingSleep();
    await createStsClient({ endpoint: sts.url, credentials: alice, sleep, random: () => 0 }).getCallerIdentity();
    expect(delays).toEqual([2000]);
  });

  it('gives up after maxAttempts with the last error, explained as throttling', async () => {
    const sts = await emulator();
    sts.faults.push({ match: WHO, response: { kind: 'throttle' } });
    const { sleep, delays } = recordingSleep();
    const watch = failures();
    try {
      const client = createStsClient({ endpoint: sts.url, credentials: alice, sleep, maxAttempts: 4 });
      const error = await rejection(client.getCallerIdentity());
      expect(error).toMatchObject({ code: 'ERR_STS_THROTTLING', stsCode: 'Throttling', status: 400, retryable: true, stsMessage: 'Rate exceeded' });
      expect(delays).toHaveLength(3);
      expect(sts.counters.total).toBe(4);
      expect(watch.events.at(-1)).toMatchObject({ willRetry: false, code: 'ERR_STS_THROTTLING' });
      expect(client.peek()).toMatchObject({ requests: 4, failures: 1, lastError: { code: 'ERR_STS_THROTTLING', stsCode: 'Throttling', action: 'GetCallerIdentity' } });
      const explanation = explainStsError(error);
      expect(explanation).toMatchObject({ topic: 'throttling', retryable: true });
      expect(explanation.fixes[0]).toMatch(/cached\(…\) from @iamkit\/credentials/);
    } finally {
      watch.stop();
    }
  });

  it('retries 5xx answers, STS or not, and 429 from a proxy', async () => {
    const sts = await emulator();
    sts.faults.push({ match: WHO, times: 1, response: stsErrorFault('InternalFailure') });
    sts.faults.push({ match: WHO, times: 1, response: { kind: 'status', status: 502, body: '<html><body>502 Bad Gateway</body></html>', contentType: 'text/html' } });
    const { sleep } = recordingSleep();
    const client = createStsClient({ endpoint: sts.url, credentials: alice, sleep, maxAttempts: 5 });
    await client.getCallerIdentity();
    expect(sts.counters.snapshot().byStatus).toEqual({ '200': 1, '500': 1, '502': 1 });

    sts.faults.push({ match: WHO, response: { kind: 'status', status: 429, body: 'Too Many Requests' } });
    const error = await rejection(createStsClient({ endpoint: sts.url, credentials: alice, sleep, maxAttempts: 2 }).getCallerIdentity());
    expect(isIamkitError(error, 'ERR_CREDENTIALS_THROTTLED')).toBe(true);
    expect(explainStsError(error).topic).toBe('throttling');
  });

  it('reports a foreign error page as ERR_HTTP_STATUS naming the endpoint settings', async () => {
    const sts = await emulator();
    sts.faults.push({ response: { kind: 'status', status: 404, body: '<html>Not Found</html>', contentType: 'text/html' } });
    const error = await rejection(createStsClient({ endpoint: sts.url, credentials: alice }).getCallerIdentity());
    expect(error).toMatchObject({ code: 'ERR_HTTP_STATUS', status: 404, retryable: false });
    expect(error.message).toContain('AWS_ENDPOINT_URL_STS');
    expect(sts.counters.total).toBe(1);
  });

  it('does not retry non-recoverable answers', async () => {
    const sts = await emulator();
    const client = createStsClient({ endpoint: sts.url, credentials: STS_SAMPLE_USERS.carl, maxAttempts: 5 });
    for (const fault of ['IDPRejectedClaim', 'RegionDisabledException', 'MalformedPolicyDocument', 'PackedPolicyTooLarge', 'InvalidIdentityToken'] as const) {
      sts.faults.push({ times: 1, response: stsErrorFault(fault) });
      expect(await rejection(client.assumeRole({ roleArn: STS_SAMPLE_ROLES.default.arn }))).toMatchObject({ stsCode: fault, retryable: false });
    }
    expect(await rejection(client.assumeRole({ roleArn: STS_SAMPLE_ROLES.default.arn }))).toMatchObject({ stsCode: 'AccessDenied', retryable: false });
    expect(sts.counters.total).toBe(6);
  });
});

describe('transport failures', () => {
  it('retries a truncated body, a reset and a timeout, then succeeds', async () => {
    const sts = await emulator();
    sts.faults.push({ match: WHO, times: 1, response: { kind: 'truncate' } });
    sts.faults.push({ match: WHO, times: 1, response: { kind: 'reset' } });
    sts.faults.push({ match: WHO, times: 1, response: { kind: 'never-answer' } });
    const { sleep } = recordingSleep();
    const watch = failures();
    try {
      const client = createStsClient({ endpoint: sts.url, credentials: alice, sleep, maxAttempts: 4, headersTimeoutMs: 300 });
      expect((await client.getCallerIdentity()).arn).toBe(alice.arn);
      expect(watch.events.map((e) => e.code)).toEqual(['ERR_HTTP_TRUNCATED_BODY', 'ERR_HTTP_CONNECTION', 'ERR_HTTP_TIMEOUT']);
    } finally {
      watch.stop();
    }
  });

  it('retries a 200 whose XML is cut short (ERR_STS_MALFORMED_RESPONSE, retryable), but not an HTML page', async () => {
    const sts = await emulator();
    const cut = '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n  <GetCallerIdentityResult>\n    <Arn>arn:aws:iam::1234';
    sts.faults.push({ match: WHO, times: 1, response: { kind: 'status', status: 200, body: cut, contentType: 'text/xml' } });
    const { sleep } = recordingSleep();
    expect((await createStsClient({ endpoint: sts.url, credentials: alice, sleep }).getCallerIdentity()).arn).toBe(alice.arn);

    sts.faults.push({ match: WHO, response: { kind: 'status', status: 200, body: '<html><head><title>Sign in to the Wi-Fi</title></head></html>', contentType: 'text/html' } });
    const error = await rejection(createStsClient({ endpoint: sts.url, credentials: alice, sleep }).getCallerIdentity());
    expect(error).toMatchObject({ code: 'ERR_STS_MALFORMED_RESPONSE', retryable: false, action: 'GetCallerIdentity' });
    expect(error.message).toContain('the document element is <html>, not <GetCallerIdentityResponse>');
    expect(explainStsError(error).topic).toBe('malformed-response');
    expect(sts.counters.total).toBe(3);
  });

  it('explains an unreachable endpoint', async () => {
    const sts = await emulator();
    const url = sts.url;
    await sts.close();
    const { sleep } = recordingSleep();
    const error = await rejection(createStsClient({ endpoint: url, credentials: alice, sleep, maxAttempts: 2 }).getCallerIdentity());
    expect(error).toMatchObject({ code: 'ERR_HTTP_CONNECTION', retryable: true });
    expect(explainStsError(error)).toMatchObject({ topic: 'network', retryable: true });
  });

  it('stops at once when the caller aborts', async () => {
    const sts = await emulator();
    sts.faults.push({ response: { kind: 'never-answer' } });
    const controller = new AbortController();
    const pending = createStsClient({ endpoint: sts.url, credentials: alice }).getCallerIdentity({ signal: controller.signal });
    controller.abort();
    expect(await rejection(pending)).toMatchObject({ code: 'ERR_ABORTED' });
  });
});
