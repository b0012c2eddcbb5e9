import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type IamkitError,
  cached,
  createCredentials,
  credentialsFromFields,
  httpRequest,
  httpStatusError,
  isIamkitError,
  parseJsonBody,
  runChain,
} from '../src/index.js';
import { flush, later } from './helpers/controlled-source.js';
import { HOUR, MINUTE, secretsFor } from './helpers/credentials.js';
import { recordEvents, type RecordedEvent } from './helpers/events.js';
import { fakeClock } from './helpers/fake-clock.js';
import { httpServer, type TestServer } from './helpers/servers.js';

const A = { accessKeyId: 'ASIASECRETSTESTKEY01', ...secretsFor('ASIASECRETSTESTKEY01') };
const B = { accessKeyId: 'ASIASECRETSTESTKEY02', ...secretsFor('ASIASECRETSTESTKEY02') };
const JWT = 'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6YXBwIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const AUTH = 'container-authorization-token-value';
const SECRETS = [A.secretAccessKey, A.sessionToken, B.secretAccessKey, B.sessionToken, JWT, AUTH];

function expectNoSecret(what: string, value: unknown): void {
  const texts = [inspect(value, { depth: 20, showHidden: false }), JSON.stringify(value) ?? ''];
  if (value instanceof Error) texts.push(value.message, value.stack ?? '');
  for (const text of texts) {
    for (const secret of SECRETS) expect(text.includes(secret), `${what} leaks ${secret.slice(0, 6)}…: ${text.slice(0, 300)}`).toBe(false);
  }
}

async function caught(fn: () => unknown): Promise<IamkitError> {
  try {
    await fn();
  } catch (error) {
    if (isIamkitError(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('no secret in errors, inspect, JSON or diagnostics events, across the failure paths', () => {
  let server: TestServer;
  let recorder: { events: RecordedEvent[]; stop(): void };
  const errors: [string, IamkitError][] = [];

  beforeAll(async () => {
    recorder = recordEvents();
    server = await httpServer((req, res) => {
      if (req.url === '/forbidden') {
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `denied for ${A.secretAccessKey} token ${A.sessionToken} jwt ${JWT} auth ${AUTH}` }));
      } else if (req.url === '/truncated') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`{"AccessKeyId":"${A.accessKeyId}","SecretAccessKey":"${A.secretAccessKey}","Token":"${A.sessionToken.slice(0, 30)}`);
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`{"AccessKeyId":"${A.accessKeyId}","SecretAccessKey":"${A.secretAccessKey}" "Token":"${A.sessionToken}"}`);
      }
    });
  });
  afterAll(async () => {
    recorder.stop();
    await server.close();
  });

  it('cache failure paths', async () => {
    const clock = fakeClock();
    let mode: 'ok' | 'throw' | 'invalid' | 'late' = 'ok';
    const provider = cached(
      () => later(() => {
        switch (mode) {
          case 'throw':
            throw new Error(`sdk said: bad key ${B.secretAccessKey} with token ${B.sessionToken}`);
          case 'invalid':
            return { accessKeyId: B.accessKeyId, secretAccessKey: `${B.secretAccessKey} `, sessionToken: B.sessionToken };
          case 'late':
            return createCredentials({ ...B, expiration: new Date(clock.now() + MINUTE) }, 'late');
          default:
            return createCredentials({ ...A, expiration: new Date(clock.now() + HOUR) }, 'secretive');
        }
      }),
      { now: clock.now, random: () => 0.5, staticStability: { maxStaleMs: HOUR } },
    );
    const first = await provider();
    clock.advance(HOUR + MINUTE);
    for (const next of ['throw', 'invalid', 'late'] as const) {
      mode = next;
      // Past expiry with the source failing: static stability hands out the old credentials while
      // the events record the failure; a forced call gets the failure itself.
      expect(await provider()).toBe(first);
      errors.push([`cache ${next}`, await caught(() => provider({ forceRefresh: true }))]);
      clock.advance(10 * MINUTE);
    }
    mode = 'ok';
    await provider();
    provider.invalidate(A.accessKeyId);
    await flush();
    expectNoSecret('stats', provider.stats());
    expectNoSecret('peek', provider.peek());
    expect(errors.map(([, e]) => e.code)).toEqual(['ERR_CREDENTIALS_SOURCE_FAILED', 'ERR_CREDENTIALS_INVALID', 'ERR_CREDENTIALS_EXPIRED']);
  });

  it('validation failure paths', async () => {
    const fields = [
      { accessKeyId: A.accessKeyId, secretAccessKey: `${A.secretAccessKey}\n` },
      { accessKeyId: A.accessKeyId, secretAccessKey: A.secretAccessKey, sessionToken: `${A.sessionToken}\r\n` },
      { accessKeyId: A.accessKeyId, secretAccessKey: A.secretAccessKey, expiration: A.sessionToken },
      { accessKeyId: A.accessKeyId, secretAccessKey: A.secretAccessKey, expiration: '2000-01-01T00:00:00Z' },
      { accessKeyId: A.secretAccessKey, secretAccessKey: 42 },
    ];
    for (const [i, f] of fields.entries()) errors.push([`fields ${i}`, await caught(() => credentialsFromFields(f, { source: 'test' }))]);
  });

  it('HTTP failure paths', async () => {
    const forbidden = await httpRequest({ url: `${server.url}/forbidden`, source: 'container', headers: { authorization: AUTH } });
    errors.push(['403', httpStatusError(forbidden, { source: 'container', secrets: [AUTH] })]);
    const truncated = await httpRequest({ url: `${server.url}/truncated`, source: 'container' });
    errors.push(['truncated', await caught(() => parseJsonBody(truncated, { source: 'container' }))]);
    const malformed = await httpRequest({ url: `${server.url}/malformed`, source: 'container' });
    errors.push(['malformed', await caught(() => parseJsonBody(malformed, { source: 'container' }))]);
    errors.push([
      'header',
      await caught(() => httpRequest({ url: server.url, source: 'container', headers: { authorization: `${JWT}\n` }, secrets: [JWT] })),
    ]);
    errors.push(['url', await caught(() => httpRequest({ url: `gopher://u:${AUTH}@h/?t=${JWT}`, source: 'container' }))]);
  });

  it('chain failure paths', async () => {
    const report = await runChain([
      () => later(() => {
        throw new Error(`profile had ${A.secretAccessKey}`);
      }),
    ]);
    expectNoSecret('chain report', report);
    if (report.error) errors.push(['chain', report.error]);
  });

  it('finds nothing in any collected error or event', () => {
    expect(errors.length).toBeGreaterThanOrEqual(14);
    for (const [what, error] of errors) expectNoSecret(what, error);
    expect(recorder.events.length).toBeGreaterThan(10);
    const channels = new Set(recorder.events.map((e) => e.channel));
    expect(channels.size).toBeGreaterThanOrEqual(6);
    for (const event of recorder.events) expectNoSecret(event.channel, event.message);
  });
});
