import { inspect } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { FETCH_END_CHANNEL, FETCH_ERROR_CHANNEL, BACKOFF_CHANNEL, cached, isIamkitError } from '@iamkit/credentials';
import { startEcsAgent, startPodIdentityAgent, type FaultRule } from '@iamkit/emulators';
import { CONTAINER_NOTICE_CHANNEL, CONTAINER_RETRY_CHANNEL, fromContainerMetadata, type FromContainerMetadataOptions } from '../src/index.js';
import { recordChannels } from './helpers/events.js';
import { memoryFiles, recordingSleep } from './helpers/runtime.js';

const TOKEN_FILE = '/run/token';

interface Row {
  readonly name: string;
  readonly agent?: 'ecs' | 'pod-identity';
  readonly faults?: readonly FaultRule[];
  /** Changes to the environment the emulator suggests (a wrong id, a wrong path, a bad token). */
  readonly env?: (env: Readonly<Record<string, string>>) => Record<string, string>;
  readonly options?: FromContainerMetadataOptions;
  /** `ok` (credentials) or the error code the fetch must fail with. */
  readonly expect: string;
  /** Requests the emulator must have seen. */
  readonly requests: number;
  readonly message?: RegExp;
  readonly check?: (result: { delays: readonly number[]; error?: Record<string, unknown> }) => void;
}

const CREDENTIALS_PATH = { path: /credentials/ };
const html = '<html><body><h1>Captive portal</h1></body></html>';

const rows: Row[] = [
  { name: '429 without Retry-After, then success', faults: [{ times: 2, response: { kind: 'throttle' } }], expect: 'ok', requests: 3, check: ({ delays }) => expect(delays).toHaveLength(2) },
  {
    name: '429 with Retry-After: 2, then success',
    faults: [{ times: 1, response: { kind: 'throttle', retryAfter: 2 } }],
    expect: 'ok',
    requests: 2,
    check: ({ delays }) => expect(delays[0]).toBeGreaterThanOrEqual(2000),
  },
  { name: '429 every time', faults: [{ response: { kind: 'throttle' } }], options: { maxAttempts: 3 }, expect: 'ERR_CREDENTIALS_THROTTLED', requests: 3, message: /429 Too Many Requests.*maximum request limit/ },
  {
    name: '429 with a Retry-After longer than a fetch should wait',
    faults: [{ response: { kind: 'throttle', retryAfter: 30 } }],
    expect: 'ERR_CREDENTIALS_THROTTLED',
    requests: 1,
    check: ({ error }) => expect(error?.retryAfterMs).toBe(30_000),
  },
  {
    name: '503 CredentialsUninitialized, then success',
    faults: [{ times: 2, response: { kind: 'status', status: 503, body: { code: 'CredentialsUninitialized', message: 'CredentialsV2Request: Credentials uninitialized for ID' } } }],
    expect: 'ok',
    requests: 3,
  },
  {
    name: '503 CredentialsUninitialized every time',
    faults: [{ response: { kind: 'status', status: 503, body: { code: 'CredentialsUninitialized', message: 'CredentialsV2Request: Credentials uninitialized for ID' } } }],
    options: { maxAttempts: 4 },
    expect: 'ERR_CONTAINER_UNAVAILABLE',
    requests: 4,
    message: /HTTP 503 \(CredentialsUninitialized: CredentialsV2Request: Credentials uninitialized for ID\).*no credentials for this task yet/,
  },
  { name: '500 InternalServerError', faults: [{ response: { kind: 'status', status: 500, body: { Code: 'InternalServerError', Message: 'boom' } } }], options: { maxAttempts: 2 }, expect: 'ERR_CONTAINER_UNAVAILABLE', requests: 2, message: /InternalServerError: boom/ },
  { name: '400 InvalidIdInRequest (a RELATIVE_URI from another task)', env: (env) => ({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${env.AWS_CONTAINER_CREDENTIALS_FULL_URI ?? ''}-other` }), expect: 'ERR_CONTAINER_REQUEST_REJECTED', requests: 1, message: /HTTP 400 \(InvalidIdInRequest: .*Retrying cannot fix this.*AWS_CONTAINER_CREDENTIALS_FULL_URI/ },
  { name: '404 on a wrong path', env: (env) => ({ AWS_CONTAINER_CREDENTIALS_FULL_URI: (env.AWS_CONTAINER_CREDENTIALS_FULL_URI ?? '').replace('/v2/', '/v9/') }), expect: 'ERR_CONTAINER_REQUEST_REJECTED', requests: 1, message: /HTTP 404/ },
  { name: '403 from Pod Identity (token not accepted)', agent: 'pod-identity', faults: [{ response: { kind: 'status', status: 403, body: 'AccessDeniedException: no association\n' } }], expect: 'ERR_CONTAINER_ACCESS_DENIED', requests: 1, message: /HTTP 403.*Pod Identity association/ },
  { name: 'timeout: the answer comes after headersTimeoutMs', faults: [{ response: { kind: 'delay', ms: 1500 } }], options: { headersTimeoutMs: 150, maxAttempts: 2 }, expect: 'ERR_HTTP_TIMEOUT', requests: 2, message: /timed out waiting for the response headers \(150 ms, option headersTimeoutMs\).*AWS_CONTAINER_CREDENTIALS_FULL_URI/ },
  { name: 'timeout: the body stalls', faults: [{ response: { kind: 'stall-body', ms: 1500 } }], options: { bodyTimeoutMs: 150, maxAttempts: 1 }, expect: 'ERR_HTTP_TIMEOUT', requests: 1, message: /bodyTimeoutMs/ },
  { name: 'a slow answer within the timeout', faults: [{ response: { kind: 'delay', ms: 50 } }], options: { headersTimeoutMs: 5000 }, expect: 'ok', requests: 1 },
  { name: 'connection reset, then success', faults: [{ times: 1, response: { kind: 'reset' } }], expect: 'ok', requests: 2 },
  { name: 'connection reset every time', faults: [{ response: { kind: 'reset' } }], options: { maxAttempts: 3 }, expect: 'ERR_HTTP_CONNECTION', requests: 3, message: /reset/ },
  { name: 'truncated body', faults: [{ response: { kind: 'truncate' } }], options: { maxAttempts: 2 }, expect: 'ERR_HTTP_TRUNCATED_BODY', requests: 2 },
  { name: 'truncated body once, then success', faults: [{ times: 1, response: { kind: 'truncate' } }], expect: 'ok', requests: 2 },
  { name: 'malformed JSON', faults: [{ response: { kind: 'malformed-json', body: '{"AccessKeyId": ASIA}' } }], expect: 'ERR_HTTP_MALFORMED_BODY', requests: 1 },
  { name: 'JSON cut short (closing brace missing)', faults: [{ response: { kind: 'malformed-json' } }], options: { maxAttempts: 2 }, expect: 'ERR_HTTP_TRUNCATED_BODY', requests: 2 },
  { name: 'an HTML page with status 200', faults: [{ response: { kind: 'status', status: 200, body: html, contentType: 'text/html' } }], expect: 'ERR_HTTP_MALFORMED_BODY', requests: 1, message: /HTML/ },
  { name: 'missing Token', faults: [{ response: { kind: 'omit-fields', fields: ['Token'] } }], expect: 'ERR_CREDENTIALS_INVALID', requests: 1, message: /Token is missing/ },
  { name: 'missing Expiration', faults: [{ response: { kind: 'omit-fields', fields: ['Expiration'] } }], expect: 'ERR_CREDENTIALS_INVALID', requests: 1, message: /Expiration is missing/ },
  { name: 'missing SecretAccessKey', faults: [{ response: { kind: 'omit-fields', fields: ['SecretAccessKey'] } }], expect: 'ERR_CREDENTIALS_INVALID', requests: 1, message: /SecretAccessKey is missing/ },
  { name: 'an error document with status 200', faults: [{ response: { kind: 'status', status: 200, body: { code: 'AccessDenied', message: 'not for you' } } }], expect: 'ERR_CREDENTIALS_INVALID', requests: 1, message: /AccessDenied: not for you/ },
  { name: 'already-expired credentials', faults: [{ response: { kind: 'expired-credentials' } }], options: { maxAttempts: 2 }, expect: 'ERR_CREDENTIALS_EXPIRED', requests: 2, message: /expired at/ },
  { name: 'wrong content type, valid credentials (accepted: the body is validated, not the header)', faults: [{ response: { kind: 'content-type', contentType: 'text/html' } }], expect: 'ok', requests: 1 },
  { name: 'host not allowed', env: (env) => ({ AWS_CONTAINER_CREDENTIALS_FULL_URI: (env.AWS_CONTAINER_CREDENTIALS_FULL_URI ?? '').replace('127.0.0.1', '2130706433') }), expect: 'ERR_CONTAINER_HOST_NOT_ALLOWED', requests: 0 },
  { name: 'token file missing', agent: 'pod-identity', env: (env) => ({ ...env, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/run/missing' }), expect: 'ERR_CONTAINER_TOKEN_FILE', requests: 0 },
  { name: 'Pod Identity 429, then success', agent: 'pod-identity', faults: [{ times: 2, response: { kind: 'throttle' } }], expect: 'ok', requests: 3 },
  { name: 'Pod Identity unparsable token (400)', agent: 'pod-identity', env: (env) => ({ ...env, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/run/garbage' }), expect: 'ERR_CONTAINER_REQUEST_REJECTED', requests: 1, message: /cannot be parsed/ },
  { name: 'Pod Identity nanosecond expiration', agent: 'pod-identity', expect: 'ok', requests: 1 },
  { name: 'nothing listening', env: () => ({ AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:9/creds' }), options: { maxAttempts: 2 }, expect: 'ERR_HTTP_CONNECTION', requests: 0, message: /refused.*AWS_CONTAINER_CREDENTIALS_FULL_URI/ },
];

const collected: unknown[] = [];
const secrets: string[] = [];
const recorder = recordChannels([CONTAINER_NOTICE_CHANNEL, CONTAINER_RETRY_CHANNEL, FETCH_END_CHANNEL, FETCH_ERROR_CHANNEL, BACKOFF_CHANNEL]);

describe('fault matrix: every failure of the container endpoint has its code', () => {
  afterAll(() => {
    recorder.stop();
  });

  it.each(rows.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    const podIdentity = row.agent === 'pod-identity';
    await using agent = podIdentity ? await startPodIdentityAgent({ tokenFile: TOKEN_FILE }) : await startEcsAgent();
    for (const fault of row.faults ?? []) agent.faults.push({ match: CREDENTIALS_PATH, ...fault });
    const token = podIdentity ? (agent as { token: string }).token : undefined;
    const files = memoryFiles(token === undefined ? {} : { [TOKEN_FILE]: `${token}\n`, '/run/garbage': 'definitely-not-a-jwt' });
    const env = row.env?.(agent.env) ?? agent.env;
    const { sleep, delays } = recordingSleep();
    const provider = cached(fromContainerMetadata({ env, readFile: files.readFile, sleep, ...row.options }));
    secrets.push(agent.credentials.secretAccessKey, agent.credentials.sessionToken ?? '', token ?? '');

    let error: Record<string, unknown> | undefined;
    try {
      const creds = await provider();
      expect(row.expect).toBe('ok');
      expect(creds.accessKeyId).toBe(agent.credentials.accessKeyId);
      expect(creds.secretAccessKey).toBe(agent.credentials.secretAccessKey);
      expect(creds.sessionToken).toBe(agent.credentials.sessionToken);
      // Millisecond precision survives, whatever fraction the endpoint printed (Pod Identity: nanoseconds).
      expect(creds.expiration?.getTime()).toBe(agent.credentials.expiration?.getTime());
      if (podIdentity) expect(creds.accountId).toBe('123456789012');
    } catch (caught) {
      if (!isIamkitError(caught)) throw caught;
      collected.push(caught);
      error = caught as unknown as Record<string, unknown>;
      expect(caught.code).toBe(row.expect);
      expect(caught.source).toBe('container');
      if (row.message !== undefined) expect(caught.message).toMatch(row.message);
    }
    expect(agent.counters.total).toBe(row.requests);
    row.check?.({ delays, error });
  });

  it('never lets a secret into an error message, JSON, util.inspect or a diagnostics event', () => {
    expect(collected.length).toBeGreaterThan(20);
    const known = secrets.filter((s) => s.length >= 8);
    expect(known.length).toBeGreaterThan(rows.length);
    const texts = [
      ...collected.flatMap((e) => [(e as Error).message, JSON.stringify(e), inspect(e, { depth: 10 })]),
      ...recorder.events.map((e) => JSON.stringify(e.message)),
    ];
    expect(recorder.events.some((e) => e.channel === CONTAINER_RETRY_CHANNEL)).toBe(true);
    for (const text of texts) {
      for (const secret of known) expect(text.includes(secret), `secret leaked into: ${text.slice(0, 200)}`).toBe(false);
    }
  });
});
