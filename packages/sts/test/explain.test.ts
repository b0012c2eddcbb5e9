import { IamkitError } from '@iamkit/credentials';
import { describe, expect, it } from 'vitest';
import { StsError, explainStsError, formatStsExplanation, skewFromMessage } from '../src/index.js';

describe('explainStsError: the misleading STS messages (reference §10.1)', () => {
  it('"Request is missing Authentication Token"', () => {
    const explanation = explainStsError('Request is missing Authentication Token');
    expect(explanation).toMatchObject({ code: 'MissingAuthenticationToken', topic: 'missing-authentication-token', matched: true, retryable: false });
    expect(explanation.cause).toContain('nothing to do with session tokens');
    expect(explanation.likelyCauses).toHaveLength(4);
    expect(explanation.likelyCauses[0]).toMatch(/No Authorization header was sent/);
    expect(explanation.fixes[1]).toMatch(/parseAuthorizationHeader\(\) from @iamkit\/sigv4/);
  });

  it('"The security token included in the request is invalid"', () => {
    const explanation = explainStsError('The security token included in the request is invalid');
    expect(explanation).toMatchObject({ code: 'InvalidClientTokenId', topic: 'invalid-client-token-id' });
    expect(explanation.cause).toMatch(/"security token" is the key id or the session token, not the signature/);
    expect(explanation.likelyCauses[0]).toMatch(/without their session token/);
  });

  it('"Signature expired …": the date instead of the timestamp, with the measured skew', () => {
    const explanation = explainStsError('Signature expired: 20200317T000000Z is now earlier than 20200317T222541Z (20200317T224041Z - 15 min.)');
    expect(explanation).toMatchObject({
      code: 'SignatureDoesNotMatch',
      topic: 'signature-expired',
      skew: { skewMs: 81_641_000, direction: 'behind', requestTime: '2020-03-17T00:00:00.000Z', serverTime: '2020-03-17T22:40:41.000Z', dateOnly: true, measuredFrom: 'message' },
    });
    expect(explanation.cause).toContain('The request was signed 22 h 40 min 41 s behind STS’s clock');
    expect(explanation.cause).toContain('the date was sent instead of the full timestamp');
    expect(explanation.likelyCauses[0]).toMatch(/X-Amz-Date holds a date \(YYYYMMDD\)/);
    expect(explanation.fixes[0]).toMatch(/formatAmzDate\(new Date\(\)\)\.amzDate/);
  });

  it('"Signature expired …": a clock that is merely behind', () => {
    const explanation = explainStsError('Signature expired: 20240101T093000Z is now earlier than 20240101T094500Z (20240101T100000Z - 15 min.)');
    expect(explanation.skew).toMatchObject({ skewMs: 30 * 60_000, dateOnly: false });
    expect(explanation.likelyCauses[0]).toMatch(/clock is behind/);
    expect(explanation.fixes[0]).toMatch(/NTP/);
  });

  it('"Signature not yet current …": a clock ahead', () => {
    const explanation = explainStsError('Signature not yet current: 20210502T183640Z is still later than 20210502T175140Z (20210502T173640Z + 15 min.)');
    expect(explanation).toMatchObject({ topic: 'signature-not-yet-current', skew: { skewMs: -60 * 60_000, direction: 'ahead', dateOnly: false } });
    expect(explanation.cause).toContain('1 h ahead of STS’s clock');
  });

  it('"The request signature we calculated does not match …"', () => {
    const explanation = explainStsError(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
    expect(explanation).toMatchObject({ code: 'SignatureDoesNotMatch', topic: 'signature-does-not-match' });
    expect(explanation.cause).toContain('If STS names any other problem, the signature is not the issue');
    const all = explanation.likelyCauses.join('\n');
    for (const mistake of [/wrong/, /hex-encoded/, /a date where the timestamp belongs/, /no blank line/, /X-MongoDB-Server-Nonce/]) expect(all).toMatch(mistake);
  });

  it('"The security token included in the request is expired"', () => {
    expect(explainStsError('The security token included in the request is expired')).toMatchObject({ code: 'ExpiredToken', topic: 'expired-token' });
  });
});

describe('explainStsError: the other STS errors, from their messages alone', () => {
  const cases: [string, string, string][] = [
    ['Rate exceeded', 'throttling', 'Throttling'],
    ['User: arn:aws:iam::123456789012:user/Bob is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::999999999999:role/admin', 'access-denied-assume-role', 'AccessDenied'],
    ["Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements", 'invalid-identity-token', 'InvalidIdentityToken'],
    ['Incorrect token audience', 'invalid-identity-token', 'InvalidIdentityToken'],
    ['No OpenIDConnect provider found in your account for https://oidc.eks.eu-west-1.amazonaws.com/id/ABC', 'invalid-identity-token', 'InvalidIdentityToken'],
    ['Token expired: current date/time 1626271164 must be before the expiration date/time1626191469', 'web-identity-token-expired', 'ExpiredTokenException'],
    ['STS is not activated in this region for account:123456789012. Your account administrator can activate STS in this region using the IAM Console.', 'region-disabled', 'RegionDisabledException'],
    ['Not authorized to perform sts:AssumeRoleWithWebIdentity', 'access-denied-web-identity', 'AccessDenied'],
    ['Packed policy consumes 112% of allotted space, please use smaller policy for this session.', 'packed-policy-too-large', 'PackedPolicyTooLarge'],
    ['The requested DurationSeconds exceeds the MaxSessionDuration set for this role.', 'duration-too-long', 'ValidationError'],
    ['Credential should be scoped to a valid region. ', 'scope-region', 'SignatureDoesNotMatch'],
    ["Credential should be scoped to a valid region, not 'eu-west-1'. ", 'scope-region', 'SignatureDoesNotMatch'],
    ["Credential should be scoped to correct service: 'sts'. ", 'scope-service', 'SignatureDoesNotMatch'],
    ["Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20260228' != '20260301', from '20260301T000001Z'. ", 'scope-date', 'SignatureDoesNotMatch'],
    ["'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.", 'host-not-signed', 'SignatureDoesNotMatch'],
    ["Authorization header requires 'Signature' parameter. Authorization=AWS4-HMAC-SHA256 Credential=AKID/20260301/us-east-1/sts/aws4_request", 'incomplete-signature', 'IncompleteSignature'],
    ['MultiFactorAuthentication failed with invalid MFA one time pass code. ', 'invalid-mfa', 'AccessDenied'],
    ['The difference between the request time and the current time is too large.', 'request-time-too-skewed', 'Unknown'],
    ['Authentication failed.', 'mongodb-authentication-failed', 'Unknown'],
  ];
  it.each(cases)('%s → %s', (message, topic, code) => {
    const explanation = explainStsError(message);
    expect(explanation).toMatchObject({ topic, code, matched: true });
    expect(explanation.fixes.length).toBeGreaterThan(0);
  });

  it('extracts the principal, role, issuer, region and times the messages carry', () => {
    expect(explainStsError(cases[1]![0]).details).toEqual({ principal: 'arn:aws:iam::123456789012:user/Bob', roleArn: 'arn:aws:iam::999999999999:role/admin' });
    expect(explainStsError(cases[4]![0]).fixes[0]).toContain('https://oidc.eks.eu-west-1.amazonaws.com/id/ABC');
    expect(explainStsError(cases[5]![0])).toMatchObject({ details: { tokenExpiredAt: '2021-07-13T15:51:09.000Z', stsTime: '2021-07-14T13:59:24.000Z' } });
    expect(explainStsError(cases[11]![0]).details).toEqual({ signedRegion: 'eu-west-1' });
    expect(explainStsError(cases[13]![0]).cause).toBe('The date in the credential scope (20260228) is not the day of X-Amz-Date (20260301).');
  });
});

describe('explainStsError: input forms', () => {
  it('reads AWS CLI output', () => {
    const explanation = explainStsError('An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.');
    expect(explanation).toMatchObject({ code: 'InvalidClientTokenId', action: 'GetCallerIdentity', message: 'The security token included in the request is invalid.', topic: 'invalid-client-token-id' });
  });

  it('reads Go SDK output with status and request id', () => {
    const explanation = explainStsError(
      'operation error STS: GetCallerIdentity, https response error StatusCode: 403, RequestID: f16ffea6-1579-440e-aed9-f5f18c361a85, api error SignatureDoesNotMatch: Credential should be scoped to a valid region.',
    );
    expect(explanation).toMatchObject({ code: 'SignatureDoesNotMatch', topic: 'scope-region', status: 403, requestId: 'f16ffea6-1579-440e-aed9-f5f18c361a85' });
  });

  it('reads "Code: message" from the JS SDK, and the SDK exception object', () => {
    expect(explainStsError('ExpiredTokenException: Token expired: current date/time 2 must be before the expiration date/time1')).toMatchObject({ code: 'ExpiredTokenException', topic: 'web-identity-token-expired' });
    const sdkError = Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $fault: 'client', $metadata: { httpStatusCode: 400, requestId: 'sdk-req' } });
    expect(explainStsError(sdkError)).toMatchObject({ code: 'Throttling', topic: 'throttling', status: 400, requestId: 'sdk-req', retryable: true });
  });

  it('reads a pasted <ErrorResponse> and its JSON form', () => {
    const xml =
      '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:sts::1:assumed-role/a/b is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::2:role/c</Message></Error><RequestId>x-1</RequestId></ErrorResponse>';
    expect(explainStsError(xml)).toMatchObject({ code: 'AccessDenied', topic: 'access-denied-assume-role', requestId: 'x-1', details: { principal: 'arn:aws:sts::1:assumed-role/a/b' } });
    const json = '{"Error":{"Code":"IDPCommunicationError","Message":"could not reach","Type":"Sender"},"RequestId":"x-2"}';
    expect(explainStsError(json)).toMatchObject({ code: 'IDPCommunicationError', topic: 'idp-communication-error', requestId: 'x-2', retryable: true });
  });

  it('finds the STS error in a driver error’s cause chain', () => {
    const sts = new StsError({ code: 'ERR_STS_EXPIRED_TOKEN', message: 'sts: …', stsCode: 'ExpiredToken', stsMessage: 'The security token included in the request is expired', status: 400, requestId: 'r-9', action: 'GetCallerIdentity' });
    const driver = Object.assign(new Error('MongoAWSError: failed to authenticate'), { name: 'MongoAWSError', cause: new IamkitError({ code: 'ERR_CREDENTIALS_SOURCE_FAILED', message: 'wrapped', cause: sts }) });
    expect(explainStsError(driver)).toMatchObject({ code: 'ExpiredToken', topic: 'expired-token', requestId: 'r-9', status: 400, action: 'GetCallerIdentity', iamkitCode: 'ERR_STS_EXPIRED_TOKEN' });
    const mongo = Object.assign(new Error('Authentication failed.'), { name: 'MongoServerError', code: 18, codeName: 'AuthenticationFailed' });
    expect(explainStsError(mongo).topic).toBe('mongodb-authentication-failed');
  });

  it('explains iamkit errors by code', () => {
    const throttled = new IamkitError({ code: 'ERR_CREDENTIALS_THROTTLED', message: 'container: … answered HTTP 429 Too Many Requests', retryable: true, status: 429 });
    expect(explainStsError(throttled)).toMatchObject({ topic: 'throttling', iamkitCode: 'ERR_CREDENTIALS_THROTTLED', status: 429 });
    expect(explainStsError(new IamkitError({ code: 'ERR_HTTP_TIMEOUT', message: 'sts: POST … timed out' })).topic).toBe('network');
    expect(explainStsError(Object.assign(new Error('boom'), { status: 503 })).topic).toBe('service-error');
  });

  it('says so when it does not recognise an error', () => {
    for (const input of ['something odd happened', 'FooBarError: weird', undefined, null, 42, {}]) {
      const explanation = explainStsError(input);
      expect(explanation.matched).toBe(false);
      expect(explanation.topic).toBe('unknown');
      expect(explanation.fixes.at(-1)).toMatch(/iamkit doctor/);
    }
    expect(explainStsError('FooBarError: weird').fixes[0]).toContain('Look up FooBarError');
  });
});

describe('explanations as text and JSON', () => {
  it('formats an explanation for a terminal', () => {
    const text = explainStsError('An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::1:user/u is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::1:role/r').format();
    expect(text.split('\n').slice(0, 4)).toEqual([
      'AccessDenied — The caller may not assume this role',
      '  User: arn:aws:iam::1:user/u is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::1:role/r',
      '  (action AssumeRole)',
      '',
    ]);
    expect(text).toMatch(/\nCause: arn:aws:iam::1:user\/u is not allowed/);
    expect(text).toMatch(/\nLikely causes:\n {2}- The trust policy of arn:aws:iam::1:role\/r/);
    expect(text).toMatch(/\nFixes:\n {2}1\. Add arn:aws:iam::1:user\/u to the Principal/);
    expect(formatStsExplanation(explainStsError('Rate exceeded'))).toMatch(/Retrying later can succeed without changes\.$/);
  });

  it('keeps format out of JSON, and is frozen', () => {
    const explanation = explainStsError('Rate exceeded');
    expect(Object.keys(JSON.parse(JSON.stringify(explanation)))).not.toContain('format');
    expect(Object.isFrozen(explanation)).toBe(true);
  });

  it('never repeats a secret pasted with the message', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
    const token = `IQoJb3JpZ2luX2VjE${'A'.repeat(300)}`;
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    const pasted = `aws_secret_access_key=${secret} aws_session_token=${token} token=${jwt}\nAn error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.`;
    const explanation = explainStsError(pasted);
    expect(explanation.topic).toBe('invalid-client-token-id');
    for (const text of [JSON.stringify(explanation), explanation.format()]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(token.slice(0, 60));
      expect(text).not.toContain(jwt);
    }
    const unknown = explainStsError(`oops ${secret}`);
    expect(JSON.stringify(unknown) + unknown.format()).not.toContain(secret);
  });
});

describe('skewFromMessage', () => {
  it('reads both directions and ignores other text', () => {
    expect(skewFromMessage('Signature expired: 20260301T094000Z is now earlier than 20260301T094500Z (20260301T100000Z - 15 min.)')?.skewMs).toBe(20 * 60_000);
    expect(skewFromMessage('… Signature not yet current: 20260301T110000Z is still later than 20260301T101500Z (20260301T100000Z + 15 min.) …')?.skewMs).toBe(-60 * 60_000);
    expect(skewFromMessage('Signature expired: 20260926T120000Z is now earlier than 20260926T122934Z (20260926T123434Z - 5 min.)')?.windowMinutes).toBe(5);
    expect(skewFromMessage('Signature expired')).toBeUndefined();
  });
});
