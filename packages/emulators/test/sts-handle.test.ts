import { inspect } from 'node:util';
import { isIamkitError } from '@iamkit/credentials';
import { signRequest } from '@iamkit/sigv4';
import { describe, expect, it } from 'vitest';
import { STS_FAULT_REQUEST_ID, STS_MESSAGES, STS_SAMPLE_ROLES, STS_SAMPLE_USERS, matchStsAction, startSts, stsErrorFault, type StsOptions } from '../src/index.js';
import { closedAfterEach, fakeClock } from './helpers.js';
import { rawHttp, signedStsRequest, stsError, xmlText } from './sts-helpers.js';

const start = closedAfterEach(startSts);

const { alice, bob } = STS_SAMPLE_USERS;
const BODY = 'Action=GetCallerIdentity&Version=2011-06-15';

/** The MONGODB-AWS spec's region rule (reference §4). */
function regionOfHost(host: string): string {
  const labels = host.split('.');
  return host === 'sts.amazonaws.com' || labels.length === 1 ? 'us-east-1' : (labels[1] ?? '');
}

/** The request a MongoDB server forwards to STS for MONGODB-AWS (reference mongodb-aws-protocol §9.3). */
function mongodbRequest(host: string, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, nonce: string, date: number) {
  const signed = signRequest(
    {
      method: 'POST',
      url: `https://${host}/`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': '43', Host: host, 'X-MongoDB-Server-Nonce': nonce, 'X-MongoDB-GS2-CB-Flag': 'n' },
      body: BODY,
    },
    { credentials, region: regionOfHost(host), service: 'sts', date },
  );
  const headers: Record<string, string> = {
    'Content-Length': '43',
    'Content-Type': 'application/x-www-form-urlencoded',
    Host: host,
    'X-Amz-Date': signed.amzDate,
    'X-MongoDB-Server-Nonce': nonce,
    'X-MongoDB-GS2-CB-Flag': 'n',
    Authorization: signed.authorization,
  };
  if (credentials.sessionToken !== undefined) headers['X-Amz-Security-Token'] = credentials.sessionToken;
  return { headers, body: BODY };
}

const NONCE = Buffer.from(Array.from({ length: 64 }, (_, i) => i)).toString('base64');

describe('verify(): the in-process path for the MongoDB emulator', () => {
  it('verifies a MONGODB-AWS GetCallerIdentity and names the caller', async () => {
    const clock = fakeClock(Date.parse('2025-12-15T12:34:56Z'));
    const sts = await start({ now: clock.now });
    for (const [host, user] of [['localhost', alice], ['sts.amazonaws.com', bob], ['sts.us-west-2.amazonaws.com', alice]] as const) {
      const result = sts.verify(mongodbRequest(host, user, NONCE, clock.now()));
      expect(result).toMatchObject({ ok: true, status: 200, action: 'GetCallerIdentity', identity: { arn: user.arn, account: '123456789012', accessKeyId: user.accessKeyId } });
      expect(xmlText(result.response.body, 'Arn')).toBe(user.arn);
    }
    expect(sts.calls.map((c) => c.via)).toEqual(['verify', 'verify', 'verify']);
  });

  it('rejects what a server that rebuilt other headers would forward, with STS messages', async () => {
    const clock = fakeClock(Date.parse('2025-12-15T12:34:56Z'));
    const sts = await start({ now: clock.now });
    const good = mongodbRequest('localhost', alice, NONCE, clock.now());
    const otherNonce = Buffer.from(Array.from({ length: 64 }, (_, i) => 63 - i)).toString('base64');
    let result = sts.verify({ ...good, headers: { ...good.headers, 'X-MongoDB-Server-Nonce': otherNonce } });
    expect(result).toMatchObject({ ok: false, status: 403, code: 'SignatureDoesNotMatch', message: STS_MESSAGES.signatureDoesNotMatch });
    expect(result.identity).toBeUndefined();
    result = sts.verify({ ...good, headers: { ...good.headers, Host: 'sts.amazonaws.com' } });
    expect(result).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' });
    result = sts.verify({ ...good, headers: { ...good.headers, Authorization: undefined } });
    expect(result).toMatchObject({ ok: false, status: 403, code: 'MissingAuthenticationToken' });
    clock.advance(16 * 60_000);
    result = sts.verify(good);
    expect(result.message).toMatch(/^Signature expired: 20251215T123456Z is now earlier than 20251215T123556Z \(20251215T125056Z - 15 min\.\)$/);
  });

  it('answers exactly what the HTTP listener answers', async () => {
    const clock = fakeClock(Date.parse('2026-03-01T10:00:00Z'));
    const sts = await start({ now: clock.now, random: () => 0.5 });
    const wire = signedStsRequest(sts.url, { credentials: alice, date: clock.now() });
    const viaHttp = await rawHttp(sts.url, wire);
    const viaVerify = sts.verify({ path: wire.path, headers: Object.fromEntries(wire.headers), body: wire.body });
    expect(viaVerify.response.body).toBe(viaHttp.body);
    expect(viaVerify.status).toBe(viaHttp.status);
    expect(viaVerify.response.headers['Content-Type']).toBe(viaHttp.headers['content-type']);
  });
});

describe('STS faults', () => {
  it("answers a throttle fault with STS's Throttling, in XML or JSON", async () => {
    const sts = await start();
    const rule = sts.faults.push({ times: 2, response: { kind: 'throttle', retryAfter: 1 } });
    const res = await rawHttp(sts.url, signedStsRequest(sts.url, { credentials: alice }));
    expect(res.status).toBe(400);
    expect(res.headers['retry-after']).toBe('1');
    expect(stsError(res.body)).toEqual({ type: 'Sender', code: 'Throttling', message: 'Rate exceeded' });
    const json = await rawHttp(sts.url, signedStsRequest(sts.url, { credentials: alice, headers: { Accept: 'application/json' } }));
    expect(JSON.parse(json.body)).toMatchObject({ Error: { Code: 'Throttling', Message: 'Rate exceeded', Type: 'Sender' } });
    expect(rule.applied).toBe(2);
    // Faults answer instead of the emulator: its call log does not see them.
    expect(sts.calls).toHaveLength(0);
    expect(sts.counters.status(400)).toBe(2);
  });

  it('renders any STS error as a fault, matched by action (body or query)', async () => {
    const sts = await start();
    sts.faults.push({ match: matchStsAction('AssumeRoleWithWebIdentity'), response: stsErrorFault('IDPCommunicationError') });
    sts.faults.push({ match: matchStsAction('AssumeRole'), times: 1, response: stsErrorFault('InternalFailure', { format: 'json' }) });
    const web = await rawHttp(sts.url, { method: 'POST', path: '/?Action=AssumeRoleWithWebIdentity&Version=2011-06-15', headers: [['Host', 'x']], body: '' });
    expect(web.status).toBe(400);
    expect(web.headers['x-amzn-requestid']).toBe(STS_FAULT_REQUEST_ID);
    expect(web.headers['content-type']).toBe('text/xml');
    expect(stsError(web.body)).toEqual({ type: 'Sender', code: 'IDPCommunicationError', message: STS_MESSAGES.idpCommunicationError });
    const body = new URLSearchParams({ Action: 'AssumeRole', Version: '2011-06-15', RoleArn: STS_SAMPLE_ROLES.default.arn, RoleSessionName: 'fault' }).toString();
    let res = await rawHttp(sts.url, signedStsRequest(sts.url, { credentials: alice, body }));
    expect(res.status).toBe(500);
    expect(JSON.parse(res.body)).toEqual({ Error: { Code: 'InternalFailure', Message: expect.any(String), Type: 'Receiver' }, RequestId: STS_FAULT_REQUEST_ID });
    res = await rawHttp(sts.url, signedStsRequest(sts.url, { credentials: alice, body }));
    expect(res.status).toBe(200);
    expect((await rawHttp(sts.url, signedStsRequest(sts.url, { credentials: alice }))).status).toBe(200);
  });

  it('every fault code renders with its status and type', () => {
    expect(stsErrorFault('ExpiredTokenException')).toMatchObject({ kind: 'status', status: 400, contentType: 'text/xml' });
    expect(stsErrorFault('IDPRejectedClaim')).toMatchObject({ status: 403 });
    expect(stsErrorFault('ServiceUnavailable')).toMatchObject({ status: 503 });
    const custom = stsErrorFault('InvalidIdentityToken', { message: 'Incorrect token audience' });
    expect(stsError((custom as { body: string }).body)).toEqual({ type: 'Sender', code: 'InvalidIdentityToken', message: 'Incorrect token audience' });
    expect(stsError((stsErrorFault('RegionDisabledException', { account: '111122223333' }) as { body: string }).body).message).toContain('account:111122223333.');
  });
});

describe('STS emulator: no secrets in logs, inspect or JSON', () => {
  it('keeps keys, tokens and web identity tokens out of the request log and of the handle', async () => {
    const clock = fakeClock(Date.parse('2026-03-01T10:00:00Z'));
    const webToken = 'opaque-web-identity-token-0123456789';
    const sts = await start({ now: clock.now, webIdentity: { tokens: [webToken] } });
    const assumed = await rawHttp(
      sts.url,
      signedStsRequest(sts.url, { credentials: bob, date: clock.now(), body: new URLSearchParams({ Action: 'AssumeRole', Version: '2011-06-15', RoleArn: STS_SAMPLE_ROLES.default.arn, RoleSessionName: 'log' }).toString() }),
    );
    const issuedSecret = xmlText(assumed.body, 'SecretAccessKey') ?? '';
    const issuedToken = xmlText(assumed.body, 'SessionToken') ?? '';
    expect(issuedSecret).toHaveLength(40);
    await rawHttp(sts.url, { method: 'POST', path: `/?Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=${STS_SAMPLE_ROLES.webIdentity.arn}&RoleSessionName=w1&WebIdentityToken=${webToken}`, headers: [['Host', 'x']], body: '' });
    expect(sts.calls.map((c) => c.status)).toEqual([200, 200]);

    const log = JSON.stringify(sts.requests) + inspect(sts.requests, { depth: 10 });
    const handle = JSON.stringify(sts) + inspect(sts, { depth: 10 }) + JSON.stringify(sts.calls);
    for (const secret of [bob.secretAccessKey, bob.sessionToken, issuedSecret, issuedToken, webToken, alice.secretAccessKey]) {
      expect(log).not.toContain(secret);
      expect(handle).not.toContain(secret);
    }
    expect(sts.requests.entries[0]?.headers.authorization).toBe('[redacted]');
    expect(sts.requests.entries[0]?.headers['x-amz-security-token']).toBe('[redacted]');
    expect(sts.requests.entries[1]?.path).toContain('WebIdentityToken=[redacted]');
    expect(JSON.parse(JSON.stringify(sts))).toMatchObject({ emulator: 'sts', region: 'us-east-1', users: 4, roles: 4, sessionsIssued: 2 });
  });
});

describe('STS emulator options', () => {
  it('refuses unusable options with ERR_EMULATOR_OPTION_INVALID naming the option', async () => {
    const cases: [StsOptions, string][] = [
      [{ region: 'US East' }, '`region`'],
      [{ users: [{ ...alice, arn: 'not-an-arn' }] }, '`users[0].arn`'],
      [{ users: [{ ...alice, accessKeyId: 'AKIA/1' }] }, '`users[0].accessKeyId`'],
      [{ roles: [{ arn: 'arn:aws:iam::123456789012:user/Alice' }] }, '`roles[0].arn`'],
      [{ roles: [{ arn: 'arn:aws:iam::123456789012:role/x', maxSessionDurationSeconds: 100 }] }, '`roles[0].maxSessionDurationSeconds`'],
      [{ issuedLifetimeMs: Number.NaN }, '`issuedLifetimeMs`'],
      [{ packedPolicyLimit: 0 }, '`packedPolicyLimit`'],
      [{ webIdentity: { tokens: ['abc'] } }, 'webIdentity token'],
    ];
    for (const [options, named] of cases) {
      const error = await startSts(options).then(
        (sts) => sts.close().then(() => undefined),
        (e: unknown) => e,
      );
      expect(isIamkitError(error, 'ERR_EMULATOR_OPTION_INVALID')).toBe(true);
      expect((error as Error).message).toContain(named);
    }
  });

  it('adds and removes roles at run time', async () => {
    const sts = await start();
    const arn = 'arn:aws:iam::123456789012:role/late';
    const body = new URLSearchParams({ Action: 'AssumeRole', Version: '2011-06-15', RoleArn: arn, RoleSessionName: 'late' }).toString();
    expect((await rawHttp(sts.url, signedStsRequest(sts.url, { credentials: alice, body }))).status).toBe(403);
    sts.addRole({ arn, trustedPrincipals: ['*'] });
    expect((await rawHttp(sts.url, signedStsRequest(sts.url, { credentials: alice, body }))).status).toBe(200);
    expect(sts.removeRole(arn)).toBe(true);
    expect((await rawHttp(sts.url, signedStsRequest(sts.url, { credentials: alice, body }))).status).toBe(403);
  });
});
