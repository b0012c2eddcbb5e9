// The STS emulator checked against a real peer: what @aws-sdk/client-sts signs must be accepted
// and parsed back into the SDK's objects, and every single-field tampering of such a request must
// be rejected with the message real STS gives.
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  STSClient,
  STSServiceException,
} from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STS_MESSAGES, STS_SAMPLE_ROLES, STS_SAMPLE_USERS, createServiceAccountToken, matchStsAction, startSts, stsErrorFault, type StsEmulator } from '../src/index.js';
import { rawHttp, stsError, type WireRequest } from './sts-helpers.js';

let sts: StsEmulator;
beforeAll(async () => {
  sts = await startSts();
});
afterAll(async () => {
  await sts.close();
});

interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

interface Captured {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** An SDK client aimed at the emulator that records every request exactly as it was signed. */
function sdkClient(credentials?: Creds): { client: STSClient; captured: Captured[] } {
  const captured: Captured[] = [];
  const client = new STSClient({
    region: 'us-east-1',
    endpoint: sts.url,
    maxAttempts: 1,
    // The SDK writes into the credentials object: give it a copy of the frozen sample.
    ...(credentials === undefined ? {} : { credentials: { ...credentials } }),
  });
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { method: string; path: string; headers: Record<string, string>; body: unknown };
      captured.push({ method: request.method, path: request.path, headers: { ...request.headers }, body: String(request.body) });
      return next(args);
    },
    // The deserialize step runs after signing: this is the request that goes on the wire.
    { step: 'deserialize', name: 'iamkitCapture' },
  );
  return { client, captured };
}

function toWire(request: Captured, change: { headers?: Record<string, string | undefined>; body?: string } = {}): WireRequest {
  const changes = change.headers ?? {};
  const kept = Object.entries(request.headers).filter(([name]) => !(name in changes));
  const added = Object.entries(changes).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return { method: request.method, path: request.path, headers: [...kept, ...added], body: change.body ?? request.body };
}

async function capturedGetCallerIdentity(credentials: Creds): Promise<Captured> {
  const { client, captured } = sdkClient(credentials);
  await client.send(new GetCallerIdentityCommand({}));
  const request = captured[0];
  if (request === undefined) throw new Error('nothing captured');
  return request;
}

describe('@aws-sdk/client-sts against the STS emulator', () => {
  it('GetCallerIdentity: signed by the SDK, accepted, parsed', async () => {
    for (const user of [STS_SAMPLE_USERS.alice, STS_SAMPLE_USERS.bob, STS_SAMPLE_USERS.carl, STS_SAMPLE_USERS.puff]) {
      const { client } = sdkClient(user);
      const result = await client.send(new GetCallerIdentityCommand({}));
      expect(result.Arn).toBe(user.arn);
      expect(result.Account).toBe(user.arn.split(':')[4]);
      expect(result.UserId).toMatch(/^A[IR][DO]A[A-Z2-7]{17}/);
      expect(result.$metadata.httpStatusCode).toBe(200);
      expect(result.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('AssumeRole: the SDK gets credentials with a Date expiration, usable by the SDK', async () => {
    const { client } = sdkClient(STS_SAMPLE_USERS.alice);
    const before = Date.now();
    const result = await client.send(new AssumeRoleCommand({ RoleArn: STS_SAMPLE_ROLES.default.arn, RoleSessionName: 'sdk-session', DurationSeconds: 900 }));
    const credentials = result.Credentials;
    expect(credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(credentials?.SecretAccessKey).toHaveLength(40);
    expect(credentials?.Expiration).toBeInstanceOf(Date);
    const lifetime = (credentials?.Expiration?.getTime() ?? 0) - before;
    expect(lifetime).toBeGreaterThan(898_000);
    expect(lifetime).toBeLessThanOrEqual(900_000);
    expect(result.AssumedRoleUser).toEqual({ Arn: 'arn:aws:sts::123456789012:assumed-role/iamkit-emulator-role/sdk-session', AssumedRoleId: expect.stringMatching(/^AROA[A-Z2-7]{17}:sdk-session$/) });

    const session = sdkClient({ accessKeyId: credentials?.AccessKeyId ?? '', secretAccessKey: credentials?.SecretAccessKey ?? '', sessionToken: credentials?.SessionToken ?? '' });
    const who = await session.client.send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(result.AssumedRoleUser?.Arn);
    expect(session.captured[0]?.headers.authorization).toContain('x-amz-security-token');
  });

  it('AssumeRoleWithWebIdentity: sent unsigned by the SDK, accepted, parsed', async () => {
    const token = createServiceAccountToken({ audience: 'sts.amazonaws.com' });
    sts.acceptWebIdentityToken(token);
    const { client, captured } = sdkClient({ accessKeyId: 'AKIANOTUSEDEXAMPLE00', secretAccessKey: 'not-used' });
    const result = await client.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: STS_SAMPLE_ROLES.webIdentity.arn, RoleSessionName: 'irsa', WebIdentityToken: token }));
    expect(captured[0]?.headers.authorization).toBeUndefined();
    expect(result.SubjectFromWebIdentityToken).toBe('system:serviceaccount:default:default');
    expect(result.Audience).toBe('sts.amazonaws.com');
    expect(result.Credentials?.Expiration).toBeInstanceOf(Date);
  });

  it("the SDK reads the emulator's errors as STS errors", async () => {
    const unknown = sdkClient({ accessKeyId: 'AKIAUNKNOWNEXAMPLE99', secretAccessKey: 'x'.repeat(40) });
    const error = await unknown.client.send(new GetCallerIdentityCommand({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(STSServiceException);
    expect(error).toMatchObject({ name: 'InvalidClientTokenId', message: STS_MESSAGES.invalidClientTokenId, $fault: 'client', $metadata: { httpStatusCode: 403 } });

    const alice = sdkClient(STS_SAMPLE_USERS.alice);
    const denied = await alice.client.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/nope', RoleSessionName: 'x1' })).catch((e: unknown) => e);
    expect(denied).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });

    const rule = sts.faults.push({ match: matchStsAction('GetCallerIdentity'), times: 1, response: { kind: 'throttle' } });
    const throttled = await alice.client.send(new GetCallerIdentityCommand({})).catch((e: unknown) => e);
    expect(throttled).toMatchObject({ name: 'Throttling', message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
    expect(rule.applied).toBe(1);

    sts.faults.push({ match: matchStsAction('AssumeRole'), times: 1, response: stsErrorFault('RegionDisabledException') });
    const disabled = await alice.client.send(new AssumeRoleCommand({ RoleArn: STS_SAMPLE_ROLES.default.arn, RoleSessionName: 'x1' })).catch((e: unknown) => e);
    expect(disabled).toMatchObject({ name: 'RegionDisabledException', $metadata: { httpStatusCode: 403 } });
  });
});

describe('replaying an SDK-signed request with one field tampered', () => {
  let alice: Captured;
  let bob: Captured;
  beforeAll(async () => {
    alice = await capturedGetCallerIdentity(STS_SAMPLE_USERS.alice);
    bob = await capturedGetCallerIdentity(STS_SAMPLE_USERS.bob);
  });

  it('the untouched request replays (STS accepts a signed request for ~15 minutes)', async () => {
    for (const request of [alice, bob]) expect((await rawHttp(sts.url, toWire(request))).status).toBe(200);
  });

  const auth = (request: Captured, edit: (value: string) => string) => ({ headers: { authorization: edit(request.headers.authorization ?? '') } });
  const day = (request: Captured) => (request.headers['x-amz-date'] ?? '').slice(0, 8);
  const previousDay = (stamp: string) => new Date(Date.UTC(Number(stamp.slice(0, 4)), Number(stamp.slice(4, 6)) - 1, Number(stamp.slice(6, 8)) - 1)).toISOString().slice(0, 10).replace(/-/g, '');
  // One second off, staying on the same day (a new day would be a scope-date error instead).
  const secondLater = (stamp: string) => {
    const ms = Date.UTC(Number(stamp.slice(0, 4)), Number(stamp.slice(4, 6)) - 1, Number(stamp.slice(6, 8)), Number(stamp.slice(9, 11)), Number(stamp.slice(11, 13)), Number(stamp.slice(13, 15)));
    const format = (t: number) => new Date(t).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const later = format(ms + 1000);
    return later.slice(0, 8) === stamp.slice(0, 8) ? later : format(ms - 1000);
  };
  const sameLength = (text: string) => text.replace('GetCallerIdentity', 'GetCallerIdentitx');

  type Expected = string | ((request: Captured) => string);
  const cases: [string, () => Captured, (request: Captured) => { headers?: Record<string, string | undefined>; body?: string }, string, Expected][] = [
    ['the signature', () => alice, (r) => auth(r, (v) => v.replace(/.$/, (c) => (c === '0' ? '1' : '0'))), 'SignatureDoesNotMatch', STS_MESSAGES.signatureDoesNotMatch],
    ['X-Amz-Date (one second later)', () => alice, (r) => ({ headers: { 'x-amz-date': secondLater(r.headers['x-amz-date'] ?? '') } }), 'SignatureDoesNotMatch', STS_MESSAGES.signatureDoesNotMatch],
    [
      'the scope date',
      () => alice,
      (r) => auth(r, (v) => v.replace(`/${day(r)}/`, `/${previousDay(day(r))}/`)),
      'SignatureDoesNotMatch',
      (r) => `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${previousDay(day(r))}' != '${day(r)}', from '${r.headers['x-amz-date'] ?? ''}'. `,
    ],
    ['the scope region', () => alice, (r) => auth(r, (v) => v.replace('/us-east-1/', '/us-west-2/')), 'SignatureDoesNotMatch', 'Credential should be scoped to a valid region. '],
    ['the scope service', () => alice, (r) => auth(r, (v) => v.replace('/sts/', '/iam/')), 'SignatureDoesNotMatch', "Credential should be scoped to correct service: 'sts'. "],
    ['the body (same length)', () => alice, (r) => ({ body: sameLength(r.body) }), 'SignatureDoesNotMatch', STS_MESSAGES.signatureDoesNotMatch],
    ['a signed header value (x-amz-user-agent)', () => alice, (r) => ({ headers: { 'x-amz-user-agent': `${r.headers['x-amz-user-agent'] ?? ''} tampered` } }), 'SignatureDoesNotMatch', STS_MESSAGES.signatureDoesNotMatch],
    ['a signed header value (host)', () => alice, (r) => ({ headers: { host: (r.headers.host ?? '').replace('127.0.0.1', 'localhost') } }), 'SignatureDoesNotMatch', STS_MESSAGES.signatureDoesNotMatch],
    ['a signed header value (x-amz-content-sha256)', () => alice, () => ({ headers: { 'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' } }), 'SignatureDoesNotMatch', STS_MESSAGES.signatureDoesNotMatch],
    ['the session token (another session)', () => bob, () => ({ headers: { 'x-amz-security-token': STS_SAMPLE_USERS.puff.sessionToken } }), 'InvalidClientTokenId', STS_MESSAGES.invalidClientTokenId],
    ['the session token (one character)', () => bob, (r) => ({ headers: { 'x-amz-security-token': (r.headers['x-amz-security-token'] ?? '').replace(/.$/, 'x') } }), 'InvalidClientTokenId', STS_MESSAGES.invalidClientTokenId],
    ['the session token (removed)', () => bob, () => ({ headers: { 'x-amz-security-token': undefined } }), 'InvalidClientTokenId', STS_MESSAGES.invalidClientTokenId],
    ['the access key (unknown)', () => alice, (r) => auth(r, (v) => v.replace(STS_SAMPLE_USERS.alice.accessKeyId, 'AKIAUNKNOWNEXAMPLE99')), 'InvalidClientTokenId', STS_MESSAGES.invalidClientTokenId],
    ['the access key (another known key)', () => alice, (r) => auth(r, (v) => v.replace(STS_SAMPLE_USERS.alice.accessKeyId, STS_SAMPLE_USERS.carl.accessKeyId)), 'SignatureDoesNotMatch', STS_MESSAGES.signatureDoesNotMatch],
  ];

  it.each(cases)('tampering with %s is rejected', async (_what, pick, change, code, message) => {
    const request = pick();
    const res = await rawHttp(sts.url, toWire(request, change(request)));
    expect(res.status).toBe(403);
    expect(stsError(res.body)).toEqual({ type: 'Sender', code, message: typeof message === 'string' ? message : message(request) });
    // …and the original still replays: the emulator rejected the change, not the request.
    expect((await rawHttp(sts.url, toWire(request))).status).toBe(200);
  });
});
