import { isIamkitError } from '@iamkit/credentials';
import { describe, expect, it } from 'vitest';
import { isStsError, type StsError } from '../src/index.js';
import { readErrorDocument, readResult } from '../src/response.js';
import { assumeRoleResultFrom, callerIdentityFrom, webIdentityResultFrom } from '../src/results.js';

const NOW = Date.parse('2026-03-01T10:00:00Z');
const now = () => NOW;
const xml = (body: string) => ({ status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': 'hdr-id' }, body });
const json = (value: unknown) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
const ASSUME = { action: 'AssumeRole', url: 'https://sts.us-east-1.amazonaws.com/' };
const WHO = { action: 'GetCallerIdentity', url: 'https://sts.us-east-1.amazonaws.com/' };
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLETOKENxyz0123456789abcdefABCDEF';

function assumeRoleXml(credentials: Record<string, string | undefined>, extra = ''): string {
  const fields = Object.entries(credentials)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<${k}>${v ?? ''}</${k}>`)
    .join('');
  return (
    `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>` +
    `<AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:s1</AssumedRoleId><Arn>arn:aws:sts::111122223333:assumed-role/deploy/s1</Arn></AssumedRoleUser>` +
    `<Credentials>${fields}</Credentials>${extra}</AssumeRoleResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></AssumeRoleResponse>`
  );
}

const GOOD = { AccessKeyId: 'ASIAEXAMPLE123456789', SecretAccessKey: SECRET, SessionToken: TOKEN, Expiration: '2026-03-01T11:00:00Z' };

function thrown(run: () => unknown): StsError {
  try {
    run();
  } catch (error) {
    if (isStsError(error)) return error;
    throw error;
  }
  throw new Error('did not throw');
}

describe('reading results', () => {
  it('reads AssumeRole: frozen credentials with the account from the role ARN', () => {
    const result = assumeRoleResultFrom(readResult(xml(assumeRoleXml(GOOD, '<PackedPolicySize>6</PackedPolicySize>')), ASSUME), ASSUME, 'sts:assume-role', now);
    expect(result.assumedRoleUser).toEqual({ arn: 'arn:aws:sts::111122223333:assumed-role/deploy/s1', assumedRoleId: 'AROAEXAMPLE:s1' });
    expect(result.credentials.accountId).toBe('111122223333');
    expect(result.credentials.expiration?.toISOString()).toBe('2026-03-01T11:00:00.000Z');
    expect(Object.isFrozen(result.credentials)).toBe(true);
    expect(result.packedPolicySize).toBe(6);
    expect(result.requestId).toBe('req-1');
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('reads the JSON form, with Expiration in epoch seconds', () => {
    const body = {
      GetCallerIdentityResponse: { GetCallerIdentityResult: { Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/Alice', UserId: 'AIDAEXAMPLE' }, ResponseMetadata: { RequestId: 'json-id' } },
    };
    expect(callerIdentityFrom(readResult(json(body), WHO), WHO)).toEqual({ account: '123456789012', arn: 'arn:aws:iam::123456789012:user/Alice', userId: 'AIDAEXAMPLE', requestId: 'json-id' });
    const web = { action: 'AssumeRoleWithWebIdentity', url: 'x' };
    const result = webIdentityResultFrom(
      readResult(
        json({
          AssumeRoleWithWebIdentityResponse: {
            AssumeRoleWithWebIdentityResult: {
              Credentials: { AccessKeyId: 'ASIAEXAMPLE123456789', SecretAccessKey: SECRET, SessionToken: TOKEN, Expiration: NOW / 1000 + 900 },
              AssumedRoleUser: { Arn: 'arn:aws:sts::123456789012:assumed-role/web/s', AssumedRoleId: 'AROA:s' },
              SubjectFromWebIdentityToken: 'system:serviceaccount:a:b',
              Audience: 'sts.amazonaws.com',
              Provider: null,
              PackedPolicySize: null,
            },
          },
        }),
        web,
      ),
      web,
      now,
    );
    expect(result.credentials.expiration?.getTime()).toBe(NOW + 900_000);
    expect(result.credentials.accountId).toBe('123456789012');
    expect(result).toMatchObject({ subjectFromWebIdentityToken: 'system:serviceaccount:a:b', audience: 'sts.amazonaws.com', provider: undefined, packedPolicySize: undefined });
  });

  it('names each missing required field', () => {
    for (const field of ['AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration'] as const) {
      const error = thrown(() => assumeRoleResultFrom(readResult(xml(assumeRoleXml({ ...GOOD, [field]: undefined })), ASSUME), ASSUME, 'sts:assume-role', now));
      expect(error.code).toBe('ERR_STS_MALFORMED_RESPONSE');
      expect(error.message).toContain(`AssumeRoleResult.Credentials.${field} is missing`);
      expect(error.retryable).toBe(false);
    }
    const noArn = xml('<GetCallerIdentityResponse><GetCallerIdentityResult><UserId>u</UserId><Account>1</Account></GetCallerIdentityResult></GetCallerIdentityResponse>');
    expect(thrown(() => callerIdentityFrom(readResult(noArn, WHO), WHO)).message).toContain('GetCallerIdentityResult.Arn is missing');
  });

  it('refuses a bad Expiration, a repeated field, another action, an error document', () => {
    expect(thrown(() => assumeRoleResultFrom(readResult(xml(assumeRoleXml({ ...GOOD, Expiration: 'tomorrow' })), ASSUME), ASSUME, 's', now)).message).toContain('Credentials.Expiration is not a timestamp');
    expect(thrown(() => readResult(xml(assumeRoleXml(GOOD).replace('<Credentials>', '<Credentials><AccessKeyId>ASIAOTHER</AccessKeyId>')), ASSUME).get(['Credentials', 'AccessKeyId'])).message).toContain(
      '<AccessKeyId> appears twice',
    );
    expect(thrown(() => readResult(xml(assumeRoleXml(GOOD)), WHO)).message).toContain('the document element is <AssumeRoleResponse>, not <GetCallerIdentityResponse>');
    expect(thrown(() => readResult(xml('<ErrorResponse><Error><Code>X</Code></Error></ErrorResponse>'), WHO)).message).toContain('<ErrorResponse>');
    expect(thrown(() => readResult(json({ GetCallerIdentityResponse: { GetCallerIdentityResult: { Arn: ['x'] } } }), WHO).get(['Arn'])).message).toContain('Arn is an array');
  });

  it('tells truncated (retryable) from malformed, and never quotes the body', () => {
    const body = assumeRoleXml(GOOD);
    const cut = thrown(() => readResult(xml(body.slice(0, body.indexOf(TOKEN) + 10)), ASSUME));
    expect(cut).toMatchObject({ code: 'ERR_STS_MALFORMED_RESPONSE', retryable: true, requestId: 'hdr-id', status: 200 });
    expect(cut.message).toMatch(/is truncated: the document ends inside/);
    const html = thrown(() => readResult({ status: 200, headers: { 'content-type': 'text/html' }, body: `<html><body>Login to the portal ${SECRET}</body>` }, ASSUME));
    expect(html).toMatchObject({ code: 'ERR_STS_MALFORMED_RESPONSE', retryable: true });
    const garbage = thrown(() => readResult({ status: 200, headers: {}, body: `not xml ${TOKEN}` }, ASSUME));
    expect(garbage).toMatchObject({ code: 'ERR_STS_MALFORMED_RESPONSE', retryable: false });
    expect(garbage.message).toContain('AWS_ENDPOINT_URL_STS');
    const jsonCut = thrown(() => readResult({ status: 200, headers: { 'content-type': 'application/json' }, body: `{"AssumeRoleResponse":{"x":"${SECRET}` }, ASSUME));
    expect(jsonCut).toMatchObject({ retryable: true });
    const empty = thrown(() => readResult({ status: 200, headers: {}, body: ' ' }, ASSUME));
    expect(empty.message).toContain('the body is empty');
    for (const error of [cut, html, garbage, jsonCut]) {
      expect(error.message).not.toContain(SECRET);
      expect(error.message).not.toContain(TOKEN.slice(0, 20));
    }
  });

  it('applies the shared credential rules: whitespace and already-expired credentials', () => {
    const spaced = assumeRoleXml({ ...GOOD, SecretAccessKey: `${SECRET} ` });
    expect(() => assumeRoleResultFrom(readResult(xml(spaced), ASSUME), ASSUME, 'sts:assume-role', now)).toThrow(expect.objectContaining({ code: 'ERR_CREDENTIALS_INVALID' }));
    const expired = assumeRoleXml({ ...GOOD, Expiration: '2026-03-01T09:59:00Z' });
    let error: unknown;
    try {
      assumeRoleResultFrom(readResult(xml(expired), ASSUME), ASSUME, 'sts:assume-role', now);
    } catch (e) {
      error = e;
    }
    expect(isIamkitError(error, 'ERR_CREDENTIALS_EXPIRED')).toBe(true);
  });
});

describe('reading error documents', () => {
  it('reads STS XML, STS JSON, JSON-protocol, EC2-style and S3-style errors', () => {
    const cases: [{ headers: Record<string, string>; body: string }, object][] = [
      [
        { headers: {}, body: '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>no &amp; no</Message></Error><RequestId>r1</RequestId></ErrorResponse>' },
        { code: 'AccessDenied', message: 'no & no', type: 'Sender', requestId: 'r1' },
      ],
      [{ headers: { 'content-type': 'application/json' }, body: '{"Error":{"Code":"Throttling","Message":"Rate exceeded","Type":"Sender"},"RequestId":"r2"}' }, { code: 'Throttling', message: 'Rate exceeded', type: 'Sender', requestId: 'r2' }],
      [{ headers: { 'x-amzn-requestid': 'r3' }, body: '{"__type":"com.amazon.coral.service#InvalidSignatureException","message":"Signature expired"}' }, { code: 'InvalidSignatureException', message: 'Signature expired', requestId: 'r3' }],
      [{ headers: {}, body: '<Response><Errors><Error><Code>AuthFailure</Code><Message>m</Message></Error></Errors><RequestID>r4</RequestID></Response>' }, { code: 'AuthFailure', message: 'm', requestId: 'r4' }],
      [{ headers: {}, body: '<Error><Code>SignatureDoesNotMatch</Code><Message>m</Message><RequestId>r5</RequestId></Error>' }, { code: 'SignatureDoesNotMatch', requestId: 'r5' }],
    ];
    for (const [response, expected] of cases) expect(readErrorDocument(response)).toMatchObject(expected);
  });

  it('returns undefined for anything else', () => {
    for (const body of ['', '<html>502 Bad Gateway</html>', 'You have reached maximum request limit.', '{"ok":true}', '<ErrorResponse><Error>', '[1,2]']) {
      expect(readErrorDocument({ headers: {}, body })).toBeUndefined();
    }
  });
});
