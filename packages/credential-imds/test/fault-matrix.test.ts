import { inspect } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { BACKOFF_CHANNEL, FETCH_END_CHANNEL, FETCH_ERROR_CHANNEL, cached, isIamkitError } from '@iamkit/credentials';
import { startImds, type FaultRule, type ImdsOptions } from '@iamkit/emulators';
import { IMDS_NOTICE_CHANNEL, IMDS_RETRY_CHANNEL, fromInstanceMetadata, type FromInstanceMetadataOptions } from '../src/index.js';
import { recordChannels } from './helpers/events.js';
import { memoryFiles, recordingSleep } from './helpers/runtime.js';

interface Row {
  readonly name: string;
  readonly imds?: ImdsOptions;
  readonly faults?: readonly FaultRule[];
  readonly options?: FromInstanceMetadataOptions;
  readonly env?: Record<string, string>;
  /** `ok` or the error code the fetch must fail with. */
  readonly expect: string;
  /** `PUT`s and `GET`s IMDS must have seen. */
  readonly requests: { readonly put: number; readonly get: number };
  readonly message?: RegExp;
  readonly check?: (result: { delays: readonly number[]; error?: Record<string, unknown> }) => void;
}

const CREDS = { method: 'GET', path: /security-credentials\/.+/ };
const PUT = { method: 'PUT' };

const rows: Row[] = [
  { name: 'all well', expect: 'ok', requests: { put: 1, get: 2 } },
  { name: '429 without Retry-After, then success', faults: [{ match: CREDS, times: 1, response: { kind: 'throttle' } }], expect: 'ok', requests: { put: 1, get: 3 } },
  {
    name: '429 with Retry-After: 1, then success',
    faults: [{ match: CREDS, times: 1, response: { kind: 'throttle', retryAfter: 1 } }],
    expect: 'ok',
    requests: { put: 1, get: 3 },
    check: ({ delays }) => expect(delays[0]).toBeGreaterThanOrEqual(1000),
  },
  { name: '429 every time', faults: [{ match: CREDS, response: { kind: 'throttle' } }], expect: 'ERR_CREDENTIALS_THROTTLED', requests: { put: 1, get: 4 }, message: /share one cached\(\) provider/ },
  { name: '500 on the credentials, then success', faults: [{ match: CREDS, times: 2, response: { kind: 'status', status: 500 } }], expect: 'ok', requests: { put: 1, get: 4 } },
  { name: '503 every time', faults: [{ match: CREDS, response: { kind: 'status', status: 503 } }], expect: 'ERR_IMDS_UNAVAILABLE', requests: { put: 1, get: 4 } },
  { name: '503 on the token request, then success', faults: [{ match: PUT, times: 1, response: { kind: 'status', status: 503 } }], expect: 'ok', requests: { put: 2, get: 2 } },
  { name: '400 on the token request', faults: [{ match: PUT, response: { kind: 'status', status: 400 } }], expect: 'ERR_IMDS_TOKEN_REJECTED', requests: { put: 1, get: 0 }, message: /tokenTtlSeconds/ },
  { name: '403 on a GET (IMDS turned off)', faults: [{ match: CREDS, response: { kind: 'status', status: 403 } }], expect: 'ERR_IMDS_FORBIDDEN', requests: { put: 1, get: 2 }, message: /--http-endpoint enabled.*AWS_EC2_METADATA_DISABLED=true/ },
  { name: '404: no instance profile', imds: { roleName: null }, expect: 'ERR_IMDS_NO_ROLE', requests: { put: 1, get: 1 } },
  { name: 'timeout on the credentials GET', faults: [{ match: CREDS, response: { kind: 'delay', ms: 5000 } }], options: { headersTimeoutMs: 800 }, expect: 'ERR_HTTP_TIMEOUT', requests: { put: 1, get: 4 }, message: /headersTimeoutMs/ },
  { name: 'timeout once, then success', faults: [{ match: CREDS, times: 1, response: { kind: 'never-answer' } }], options: { headersTimeoutMs: 800 }, expect: 'ok', requests: { put: 1, get: 3 } },
  { name: 'connection reset every time', faults: [{ match: CREDS, response: { kind: 'reset' } }], expect: 'ERR_HTTP_CONNECTION', requests: { put: 1, get: 4 }, message: /reset.*AWS_EC2_METADATA_SERVICE_ENDPOINT/ },
  { name: 'truncated body', faults: [{ match: CREDS, response: { kind: 'truncate' } }], expect: 'ERR_HTTP_TRUNCATED_BODY', requests: { put: 1, get: 4 } },
  { name: 'malformed JSON', faults: [{ match: CREDS, response: { kind: 'malformed-json', body: '{ "Code" : Success }' } }], expect: 'ERR_HTTP_MALFORMED_BODY', requests: { put: 1, get: 2 } },
  { name: 'missing Token', faults: [{ match: CREDS, response: { kind: 'omit-fields', fields: ['Token'] } }], expect: 'ERR_CREDENTIALS_INVALID', requests: { put: 1, get: 2 }, message: /Token is missing/ },
  { name: 'missing AccessKeyId', faults: [{ match: CREDS, response: { kind: 'omit-fields', fields: ['AccessKeyId'] } }], expect: 'ERR_CREDENTIALS_INVALID', requests: { put: 1, get: 2 }, message: /AccessKeyId is missing/ },
  { name: 'already-expired credentials', faults: [{ match: CREDS, response: { kind: 'expired-credentials' } }], expect: 'ERR_CREDENTIALS_EXPIRED', requests: { put: 1, get: 4 } },
  { name: 'wrong content type (accepted: IMDS serves JSON as text/plain anyway)', faults: [{ match: CREDS, response: { kind: 'content-type', contentType: 'application/octet-stream' } }], expect: 'ok', requests: { put: 1, get: 2 } },
  {
    name: 'an error Code instead of credentials',
    faults: [{ match: CREDS, response: { kind: 'status', status: 200, body: { Code: 'AssumeRoleUnauthorizedAccess', Message: 'EC2 cannot assume the role', LastUpdated: '2026-01-01T00:00:00Z' } } }],
    expect: 'ERR_IMDS_CREDENTIALS_UNAVAILABLE',
    requests: { put: 1, get: 2 },
    message: /AssumeRoleUnauthorizedAccess.*trust policy/,
  },
  { name: '401 → new token → success', faults: [{ match: CREDS, times: 1, response: { kind: 'status', status: 401 } }], expect: 'ok', requests: { put: 2, get: 3 } },
  { name: 'v1 allowed: token refused with 404, GETs without a token', imds: { v1: 'allowed' }, faults: [{ match: PUT, response: { kind: 'status', status: 404 } }], expect: 'ok', requests: { put: 1, get: 2 } },
  { name: 'v1 refused by IMDS after the fallback', faults: [{ match: PUT, response: { kind: 'status', status: 405 } }], expect: 'ERR_IMDS_UNAUTHORIZED', requests: { put: 2, get: 2 }, message: /refuses to issue one/ },
  { name: 'v1 disabled by AWS_EC2_METADATA_V1_DISABLED', imds: { v1: 'allowed' }, faults: [{ match: PUT, response: { kind: 'status', status: 403 } }], env: { AWS_EC2_METADATA_V1_DISABLED: 'true' }, expect: 'ERR_IMDS_V1_DISABLED', requests: { put: 1, get: 0 } },
  { name: 'hop limit: the token request is never answered', imds: { hopLimitExceeded: true, v1: 'allowed' }, options: { tokenTimeoutMs: 150 }, expect: 'ERR_IMDS_HOP_LIMIT', requests: { put: 1, get: 0 }, message: /within 150 ms.*hop limit/ },
  { name: 'nothing listening', env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9' }, expect: 'ERR_HTTP_CONNECTION', requests: { put: 0, get: 0 }, message: /refused.*AWS_EC2_METADATA_DISABLED=true/ },
];

const collected: unknown[] = [];
const secrets: string[] = [];
const recorder = recordChannels([IMDS_NOTICE_CHANNEL, IMDS_RETRY_CHANNEL, FETCH_END_CHANNEL, FETCH_ERROR_CHANNEL, BACKOFF_CHANNEL]);

describe('fault matrix: every failure of IMDS has its code', () => {
  afterAll(() => {
    recorder.stop();
  });

  it.each(rows.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    await using imds = await startImds(row.imds);
    for (const fault of row.faults ?? []) imds.faults.push(fault);
    const { sleep, delays } = recordingSleep();
    const provider = cached(fromInstanceMetadata({ env: { ...imds.env, ...row.env }, readFile: memoryFiles().readFile, sleep, ...row.options }));
    secrets.push(imds.credentials.secretAccessKey, imds.credentials.sessionToken ?? '');

    let error: Record<string, unknown> | undefined;
    try {
      const creds = await provider();
      expect(row.expect).toBe('ok');
      expect(creds.accessKeyId).toBe(imds.credentials.accessKeyId);
      expect(creds.sessionToken).toBe(imds.credentials.sessionToken);
      expect(creds.expiration?.getTime()).toBe(imds.credentials.expiration?.getTime());
    } catch (caught) {
      if (!isIamkitError(caught)) throw caught;
      collected.push(caught);
      error = caught as unknown as Record<string, unknown>;
      expect(caught.code).toBe(row.expect);
      expect(caught.source).toBe('imds');
      if (row.message !== undefined) expect(caught.message).toMatch(row.message);
    }
    expect({ put: imds.requests.count({ method: 'PUT' }), get: imds.requests.count({ method: 'GET' }) }).toEqual(row.requests);
    // Every session token IMDS handed out is a secret too.
    for (const entry of imds.requests.entries) expect(JSON.stringify(entry)).not.toContain(imds.credentials.secretAccessKey);
    row.check?.({ delays, error });
  });

  it('never lets a secret into an error message, JSON, util.inspect or a diagnostics event', () => {
    expect(collected.length).toBeGreaterThan(15);
    const known = secrets.filter((s) => s.length >= 8);
    const texts = [
      ...collected.flatMap((e) => [(e as Error).message, JSON.stringify(e), inspect(e, { depth: 10 })]),
      ...recorder.events.map((e) => JSON.stringify(e.message)),
    ];
    expect(recorder.events.some((e) => e.channel === IMDS_RETRY_CHANNEL)).toBe(true);
    for (const text of texts) {
      for (const secret of known) expect(text.includes(secret), `secret leaked into: ${text.slice(0, 200)}`).toBe(false);
      // Session tokens start with AQAEA; none may appear either.
      expect(text).not.toMatch(/AQAEA[A-Za-z0-9+/]{20,}/);
    }
  });
});
