import { describe, expect, it } from 'vitest';
import { STS_MESSAGES, STS_SAMPLE_ROLES, STS_SAMPLE_USERS, createServiceAccountToken, startSts, type StsEmulator } from '../src/index.js';
import { closedAfterEach, fakeClock } from './helpers.js';
import { rawHttp, signedStsRequest, stsError, xmlText, type WireResponse } from './sts-helpers.js';

const start = closedAfterEach(startSts);

const { alice, bob, carl, puff } = STS_SAMPLE_USERS;
const ROLE = STS_SAMPLE_ROLES.default.arn;
interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

function form(params: Record<string, string | number>): string {
  return new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString();
}

function call(sts: StsEmulator, credentials: Creds, params: Record<string, string | number>, extra: { date?: number; headers?: Record<string, string> } = {}): Promise<WireResponse> {
  return rawHttp(sts.url, signedStsRequest(sts.url, { credentials, body: form({ Version: '2011-06-15', ...params }), ...extra }));
}

function unsigned(sts: StsEmulator, params: Record<string, string | number>, headers: Record<string, string> = {}): Promise<WireResponse> {
  const body = form({ Version: '2011-06-15', ...params });
  const list: [string, string][] = [['Host', new URL(sts.url).host], ['Content-Type', 'application/x-www-form-urlencoded'], ['Content-Length', String(Buffer.byteLength(body))]];
  return rawHttp(sts.url, { method: 'POST', path: '/', headers: [...list, ...Object.entries(headers)], body });
}

function issued(res: WireResponse): Creds {
  return { accessKeyId: xmlText(res.body, 'AccessKeyId') ?? '', secretAccessKey: xmlText(res.body, 'SecretAccessKey') ?? '', sessionToken: xmlText(res.body, 'SessionToken') ?? '' };
}

describe('STS emulator: AssumeRole', () => {
  it('issues credentials in STS XML that then work as the assumed role', async () => {
    const clock = fakeClock(Date.parse('2026-03-01T10:00:00Z'));
    const sts = await start({ now: clock.now });
    const res = await call(sts, alice, { Action: 'AssumeRole', RoleArn: ROLE, RoleSessionName: 'build-42' }, { date: clock.now() });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/xml');
    const creds = issued(res);
    expect(creds.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(creds.secretAccessKey).toHaveLength(40);
    expect(creds.sessionToken).toMatch(/^IQoJb3JpZ2luX2Vj/);
    expect(xmlText(res.body, 'Expiration')).toBe('2026-03-01T11:00:00Z');
    expect(xmlText(res.body, 'Arn')).toBe('arn:aws:sts::123456789012:assumed-role/iamkit-emulator-role/build-42');
    expect(xmlText(res.body, 'AssumedRoleId')).toMatch(/^AROA[A-Z2-7]{17}:build-42$/);
    expect(res.body).toMatch(/^<AssumeRoleResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">\n {2}<AssumeRoleResult>\n {4}<AssumedRoleUser>\n/);
    expect(res.body).not.toContain('PackedPolicySize');
    expect(sts.sessionsIssued).toBe(1);

    const who = await call(sts, creds, { Action: 'GetCallerIdentity' }, { date: clock.now() });
    expect(xmlText(who.body, 'Arn')).toBe('arn:aws:sts::123456789012:assumed-role/iamkit-emulator-role/build-42');
    expect(xmlText(who.body, 'UserId')).toBe(xmlText(res.body, 'AssumedRoleId'));
    // Without its token the session key is invalid; after an hour it is expired.
    expect(stsError((await call(sts, { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey }, { Action: 'GetCallerIdentity' }, { date: clock.now() })).body).code).toBe('InvalidClientTokenId');
    clock.advance(60 * 60_000);
    expect(stsError((await call(sts, creds, { Action: 'GetCallerIdentity' }, { date: clock.now() })).body).code).toBe('ExpiredToken');
  });

  it('uses DurationSeconds, or issuedLifetimeMs when the test chooses the lifetime', async () => {
    const clock = fakeClock(Date.parse('2026-03-01T10:00:00Z'));
    let sts = await start({ now: clock.now });
    let res = await call(sts, alice, { Action: 'AssumeRole', RoleArn: ROLE, RoleSessionName: 'a1', DurationSeconds: 7200 }, { date: clock.now() });
    expect(xmlText(res.body, 'Expiration')).toBe('2026-03-01T12:00:00Z');
    sts = await start({ now: clock.now, issuedLifetimeMs: 90_000 });
    res = await call(sts, alice, { Action: 'AssumeRole', RoleArn: ROLE, RoleSessionName: 'a1', DurationSeconds: 7200 }, { date: clock.now() });
    expect(xmlText(res.body, 'Expiration')).toBe('2026-03-01T10:01:30Z');
  });

  it('validates parameters with STS ValidationError messages', async () => {
    const sts = await start();
    const cases: [Record<string, string | number>, string][] = [
      [{ RoleArn: ROLE, RoleSessionName: 'x' }, "1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2"],
      [{ RoleSessionName: 'ok-name' }, "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null"],
      [{ RoleArn: ROLE, RoleSessionName: 'has space' }, "1 validation error detected: Value 'has space' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"],
      [{ RoleArn: ROLE, RoleSessionName: 'ok', DurationSeconds: 100 }, "1 validation error detected: Value '100' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"],
      [
        { RoleArn: ROLE, RoleSessionName: 's', DurationSeconds: 50_000 },
        "2 validation errors detected: Value 's' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2; Value '50000' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200",
      ],
    ];
    for (const [params, message] of cases) {
      const res = await call(sts, alice, { Action: 'AssumeRole', ...params });
      expect(res.status).toBe(400);
      expect(stsError(res.body)).toEqual({ type: 'Sender', code: 'ValidationError', message });
    }
  });

  it('enforces the role maximum and the one-hour limit of role chaining', async () => {
    const sts = await start();
    let res = await call(sts, alice, { Action: 'AssumeRole', RoleArn: STS_SAMPLE_ROLES.externalId.arn, RoleSessionName: 'ok', ExternalId: 'iamkit-external-id', DurationSeconds: 3601 });
    expect(stsError(res.body)).toEqual({ type: 'Sender', code: 'ValidationError', message: STS_MESSAGES.durationOverRoleMax });
    // Puff is itself a role session: chaining caps sessions at one hour even though the role allows 12.
    res = await call(sts, puff, { Action: 'AssumeRole', RoleArn: ROLE, RoleSessionName: 'chained', DurationSeconds: 7200 });
    expect(stsError(res.body)).toEqual({ type: 'Sender', code: 'ValidationError', message: STS_MESSAGES.durationOverChainLimit });
    res = await call(sts, puff, { Action: 'AssumeRole', RoleArn: ROLE, RoleSessionName: 'chained', DurationSeconds: 3600 });
    expect(res.status).toBe(200);
  });

  it('answers AccessDenied when the trust policy does not admit the caller', async () => {
    const sts = await start();
    for (const [caller, role] of [
      [carl, ROLE],
      [alice, 'arn:aws:iam::123456789012:role/does-not-exist'],
      [bob, STS_SAMPLE_ROLES.mfa.arn],
      [alice, STS_SAMPLE_ROLES.webIdentity.arn],
    ] as const) {
      const res = await call(sts, caller, { Action: 'AssumeRole', RoleArn: role, RoleSessionName: 'try' });
      expect(res.status).toBe(403);
      expect(stsError(res.body)).toEqual({ type: 'Sender', code: 'AccessDenied', message: `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${role}` });
    }
  });

  it('requires the external id and MFA the role asks for', async () => {
    const sts = await start();
    const externalRole = STS_SAMPLE_ROLES.externalId.arn;
    const denied = (role: string) => `User: ${alice.arn} is not authorized to perform: sts:AssumeRole on resource: ${role}`;
    expect(stsError((await call(sts, alice, { Action: 'AssumeRole', RoleArn: externalRole, RoleSessionName: 's1' })).body).message).toBe(denied(externalRole));
    expect(stsError((await call(sts, alice, { Action: 'AssumeRole', RoleArn: externalRole, RoleSessionName: 's1', ExternalId: 'wrong-id' })).body).message).toBe(denied(externalRole));
    expect((await call(sts, alice, { Action: 'AssumeRole', RoleArn: externalRole, RoleSessionName: 's1', ExternalId: 'iamkit-external-id' })).status).toBe(200);

    const mfaRole = STS_SAMPLE_ROLES.mfa.arn;
    const serial = STS_SAMPLE_ROLES.mfa.mfa.serialNumber;
    expect(stsError((await call(sts, alice, { Action: 'AssumeRole', RoleArn: mfaRole, RoleSessionName: 's2' })).body).message).toBe(denied(mfaRole));
    const wrong = await call(sts, alice, { Action: 'AssumeRole', RoleArn: mfaRole, RoleSessionName: 's2', SerialNumber: serial, TokenCode: '000000' });
    expect(stsError(wrong.body)).toEqual({ type: 'Sender', code: 'AccessDenied', message: STS_MESSAGES.invalidMfa });
    expect((await call(sts, alice, { Action: 'AssumeRole', RoleArn: mfaRole, RoleSessionName: 's2', SerialNumber: serial, TokenCode: '123456' })).status).toBe(200);
  });

  it('checks session policies: malformed, packed size, too large', async () => {
    const sts = await start({ packedPolicyLimit: 200 });
    const base = { Action: 'AssumeRole', RoleArn: ROLE, RoleSessionName: 'policy' };
    let res = await call(sts, alice, { ...base, Policy: '{"Version": "2012-10-17", "Statement": [' });
    expect(stsError(res.body)).toEqual({ type: 'Sender', code: 'MalformedPolicyDocument', message: STS_MESSAGES.malformedPolicy });
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
    res = await call(sts, alice, { ...base, Policy: policy });
    expect(res.status).toBe(200);
    expect(xmlText(res.body, 'PackedPolicySize')).toBe(String(Math.ceil((policy.length * 100) / 200)));
    res = await call(sts, alice, { ...base, Policy: policy, 'Tags.member.1.Key': 'team', 'Tags.member.1.Value': 'x'.repeat(150) });
    expect(res.status).toBe(400);
    expect(stsError(res.body)).toEqual({ type: 'Sender', code: 'PackedPolicyTooLarge', message: expect.stringMatching(/^Packed policy consumes 1\d\d% of allotted space, please use smaller policy for this session\.$/) });
  });

  it('answers RegionDisabledException where the region is not activated', async () => {
    const sts = await start({ regionEnabled: false });
    const res = await call(sts, alice, { Action: 'GetCallerIdentity' });
    expect(res.status).toBe(403);
    expect(stsError(res.body)).toEqual({
      type: 'Sender',
      code: 'RegionDisabledException',
      message: 'STS is not activated in this region for account:123456789012. Your account administrator can activate STS in this region using the IAM Console.',
    });
    sts.setRegionEnabled(true);
    expect((await call(sts, alice, { Action: 'GetCallerIdentity' })).status).toBe(200);
  });

  it('answers JSON with epoch-second Expiration and nulls for absent members', async () => {
    const clock = fakeClock(Date.parse('2026-03-01T10:00:00Z'));
    const sts = await start({ now: clock.now });
    const res = await call(sts, alice, { Action: 'AssumeRole', RoleArn: ROLE, RoleSessionName: 'json' }, { date: clock.now(), headers: { Accept: 'application/json' } });
    const json = JSON.parse(res.body);
    const result = json.AssumeRoleResponse.AssumeRoleResult;
    expect(Object.keys(result)).toEqual(['AssumedRoleUser', 'Credentials', 'PackedPolicySize', 'SourceIdentity']);
    expect(result.Credentials.Expiration).toBe(Date.parse('2026-03-01T11:00:00Z') / 1000);
    expect(result.PackedPolicySize).toBeNull();
    expect(json.AssumeRoleResponse.ResponseMetadata.RequestId).toBe(res.headers['x-amzn-requestid']);
    const error = await call(sts, carl, { Action: 'AssumeRole', RoleArn: ROLE, RoleSessionName: 'json' }, { date: clock.now(), headers: { Accept: 'application/json' } });
    expect(JSON.parse(error.body)).toEqual({
      Error: { Code: 'AccessDenied', Message: expect.stringContaining('is not authorized to perform: sts:AssumeRole'), Type: 'Sender' },
      RequestId: error.headers['x-amzn-requestid'],
    });
  });
});

describe('STS emulator: AssumeRoleWithWebIdentity', () => {
  const ISSUER = 'https://oidc.eks.us-east-1.amazonaws.com/id/IAMKITEMULATOR0000000000000000000';

  it('serves an unsigned request with an accepted token', async () => {
    const clock = fakeClock(Date.parse('2026-03-01T10:00:00Z'));
    const token = createServiceAccountToken({ now: clock.now, audience: 'sts.amazonaws.com', namespace: 'shop', serviceAccount: 'orders' });
    const sts = await start({ now: clock.now, webIdentity: { tokens: [token], issuer: ISSUER, audience: 'sts.amazonaws.com' } });
    const res = await unsigned(sts, { Action: 'AssumeRoleWithWebIdentity', RoleArn: STS_SAMPLE_ROLES.webIdentity.arn, RoleSessionName: 'pod-1', WebIdentityToken: token });
    expect(res.status).toBe(200);
    expect(xmlText(res.body, 'SubjectFromWebIdentityToken')).toBe('system:serviceaccount:shop:orders');
    expect(xmlText(res.body, 'Audience')).toBe('sts.amazonaws.com');
    expect(xmlText(res.body, 'Provider')).toBe('oidc.eks.us-east-1.amazonaws.com/id/IAMKITEMULATOR0000000000000000000');
    expect(xmlText(res.body, 'Arn')).toBe('arn:aws:sts::123456789012:assumed-role/web-identity-role/pod-1');
    const creds = issued(res);
    expect((await call(sts, creds, { Action: 'GetCallerIdentity' }, { date: clock.now() })).status).toBe(200);
    // Other actions still need a signature.
    expect(stsError((await unsigned(sts, { Action: 'AssumeRole', RoleArn: STS_SAMPLE_ROLES.default.arn, RoleSessionName: 'x1' })).body).code).toBe('MissingAuthenticationToken');
  });

  it('refuses tokens as STS does: provider, audience, expiry, signature', async () => {
    const clock = fakeClock(Date.parse('2026-03-01T10:00:00Z'));
    const good = createServiceAccountToken({ now: clock.now, audience: 'sts.amazonaws.com' });
    const sts = await start({ now: clock.now, webIdentity: { tokens: [good], issuer: ISSUER, audience: 'sts.amazonaws.com' } });
    const request = (token: string) => unsigned(sts, { Action: 'AssumeRoleWithWebIdentity', RoleArn: STS_SAMPLE_ROLES.webIdentity.arn, RoleSessionName: 'pod', WebIdentityToken: token });
    const claims = JSON.parse(Buffer.from(good.split('.')[1]!, 'base64url').toString());
    const forge = (change: Record<string, unknown>) => [good.split('.')[0], Buffer.from(JSON.stringify({ ...claims, ...change })).toString('base64url'), good.split('.')[2]].join('.');

    let res = await request(forge({ iss: 'https://token.actions.githubusercontent.com' }));
    expect(stsError(res.body)).toEqual({ type: 'Sender', code: 'InvalidIdentityToken', message: 'No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com' });
    res = await request(forge({ aud: ['pods.eks.amazonaws.com'] }));
    expect(stsError(res.body)).toEqual({ type: 'Sender', code: 'InvalidIdentityToken', message: 'Incorrect token audience' });
    res = await request(forge({ sub: 'system:serviceaccount:other:sa' }));
    expect(stsError(res.body)).toEqual({ type: 'Sender', code: 'InvalidIdentityToken', message: STS_MESSAGES.badWebIdentityKey });
    clock.advance(25 * 60 * 60_000);
    res = await request(good);
    expect(res.status).toBe(400);
    expect(stsError(res.body)).toEqual({
      type: 'Sender',
      code: 'ExpiredTokenException',
      message: `Token expired: current date/time ${Math.floor(clock.now() / 1000)} must be before the expiration date/time${claims.exp}`,
    });
  });

  it('lets a test rotate which tokens are valid', async () => {
    const sts = await start();
    const first = createServiceAccountToken();
    const second = createServiceAccountToken();
    const request = (token: string) => unsigned(sts, { Action: 'AssumeRoleWithWebIdentity', RoleArn: STS_SAMPLE_ROLES.webIdentity.arn, RoleSessionName: 'pod', WebIdentityToken: token });
    expect(stsError((await request(first)).body).code).toBe('InvalidIdentityToken');
    sts.acceptWebIdentityToken(first);
    expect((await request(first)).status).toBe(200);
    sts.acceptWebIdentityToken(second);
    expect(sts.revokeWebIdentityToken(first)).toBe(true);
    expect(stsError((await request(first)).body).code).toBe('InvalidIdentityToken');
    expect((await request(second)).status).toBe(200);
  });

  it("applies the role's web identity trust", async () => {
    const token = createServiceAccountToken({ namespace: 'shop', serviceAccount: 'orders' });
    const sts = await start({
      webIdentity: { tokens: 'any' },
      roles: [{ arn: 'arn:aws:iam::111122223333:role/orders', webIdentity: { subjects: ['system:serviceaccount:shop:orders'] } }, { arn: 'arn:aws:iam::111122223333:role/billing', webIdentity: { subjects: ['system:serviceaccount:shop:billing'] } }, STS_SAMPLE_ROLES.default],
    });
    const request = (role: string) => unsigned(sts, { Action: 'AssumeRoleWithWebIdentity', RoleArn: role, RoleSessionName: 'pod', WebIdentityToken: token });
    expect((await request('arn:aws:iam::111122223333:role/orders')).status).toBe(200);
    for (const role of ['arn:aws:iam::111122223333:role/billing', STS_SAMPLE_ROLES.default.arn, 'arn:aws:iam::111122223333:role/none']) {
      const res = await request(role);
      expect(res.status).toBe(403);
      expect(stsError(res.body)).toEqual({ type: 'Sender', code: 'AccessDenied', message: STS_MESSAGES.webIdentityDenied });
    }
  });
});

describe('STS emulator: actions and versions', () => {
  it('answers InvalidAction and MissingAction', async () => {
    const sts = await start();
    expect(stsError((await call(sts, alice, { Action: 'GetSessionToken' })).body)).toEqual({ type: 'Sender', code: 'InvalidAction', message: 'Could not find operation GetSessionToken for version 2011-06-15' });
    expect(stsError((await call(sts, alice, { Action: 'GetCallerIdentity', Version: '2010-01-01' })).body).message).toBe('Could not find operation GetCallerIdentity for version 2010-01-01');
    const res = await rawHttp(sts.url, signedStsRequest(sts.url, { credentials: alice, body: 'Version=2011-06-15' }));
    expect(stsError(res.body)).toEqual({ type: 'Sender', code: 'MissingAction', message: 'Missing Action' });
  });

  it('records each call with its action, caller and outcome', async () => {
    const clock = fakeClock(Date.parse('2026-03-01T10:00:00Z'));
    const sts = await start({ now: clock.now });
    await call(sts, alice, { Action: 'AssumeRole', RoleArn: ROLE, RoleSessionName: 'rec' }, { date: clock.now() });
    await call(sts, carl, { Action: 'AssumeRole', RoleArn: ROLE, RoleSessionName: 'rec' }, { date: clock.now() });
    await unsigned(sts, { Action: 'GetCallerIdentity' });
    expect(sts.calls.map(({ seq, via, action, accessKeyId, status, code }) => ({ seq, via, action, accessKeyId, status, code }))).toEqual([
      { seq: 1, via: 'http', action: 'AssumeRole', accessKeyId: alice.accessKeyId, status: 200, code: undefined },
      { seq: 2, via: 'http', action: 'AssumeRole', accessKeyId: carl.accessKeyId, status: 403, code: 'AccessDenied' },
      { seq: 3, via: 'http', action: 'GetCallerIdentity', accessKeyId: undefined, status: 403, code: 'MissingAuthenticationToken' },
    ]);
    expect(sts.calls[0]?.time.toISOString()).toBe('2026-03-01T10:00:00.000Z');
  });
});
