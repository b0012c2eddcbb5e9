import { describe, expect, it } from 'vitest';
import { STS_MESSAGES, STS_SAMPLE_USERS, startSts } from '../src/index.js';
import { closedAfterEach, fakeClock } from './helpers.js';
import { headerOf, rawHttp, signedStsRequest, stsError, withHeader, xmlText } from './sts-helpers.js';

const start = closedAfterEach(startSts);

const { alice, bob, carl, puff } = STS_SAMPLE_USERS;

describe('STS emulator: GetCallerIdentity', () => {
  it('answers in STS XML for each sample caller', async () => {
    const clock = fakeClock(Date.parse('2026-03-01T10:00:00Z'));
    const sts = await start({ now: clock.now });
    const expected = [
      [alice, 'arn:aws:iam::123456789012:user/Alice', '123456789012'],
      [bob, 'arn:aws:iam::123456789012:user/Bob', '123456789012'],
      [carl, 'arn:aws-foo:iam::123456789012:user/Carl', '123456789012'],
      [puff, 'arn:aws:sts::557821124784:assumed-role/cat/Puff', '557821124784'],
    ] as const;
    for (const [user, arn, account] of expected) {
      const res = await rawHttp(sts.url, signedStsRequest(sts.url, { credentials: user, date: clock.now() }));
      expect(res.status).toBe(200);
      expect(xmlText(res.body, 'Arn')).toBe(arn);
      expect(xmlText(res.body, 'Account')).toBe(account);
    }
    expect(sts.calls.map((c) => [c.action, c.status, c.arn])).toEqual(expected.map(([, arn]) => ['GetCallerIdentity', 200, arn]));
  });

  it('writes the document, headers and request id exactly as STS does', async () => {
    const clock = fakeClock(Date.parse('2026-03-01T10:00:00Z'));
    const sts = await start({ now: clock.now, random: () => 0.5 });
    const res = await rawHttp(sts.url, signedStsRequest(sts.url, { credentials: alice, date: clock.now() }));
    const requestId = res.headers['x-amzn-requestid'];
    expect(requestId).toBe('88888888-8888-4888-a888-888888888888');
    const userId = xmlText(res.body, 'UserId');
    expect(userId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(res.body).toBe(
      [
        '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">',
        '  <GetCallerIdentityResult>',
        '    <Arn>arn:aws:iam::123456789012:user/Alice</Arn>',
        `    <UserId>${userId ?? ''}</UserId>`,
        '    <Account>123456789012</Account>',
        '  </GetCallerIdentityResult>',
        '  <ResponseMetadata>',
        `    <RequestId>${requestId ?? ''}</RequestId>`,
        '  </ResponseMetadata>',
        '</GetCallerIdentityResponse>',
        '',
      ].join('\n'),
    );
    // STS's headers, with Date by the emulator's clock (it drives clients' skew correction).
    expect(res.headerLines.slice(0, 4).map((line) => line.split(':')[0])).toEqual(['x-amzn-RequestId', 'Content-Type', 'Date', 'Content-Length']);
    expect(res.headers['content-type']).toBe('text/xml');
    expect(res.headers.date).toBe('Sun, 01 Mar 2026 10:00:00 GMT');
  });

  it('answers in JSON for Accept: application/json', async () => {
    const sts = await start({ random: () => 0.25 });
    const res = await rawHttp(sts.url, signedStsRequest(sts.url, { credentials: alice, headers: { Accept: 'application/json' } }));
    expect(res.headers['content-type']).toBe('application/json');
    expect(JSON.parse(res.body)).toEqual({
      GetCallerIdentityResponse: {
        GetCallerIdentityResult: { Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/Alice', UserId: expect.stringMatching(/^AIDA/) },
        ResponseMetadata: { RequestId: '44444444-4444-4444-9444-444444444444' },
      },
    });
  });

  it('reads parameters from the query string as well as the body, and signs the query', async () => {
    const sts = await start();
    const path = '/?Action=GetCallerIdentity&Version=2011-06-15';
    const req = signedStsRequest(sts.url, { credentials: alice, body: '', path });
    expect((await rawHttp(sts.url, req)).status).toBe(200);
    // A query added after signing makes another request.
    const res = await rawHttp(sts.url, { ...req, path: `${path}&Extra=1` });
    expect(stsError(res.body).code).toBe('SignatureDoesNotMatch');
  });
});

describe('STS emulator: authentication errors, word for word', () => {
  it('answers 403 MissingAuthenticationToken to an unsigned request, byte for byte', async () => {
    const clock = fakeClock(Date.parse('2023-04-17T19:12:53Z'));
    const sts = await start({ now: clock.now });
    const res = await rawHttp(sts.url, { method: 'POST', path: '/', headers: [['Host', 'sts.amazonaws.com'], ['Content-Type', 'application/x-www-form-urlencoded'], ['Content-Length', '43']], body: 'Action=GetCallerIdentity&Version=2011-06-15' });
    expect(res.status).toBe(403);
    const requestId = res.headers['x-amzn-requestid'] ?? '';
    expect(res.body).toBe(
      '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n  <Error>\n    <Type>Sender</Type>\n    <Code>MissingAuthenticationToken</Code>\n' +
        `    <Message>Request is missing Authentication Token</Message>\n  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`,
    );
    // The length of the real answer (a request id is 36 characters).
    expect(res.headers['content-length']).toBe('297');
    expect(res.headers.date).toBe('Mon, 17 Apr 2023 19:12:53 GMT');
  });

  it('treats an Authorization value that is not AWS4-… as missing', async () => {
    const sts = await start();
    const good = signedStsRequest(sts.url, { credentials: alice });
    const auth = headerOf(good, 'authorization');
    for (const value of [auth.replace('AWS4-HMAC-SHA256', 'AWS-HMAC-SHA256'), `Authorization: ${auth}`, 'Bearer abc', '']) {
      const res = await rawHttp(sts.url, withHeader(good, 'Authorization', value));
      expect(res.status).toBe(403);
      expect(stsError(res.body)).toEqual({ type: 'Sender', code: 'MissingAuthenticationToken', message: STS_MESSAGES.missingAuthenticationToken });
    }
  });

  it('answers IncompleteSignature for missing components and a missing date', async () => {
    const sts = await start();
    const good = signedStsRequest(sts.url, { credentials: alice });
    const noSignature = headerOf(good, 'authorization').replace(/, Signature=[0-9a-f]+/, '');
    let res = await rawHttp(sts.url, withHeader(good, 'Authorization', noSignature));
    expect(res.status).toBe(400);
    expect(stsError(res.body)).toEqual({ type: 'Sender', code: 'IncompleteSignature', message: `Authorization header requires 'Signature' parameter. Authorization=${noSignature}` });
    res = await rawHttp(sts.url, withHeader(good, 'X-Amz-Date', undefined));
    expect(stsError(res.body).message).toMatch(/^Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header\. Authorization=AWS4-HMAC-SHA256 /);
    res = await rawHttp(sts.url, withHeader(good, 'X-Amz-Date', '2026-03-01T10:00:00Z'));
    expect(stsError(res.body)).toMatchObject({ code: 'IncompleteSignature', message: "Date must be in ISO-8601 'basic format'. Got '2026-03-01T10:00:00Z'. See http://en.wikipedia.org/wiki/ISO_8601" });
    res = await rawHttp(sts.url, withHeader(good, 'Authorization', headerOf(good, 'authorization').replace('AWS4-HMAC-SHA256', 'AWS4-ECDSA-P256-SHA256')));
    expect(stsError(res.body)).toMatchObject({ code: 'IncompleteSignature', message: "Unsupported AWS 'algorithm': 'AWS4-ECDSA-P256-SHA256' (only AWS4-HMAC-SHA256 for now). " });
    res = await rawHttp(sts.url, withHeader(good, 'Authorization', headerOf(good, 'authorization').replace('/sts/aws4_request', '/aws4_request')));
    expect(stsError(res.body).message).toMatch(/^Credential must have exactly 5 slash-delimited elements, e\.g\. keyid\/date\/region\/service\/term, got 'AKIAALICEEXAMPLE0001\/\d{8}\/us-east-1\/aws4_request'$/);
  });

  it('reports a date-only X-Amz-Date as a signature that expired at midnight (reference §10.1)', async () => {
    const clock = fakeClock(Date.parse('2020-03-17T22:40:41Z'));
    const sts = await start({ now: clock.now });
    const req = withHeader(signedStsRequest(sts.url, { credentials: alice, date: clock.now() }), 'X-Amz-Date', '20200317');
    const res = await rawHttp(sts.url, req);
    expect(res.status).toBe(403);
    expect(stsError(res.body)).toEqual({
      type: 'Sender',
      code: 'SignatureDoesNotMatch',
      message: 'Signature expired: 20200317T000000Z is now earlier than 20200317T222541Z (20200317T224041Z - 15 min.)',
    });
  });

  it('accepts 15 minutes of skew either way, and no more', async () => {
    const clock = fakeClock(Date.parse('2021-05-02T17:36:40Z'));
    const sts = await start({ now: clock.now });
    const at = (offsetMs: number) => rawHttp(sts.url, signedStsRequest(sts.url, { credentials: alice, date: clock.now() + offsetMs }));
    expect((await at(-15 * 60_000)).status).toBe(200);
    expect((await at(15 * 60_000)).status).toBe(200);
    expect(stsError((await at(-15 * 60_000 - 1000)).body).message).toBe('Signature expired: 20210502T172139Z is now earlier than 20210502T172140Z (20210502T173640Z - 15 min.)');
    expect(stsError((await at(60 * 60_000)).body).message).toBe('Signature not yet current: 20210502T183640Z is still later than 20210502T175140Z (20210502T173640Z + 15 min.)');
  });

  it('requires host, x-amz-date and a sent token among the signed headers', async () => {
    const sts = await start();
    // Signed without a Host header: the signer adds one from the URL, so sign for a request
    // that names Host only after signing.
    const good = signedStsRequest(sts.url, { credentials: alice });
    const auth = headerOf(good, 'authorization');
    const withoutHost = auth.replace(/SignedHeaders=[^,]+/, (m) => m.replace('host;', ''));
    let res = await rawHttp(sts.url, withHeader(good, 'Authorization', withoutHost));
    expect(stsError(res.body)).toEqual({ type: 'Sender', code: 'SignatureDoesNotMatch', message: STS_MESSAGES.hostNotSigned });
    const withoutDate = auth.replace(/;x-amz-date/, '');
    res = await rawHttp(sts.url, withHeader(good, 'Authorization', withoutDate));
    expect(stsError(res.body).message).toBe("'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.");
    // Bob's token sent, but not signed.
    const bobReq = signedStsRequest(sts.url, { credentials: { accessKeyId: bob.accessKeyId, secretAccessKey: bob.secretAccessKey } });
    res = await rawHttp(sts.url, withHeader(bobReq, 'X-Amz-Security-Token', bob.sessionToken));
    expect(stsError(res.body).message).toBe("'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization.");
  });

  it('checks the credential scope and lists every mismatch', async () => {
    const clock = fakeClock(Date.parse('2026-03-01T10:00:00Z'));
    const sts = await start({ now: clock.now });
    const sign = (region: string, service: string) => signedStsRequest(sts.url, { credentials: alice, date: clock.now(), region, service });
    let res = await rawHttp(sts.url, sign('eu-west-1', 'sts'));
    expect(res.status).toBe(403);
    expect(stsError(res.body)).toEqual({ type: 'Sender', code: 'SignatureDoesNotMatch', message: 'Credential should be scoped to a valid region. ' });
    res = await rawHttp(sts.url, sign('us-east-1', 'iam'));
    expect(stsError(res.body).message).toBe("Credential should be scoped to correct service: 'sts'. ");
    const good = sign('us-east-1', 'sts');
    const auth = headerOf(good, 'authorization');
    res = await rawHttp(sts.url, withHeader(good, 'Authorization', auth.replace('/20260301/us-east-1/sts/aws4_request', '/20260228/eu-west-1/s3/aws4_reques')));
    expect(stsError(res.body).message).toBe(
      'Credential should be scoped to a valid region. ' +
        "Credential should be scoped to correct service: 'sts'. " +
        "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws4_reques'. " +
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20260228' != '20260301', from '20260301T100000Z'. ",
    );
  });

  it('takes the region from an AWS STS host name, and its own region otherwise', async () => {
    const sts = await start({ region: 'ap-south-1' });
    const cases = [
      [undefined, 'ap-south-1', 200],
      [undefined, 'us-east-1', 403],
      ['sts.amazonaws.com', 'us-east-1', 200],
      ['sts.eu-west-1.amazonaws.com', 'eu-west-1', 200],
      ['sts.eu-west-1.amazonaws.com', 'us-east-1', 403],
      ['sts.cn-north-1.amazonaws.com.cn', 'cn-north-1', 200],
      ['localhost', 'ap-south-1', 200],
    ] as const;
    for (const [host, region, status] of cases) {
      const req = signedStsRequest(sts.url, { credentials: alice, region, headers: host === undefined ? {} : { Host: host } });
      expect([host, region, (await rawHttp(sts.url, req)).status]).toEqual([host, region, status]);
    }
  });

  it('answers InvalidClientTokenId for unknown keys and tokens that do not belong to the key', async () => {
    const sts = await start();
    const invalid = { type: 'Sender', code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' };
    const cases = [
      { accessKeyId: 'AKIAUNKNOWNEXAMPLE99', secretAccessKey: alice.secretAccessKey },
      // Temporary keys without their token (reference §10.1).
      { accessKeyId: bob.accessKeyId, secretAccessKey: bob.secretAccessKey },
      // Another session's token.
      { ...bob, sessionToken: puff.sessionToken },
      { ...bob, sessionToken: 'garbage-token' },
      // A long-term key with a token (a leftover AWS_SESSION_TOKEN).
      { ...alice, sessionToken: bob.sessionToken },
    ];
    for (const credentials of cases) {
      const res = await rawHttp(sts.url, signedStsRequest(sts.url, { credentials }));
      expect(res.status).toBe(403);
      expect(stsError(res.body)).toEqual(invalid);
    }
  });

  it('answers SignatureDoesNotMatch with the generic message (no canonical request, unlike S3)', async () => {
    const sts = await start();
    const res = await rawHttp(sts.url, signedStsRequest(sts.url, { credentials: { ...alice, secretAccessKey: `${alice.secretAccessKey.slice(0, -1)}X` } }));
    expect(res.status).toBe(403);
    expect(stsError(res.body)).toEqual({ type: 'Sender', code: 'SignatureDoesNotMatch', message: STS_MESSAGES.signatureDoesNotMatch });
    expect(res.body).not.toContain('Canonical');
  });

  it('answers ExpiredToken once temporary credentials expire, by its clock', async () => {
    const clock = fakeClock(Date.parse('2026-03-01T10:00:00Z'));
    const sts = await start({ now: clock.now, users: [{ ...bob, expiration: new Date('2026-03-01T11:00:00Z') }] });
    expect((await rawHttp(sts.url, signedStsRequest(sts.url, { credentials: bob, date: clock.now() }))).status).toBe(200);
    clock.set(Date.parse('2026-03-01T11:00:00Z'));
    const res = await rawHttp(sts.url, signedStsRequest(sts.url, { credentials: bob, date: clock.now() }));
    expect(res.status).toBe(400);
    expect(stsError(res.body)).toEqual({ type: 'Sender', code: 'ExpiredToken', message: 'The security token included in the request is expired' });
  });

  it('forgets removed users', async () => {
    const sts = await start();
    expect(sts.removeUser(alice.accessKeyId)).toBe(true);
    expect(stsError((await rawHttp(sts.url, signedStsRequest(sts.url, { credentials: alice }))).body).code).toBe('InvalidClientTokenId');
    sts.addUser({ ...alice });
    expect((await rawHttp(sts.url, signedStsRequest(sts.url, { credentials: alice }))).status).toBe(200);
  });
});
