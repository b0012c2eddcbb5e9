import { describe, expect, it } from 'vitest';
import {
  deriveSigningKey,
  hmacSha256,
  parseAuthorizationHeader,
  presignRequest,
  sha256Hex,
  signRequest,
  SigV4Error,
  verifySignature,
  type SignatureVerification,
  type SigV4ErrorCode,
} from '../src/index.js';
import { oraclePresign, oracleSign } from './helpers/smithy-oracle.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const T0 = Date.parse('2015-08-30T12:36:00Z');
const options = { credentials, region: 'us-east-1', service: 'sts', date: T0 };
const request = { method: 'POST', url: 'https://sts.amazonaws.com/?x=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'Action=GetCallerIdentity&Version=2011-06-15' };
const header = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7';

function failure(result: SignatureVerification): SigV4ErrorCode | undefined {
  return result.valid ? undefined : result.error.code;
}

function received(signed: { headers: Readonly<Record<string, string>> }, overrides: Partial<typeof request> = {}) {
  const headers: Record<string, string> = { ...signed.headers };
  return { ...request, ...overrides, headers };
}

describe('parseAuthorizationHeader', () => {
  it('parses the AWS documentation example', () => {
    expect(parseAuthorizationHeader(header)).toEqual({
      algorithm: 'AWS4-HMAC-SHA256',
      accessKeyId: 'AKIDEXAMPLE',
      dateStamp: '20150830',
      region: 'us-east-1',
      service: 'iam',
      credentialScope: '20150830/us-east-1/iam/aws4_request',
      signedHeaders: ['content-type', 'host', 'x-amz-date'],
      signature: '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    });
  });

  it('accepts components in any order, with or without spaces after commas', () => {
    const reordered = 'AWS4-HMAC-SHA256 Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7,SignedHeaders=host,  Credential=AKID/20150830/us-east-1/iam/aws4_request ';
    expect(parseAuthorizationHeader(reordered).signedHeaders).toEqual(['host']);
  });

  it.each([
    ['the header name repeated', `Authorization: ${header}`, /repeats the header name/],
    ['AWS instead of AWS4', header.replace('AWS4-HMAC-SHA256', 'AWS-HMAC-SHA256'), /AWS4, not AWS/],
    ['SigV4a', header.replace('AWS4-HMAC-SHA256', 'AWS4-ECDSA-P256-SHA256'), /only AWS4-HMAC-SHA256/],
    ['only the algorithm', 'AWS4-HMAC-SHA256', /no Credential/],
    ['no Credential', header.replace(/Credential=[^,]+, /, ''), /missing Credential/],
    ['no SignedHeaders', header.replace(/SignedHeaders=[^,]+, /, ''), /missing SignedHeaders/],
    ['no Signature', header.replace(/, Signature=.*/, ''), /missing Signature/],
    ['a repeated component', `${header}, Signature=${'a'.repeat(64)}`, /Signature= twice/],
    ['an unknown component', `${header}, Foo=bar`, /unknown component/],
    ['a short scope', header.replace('/iam/aws4_request', '/aws4_request'), /Credential must be/],
    ['a bad scope date', header.replace('20150830', '2015083'), /YYYYMMDD/],
    ['a bad terminator', header.replace('aws4_request', 'aws4_requests'), /aws4_request/],
    ['a bad region', header.replace('us-east-1', 'us east'), /region/],
    ['upper-case signed headers', header.replace('content-type', 'Content-Type'), /lower-case/],
    ['an empty signed header', header.replace('content-type;', ';'), /lower-case/],
    ['a repeated signed header', header.replace('content-type;host', 'host;host'), /twice/],
    ['an upper-case signature', header.replace('5d672d79', '5D672D79'), /64 lower-case hex/],
    ['a short signature', header.slice(0, -1), /64 lower-case hex/],
  ])('rejects %s with a clear reason', (_name, value, reason) => {
    let error: unknown;
    try {
      parseAuthorizationHeader(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SigV4Error);
    expect((error as SigV4Error).code).toBe('ERR_SIGV4_INVALID_AUTHORIZATION');
    expect((error as SigV4Error).message).toMatch(reason);
    expect((error as SigV4Error).message).not.toContain('5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7');
  });

  it('rejects a non-string', () => {
    expect(() => parseAuthorizationHeader(undefined as never)).toThrow(expect.objectContaining({ code: 'ERR_SIGV4_INVALID_AUTHORIZATION' }));
  });
});

describe('verifySignature, header mode', () => {
  const signed = signRequest(request, options);

  it('accepts the request as signed, and says who signed it', () => {
    const result = verifySignature(received(signed), { credentials, now: T0, region: 'us-east-1', service: 'sts' });
    expect(result).toMatchObject({ valid: true, mode: 'header', accessKeyId: 'AKIDEXAMPLE', region: 'us-east-1', service: 'sts', signature: signed.signature });
    expect(result.valid && result.canonicalRequest).toBe(signed.canonicalRequest);
  });

  it('looks secrets up with secretFor', () => {
    const lookups: string[] = [];
    const secretFor = (id: string) => {
      lookups.push(id);
      return id === 'AKIDEXAMPLE' ? credentials.secretAccessKey : undefined;
    };
    expect(verifySignature(received(signed), { secretFor, now: T0 }).valid).toBe(true);
    expect(lookups).toEqual(['AKIDEXAMPLE']);
    const stranger = signRequest(request, { ...options, credentials: { accessKeyId: 'AKIDSTRANGER', secretAccessKey: 'x' } });
    expect(failure(verifySignature(received(stranger), { secretFor, now: T0 }))).toBe('ERR_SIGV4_UNKNOWN_ACCESS_KEY');
  });

  it.each([
    ['a changed body', { body: 'Action=AssumeRole' }],
    ['a changed query', { url: 'https://sts.amazonaws.com/?x=2' }],
    ['a changed method', { method: 'PUT' }],
  ])('rejects %s', (_name, change) => {
    const result = verifySignature(received(signed, change), { credentials, now: T0 });
    expect(failure(result)).toBe('ERR_SIGV4_SIGNATURE_MISMATCH');
    expect(result.valid ? undefined : result.canonicalRequest).toBeDefined();
  });

  it('rejects a changed signed header, accepts an added unsigned one', () => {
    expect(failure(verifySignature(received(signed), { credentials, now: T0 }))).toBeUndefined();
    const changed = received(signed);
    changed.headers['Content-Type'] = 'text/plain';
    expect(failure(verifySignature(changed, { credentials, now: T0 }))).toBe('ERR_SIGV4_SIGNATURE_MISMATCH');
    const added = received(signed);
    added.headers['user-agent'] = 'curl';
    expect(verifySignature(added, { credentials, now: T0 }).valid).toBe(true);
  });

  it('needs every signed header present, and host signed', () => {
    const missing = received(signed);
    delete missing.headers['Content-Type'];
    expect(failure(verifySignature(missing, { credentials, now: T0 }))).toBe('ERR_SIGV4_MISSING_SIGNED_HEADER');
    const noHost = signRequest(request, { ...options, unsignableHeaders: ['host'] });
    expect(failure(verifySignature(received(noHost), { credentials, now: T0 }))).toBe('ERR_SIGV4_MISSING_SIGNED_HEADER');
    expect(verifySignature(received(noHost), { credentials, now: T0, requiredSignedHeaders: [] }).valid).toBe(true);
  });

  it('checks the clock: 15 minutes either way by default', () => {
    const minute = 60_000;
    expect(verifySignature(received(signed), { credentials, now: T0 + 14 * minute }).valid).toBe(true);
    expect(verifySignature(received(signed), { credentials, now: T0 - 14 * minute }).valid).toBe(true);
    expect(failure(verifySignature(received(signed), { credentials, now: T0 + 16 * minute }))).toBe('ERR_SIGV4_REQUEST_TIME_SKEWED');
    expect(failure(verifySignature(received(signed), { credentials, now: T0 - 16 * minute }))).toBe('ERR_SIGV4_REQUEST_TIME_SKEWED');
    expect(verifySignature(received(signed), { credentials, now: T0 + 16 * minute, maxSkewSeconds: 3600 }).valid).toBe(true);
  });

  it('checks the scope against the expected region and service, and against the request day', () => {
    expect(failure(verifySignature(received(signed), { credentials, now: T0, region: 'eu-west-1' }))).toBe('ERR_SIGV4_SCOPE_MISMATCH');
    expect(failure(verifySignature(received(signed), { credentials, now: T0, service: 's3' }))).toBe('ERR_SIGV4_SCOPE_MISMATCH');
    const otherDay = received(signed);
    otherDay.headers['x-amz-date'] = '20150831T000000Z';
    expect(failure(verifySignature(otherDay, { credentials, now: Date.parse('2015-08-31T00:00:00Z') }))).toBe('ERR_SIGV4_SCOPE_MISMATCH');
  });

  it('reports malformed requests as failures, not exceptions', () => {
    expect(failure(verifySignature({ ...request, headers: {} }, { credentials, now: T0 }))).toBe('ERR_SIGV4_MISSING_AUTHORIZATION');
    expect(failure(verifySignature({ ...request, headers: { authorization: 'Bearer x' } }, { credentials, now: T0 }))).toBe('ERR_SIGV4_INVALID_AUTHORIZATION');
    const injected = received(signed);
    injected.headers['x-evil'] = 'a\r\nb';
    expect(failure(verifySignature(injected, { credentials, now: T0 }))).toBe('ERR_SIGV4_INVALID_HEADER');
    const noDate = received(signed);
    delete noDate.headers['x-amz-date'];
    expect(failure(verifySignature(noDate, { credentials, now: T0 }))).toBe('ERR_SIGV4_INVALID_DATE');
    expect(failure(verifySignature({ ...received(signed), url: 'not a url' }, { credentials, now: T0 }))).toBe('ERR_SIGV4_INVALID_URL');
  });

  it('accepts a request dated by a Date header instead of x-amz-date', () => {
    // Built from the building blocks: SigV4 allows Date when X-Amz-Date is absent.
    const date = 'Sun, 30 Aug 2015 12:36:00 GMT';
    const canonical = `GET\n/\n\ndate:${date}\nhost:sts.amazonaws.com\n\ndate;host\n${sha256Hex('')}`;
    const stringToSign = `AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/sts/aws4_request\n${sha256Hex(canonical)}`;
    const signature = hmacSha256(deriveSigningKey(credentials.secretAccessKey, '20150830', 'us-east-1', 'sts'), stringToSign).toString('hex');
    const authorization = `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, SignedHeaders=date;host, Signature=${signature}`;
    const result = verifySignature({ method: 'GET', url: 'https://sts.amazonaws.com/', headers: { Date: date, Host: 'sts.amazonaws.com', Authorization: authorization } }, { credentials, now: T0 });
    expect(result.valid).toBe(true);
    expect(result.valid && result.canonicalRequest).toBe(canonical);
  });

  it('throws only for bad options', () => {
    expect(() => verifySignature(request, {})).toThrow(expect.objectContaining({ code: 'ERR_SIGV4_INVALID_OPTIONS' }));
    expect(() => verifySignature(request, { credentials, maxSkewSeconds: -1 })).toThrow(expect.objectContaining({ code: 'ERR_SIGV4_INVALID_OPTIONS' }));
    expect(() => verifySignature(request, { credentials, region: 'bad region' })).toThrow(expect.objectContaining({ code: 'ERR_SIGV4_INVALID_REGION' }));
  });
});

describe('verifySignature, presigned URLs', () => {
  const presigned = presignRequest({ method: 'GET', url: 'https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15' }, { ...options, expiresIn: 60 });

  it('accepts a valid presigned URL within its lifetime', () => {
    const result = verifySignature({ method: 'GET', url: presigned.url, headers: presigned.headers }, { credentials, now: T0 + 59_000 });
    expect(result).toMatchObject({ valid: true, mode: 'query', service: 'sts' });
  });

  it('rejects it after X-Amz-Expires, or when a parameter changed', () => {
    expect(failure(verifySignature({ method: 'GET', url: presigned.url, headers: presigned.headers }, { credentials, now: T0 + 61_000 }))).toBe('ERR_SIGV4_PRESIGN_EXPIRED');
    const changed = presigned.url.replace('Action=GetCallerIdentity', 'Action=AssumeRole');
    expect(failure(verifySignature({ method: 'GET', url: changed, headers: presigned.headers }, { credentials, now: T0 }))).toBe('ERR_SIGV4_SIGNATURE_MISMATCH');
    const longer = presigned.url.replace('X-Amz-Expires=60', 'X-Amz-Expires=3600');
    expect(failure(verifySignature({ method: 'GET', url: longer, headers: presigned.headers }, { credentials, now: T0 }))).toBe('ERR_SIGV4_SIGNATURE_MISMATCH');
  });

  it.each([
    ['no credential', (u: string) => u.replace(/X-Amz-Credential=[^&]+&/, '')],
    ['another algorithm', (u: string) => u.replace('X-Amz-Algorithm=AWS4-HMAC-SHA256', 'X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256')],
    ['a bad expiry', (u: string) => u.replace('X-Amz-Expires=60', 'X-Amz-Expires=604801')],
    ['a repeated signature', (u: string) => `${u}&X-Amz-Signature=${'0'.repeat(64)}`],
    ['invalid percent-encoding', (u: string) => u.replace('X-Amz-Credential=', 'X-Amz-Credential=%FF')],
  ])('rejects a presigned URL with %s as malformed', (_name, edit) => {
    expect(failure(verifySignature({ method: 'GET', url: edit(presigned.url), headers: presigned.headers }, { credentials, now: T0 }))).toBe('ERR_SIGV4_INVALID_AUTHORIZATION');
  });
});

describe('verifySignature accepts what @smithy/signature-v4 signs', () => {
  const oracleRequest = {
    method: 'POST',
    host: 'sts.amazonaws.com',
    path: '/a%20b/',
    query: { q: ['2', '1'], e: '' },
    headers: { host: 'sts.amazonaws.com', 'content-type': 'application/json', 'x-amz-meta-n': ' v ' },
    body: '{"a":1}',
  };
  const oracleOptions = { credentials, region: 'us-east-1', service: 'sts', date: new Date(T0), uriEscapePath: true, applyChecksum: true, expiresIn: 300 };

  it('in header mode', async () => {
    const { headers } = await oracleSign(oracleRequest, oracleOptions);
    const result = verifySignature({ method: 'POST', url: 'https://sts.amazonaws.com/a%20b/?q=2&q=1&e=', headers, body: oracleRequest.body }, { credentials, now: T0 });
    expect(result.valid).toBe(true);
  });

  it('in presign mode', async () => {
    const { query } = await oraclePresign(oracleRequest, oracleOptions);
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) for (const v of [value ?? ''].flat()) search.append(key, v);
    const url = `https://sts.amazonaws.com/a%20b/?${search.toString().replace(/\+/g, '%20')}`;
    const result = verifySignature({ method: 'POST', url, headers: { host: 'sts.amazonaws.com', 'content-type': 'application/json' }, body: oracleRequest.body }, { credentials, now: T0 });
    expect(result.valid, result.valid ? '' : `${result.error.message}\n${result.canonicalRequest ?? ''}`).toBe(true);
  });
});
