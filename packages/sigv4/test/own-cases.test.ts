import { describe, expect, it } from 'vitest';
import { EMPTY_PAYLOAD_SHA256, presignRequest, sha256Hex, signRequest, UNSIGNED_PAYLOAD } from '../src/index.js';
import { oraclePresign, oracleSign } from './helpers/smithy-oracle.js';

// Cases the official suite does not cover (its README lists some of them).
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const base = { credentials, region: 'us-east-1', service: 'service', date: '2015-08-30T12:36:00Z' };
const oracleBase = { credentials, region: 'us-east-1', service: 'service', date: new Date('2015-08-30T12:36:00Z'), uriEscapePath: true, applyChecksum: false, expiresIn: 900 };
const line = (canonical: string, index: number) => canonical.split('\n')[index];

describe('query strings', () => {
  it('signs a key without a value as key= (and agrees with smithy given an empty value)', async () => {
    const signed = signRequest({ method: 'GET', url: 'https://example.amazonaws.com/?acl&b=1' }, base);
    expect(line(signed.canonicalRequest, 2)).toBe('acl=&b=1');
    const oracle = await oracleSign({ method: 'GET', host: 'example.amazonaws.com', path: '/', query: { acl: '', b: '1' }, headers: { host: 'example.amazonaws.com' }, body: undefined }, oracleBase);
    expect(signed.authorization).toBe(oracle.authorization);
    expect(signRequest({ method: 'GET', url: 'https://example.amazonaws.com/?acl=&b=1' }, base).signature).toBe(signed.signature);
  });

  it('sorts repeated keys by value, in byte order', async () => {
    const signed = signRequest({ method: 'GET', url: 'https://example.amazonaws.com/?a=2&b&a=10&a=1&a-b=0' }, base);
    expect(line(signed.canonicalRequest, 2)).toBe('a=1&a=10&a=2&a-b=0&b=');
    const oracle = await oracleSign(
      { method: 'GET', host: 'example.amazonaws.com', path: '/', query: { a: ['2', '10', '1'], b: '', 'a-b': '0' }, headers: { host: 'example.amazonaws.com' }, body: undefined },
      oracleBase,
    );
    expect(signed.authorization).toBe(oracle.authorization);
  });

  it('reads + as a space and %2B as a plus; re-encodes lower-case escapes and reserved characters', () => {
    const plus = signRequest({ method: 'GET', url: 'https://example.amazonaws.com/?q=a+b&r=%2b&s=%e1%88%b4&t=(*)' }, base);
    expect(line(plus.canonicalRequest, 2)).toBe('q=a%20b&r=%2B&s=%E1%88%B4&t=%28%2A%29');
    expect(signRequest({ method: 'GET', url: 'https://example.amazonaws.com/?q=a%20b&r=%2B&s=%E1%88%B4&t=%28%2A%29' }, base).signature).toBe(plus.signature);
  });

  it('skips empty parts, keeps an empty key, and keeps invalid UTF-8 escapes byte for byte', () => {
    const signed = signRequest({ method: 'GET', url: 'https://example.amazonaws.com/?&&=v&k=%FF%zz&' }, base);
    expect(line(signed.canonicalRequest, 2)).toBe('=v&k=%FF%25zz');
  });

  it('never signs X-Amz-Signature and ignores the fragment', () => {
    const signed = signRequest({ method: 'GET', url: 'https://example.amazonaws.com/p?x-amz-signature=abc&a=1#frag?b=2' }, base);
    expect(line(signed.canonicalRequest, 2)).toBe('a=1');
    expect(line(signed.canonicalRequest, 1)).toBe('/p');
  });
});

describe('paths', () => {
  const tricky = 'https://bucket.s3.amazonaws.com/my bucket/a%20b/../c+d/%2Fkey';

  it('S3 style: no normalisation, each segment decoded then encoded once', () => {
    const s3 = signRequest({ method: 'GET', url: tricky }, { ...base, normalizePath: false, doubleEncodePath: false });
    expect(line(s3.canonicalRequest, 1)).toBe('/my%20bucket/a%20b/../c%2Bd/%2Fkey');
  });

  it('default style: normalised, then the path as given is encoded again', () => {
    const signed = signRequest({ method: 'GET', url: tricky }, base);
    expect(line(signed.canonicalRequest, 1)).toBe('/my%20bucket/c%2Bd/%252Fkey');
  });

  it('the two knobs are independent', () => {
    const normalisedOnce = signRequest({ method: 'GET', url: tricky }, { ...base, doubleEncodePath: false });
    expect(line(normalisedOnce.canonicalRequest, 1)).toBe('/my%20bucket/c%2Bd/%2Fkey');
    const doubleRaw = signRequest({ method: 'GET', url: tricky }, { ...base, normalizePath: false });
    expect(line(doubleRaw.canonicalRequest, 1)).toBe('/my%20bucket/a%2520b/../c%2Bd/%252Fkey');
  });

  it('a URL object is signed as its (already encoded) pathname goes on the wire', () => {
    const url = new URL('https://bucket.s3.amazonaws.com/a b/ሴ');
    expect(line(signRequest({ method: 'GET', url }, { ...base, normalizePath: false, doubleEncodePath: false }).canonicalRequest, 1)).toBe('/a%20b/%E1%88%B4');
    expect(line(signRequest({ method: 'GET', url }, base).canonicalRequest, 1)).toBe('/a%2520b/%25E1%2588%25B4');
  });

  it('an authority without a path signs as /', () => {
    expect(line(signRequest({ method: 'GET', url: 'https://example.amazonaws.com?x=1' }, base).canonicalRequest, 1)).toBe('/');
  });
});

describe('bodies and payload hashes', () => {
  const bytes = Uint8Array.from([0, 1, 2, 250, 255, 10, 13]);

  it('hashes a bytes body exactly, whatever view holds it', async () => {
    const expected = sha256Hex(bytes);
    for (const body of [bytes, Buffer.from(bytes), bytes.buffer, new DataView(bytes.buffer), new Uint8Array([9, ...bytes]).subarray(1)]) {
      expect(signRequest({ method: 'PUT', url: 'https://example.amazonaws.com/o', body }, base).payloadHash).toBe(expected);
    }
    const signed = signRequest({ method: 'PUT', url: 'https://example.amazonaws.com/o', body: bytes }, base);
    const oracle = await oracleSign({ method: 'PUT', host: 'example.amazonaws.com', path: '/o', query: {}, headers: { host: 'example.amazonaws.com' }, body: bytes }, oracleBase);
    expect(signed.authorization).toBe(oracle.authorization);
  });

  it('hashes a string body as UTF-8, and no body as the empty string', () => {
    expect(signRequest({ method: 'POST', url: 'https://example.amazonaws.com/', body: 'ሴ' }, base).payloadHash).toBe(sha256Hex(Buffer.from('ሴ', 'utf8')));
    expect(signRequest({ method: 'GET', url: 'https://example.amazonaws.com/' }, base).payloadHash).toBe(EMPTY_PAYLOAD_SHA256);
  });

  it('UNSIGNED-PAYLOAD: the last line, and the signed x-amz-content-sha256 header with signPayloadHashHeader', () => {
    const signed = signRequest({ method: 'PUT', url: 'https://example.amazonaws.com/o', body: 'data' }, { ...base, payloadHash: UNSIGNED_PAYLOAD, signPayloadHashHeader: true });
    expect(signed.canonicalRequest.endsWith('\nUNSIGNED-PAYLOAD')).toBe(true);
    expect(signed.canonicalRequest).toContain('\nx-amz-content-sha256:UNSIGNED-PAYLOAD\n');
    expect(signed.signedHeaders).toBe('host;x-amz-content-sha256;x-amz-date');
    expect(signed.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
  });

  it('takes the payload hash from an x-amz-content-sha256 header the caller set', () => {
    const signed = signRequest({ method: 'PUT', url: 'https://example.amazonaws.com/o', headers: { 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' }, body: 'ignored' }, base);
    expect(signed.payloadHash).toBe('UNSIGNED-PAYLOAD');
    expect(signed.signedHeaders).toBe('host;x-amz-content-sha256;x-amz-date');
  });
});

describe('headers', () => {
  it('keeps unicode in header values and hashes the canonical request as UTF-8', async () => {
    const headers = { host: 'example.amazonaws.com', 'x-name': '  Zoë   中文 😀 ' };
    const signed = signRequest({ method: 'GET', url: 'https://example.amazonaws.com/', headers }, base);
    expect(signed.canonicalRequest).toContain('\nx-name:Zoë 中文 😀\n');
    expect(signed.stringToSign.split('\n')[3]).toBe(sha256Hex(Buffer.from(signed.canonicalRequest, 'utf8')));
    const oracle = await oracleSign({ method: 'GET', host: 'example.amazonaws.com', path: '/', query: {}, headers, body: undefined }, oracleBase);
    expect(signed.authorization).toBe(oracle.authorization);
  });

  it('signs the same request given as an object, as [name, value] pairs and as Headers', () => {
    const object = signRequest({ method: 'GET', url: 'https://example.amazonaws.com/', headers: { 'My-Header': 'a', Other: '1' } }, base);
    const pairs = signRequest({ method: 'GET', url: 'https://example.amazonaws.com/', headers: [['My-Header', 'a'], ['Other', '1']] }, base);
    const whatwg = signRequest({ method: 'GET', url: 'https://example.amazonaws.com/', headers: new Headers({ 'My-Header': 'a', Other: '1' }) }, base);
    const map = signRequest({ method: 'GET', url: 'https://example.amazonaws.com/', headers: new Map([['my-header', 'a'], ['other', '1']]) }, base);
    expect(pairs.signature).toBe(object.signature);
    expect(whatwg.signature).toBe(object.signature);
    expect(map.signature).toBe(object.signature);
  });

  it('joins repeated names with "," (pairs, arrays), while Headers has already joined them with ", "', () => {
    const pairs = signRequest({ method: 'GET', url: 'https://example.amazonaws.com/', headers: [['x-a', ' 2 '], ['X-A', '1']] }, base);
    expect(pairs.canonicalRequest).toContain('\nx-a:2,1\n');
    expect(pairs.headers['x-a']).toBe('2,1');
    const array = signRequest({ method: 'GET', url: 'https://example.amazonaws.com/', headers: { 'x-a': ['2', '1'] } }, base);
    expect(array.signature).toBe(pairs.signature);
    const whatwg = new Headers();
    whatwg.append('x-a', '2');
    whatwg.append('x-a', '1');
    expect(signRequest({ method: 'GET', url: 'https://example.amazonaws.com/', headers: whatwg }, base).canonicalRequest).toContain('\nx-a:2, 1\n');
  });

  it('adds host from the URL: default port dropped, other ports kept, lower case and punycode', () => {
    const host = (url: string) => signRequest({ method: 'GET', url }, base).headers.host;
    expect(host('https://example.amazonaws.com:443/')).toBe('example.amazonaws.com');
    expect(host('http://example.amazonaws.com:80/')).toBe('example.amazonaws.com');
    expect(host('https://127.0.0.1:8443/')).toBe('127.0.0.1:8443');
    expect(host('https://user:pw@Example.AmazonAWS.com/')).toBe('example.amazonaws.com');
    expect(host('https://bücher.example/')).toBe('xn--bcher-kva.example');
    expect(host('https://[::1]:9000/')).toBe('[::1]:9000');
    expect(signRequest({ method: 'GET', url: new URL('https://EXAMPLE.com:443/x') }, base).headers.host).toBe('example.com');
  });

  it('keeps the caller\'s Host header, and replaces authorization and x-amz-date', () => {
    const signed = signRequest(
      { method: 'GET', url: 'https://127.0.0.1:9000/', headers: { Host: 'sts.amazonaws.com', Authorization: 'stale', 'X-Amz-Date': '20000101T000000Z' } },
      base,
    );
    expect(signed.canonicalRequest).toContain('\nhost:sts.amazonaws.com\nx-amz-date:20150830T123600Z\n');
    expect(Object.keys(signed.headers).sort()).toEqual(['Host', 'authorization', 'x-amz-date']);
  });

  it('never signs the default unsignable headers unless signableHeaders says so', () => {
    const headers = { 'User-Agent': 'ua', 'X-Amzn-Trace-Id': 't', 'Proxy-Foo': 'p', 'Sec-Fetch-Mode': 'cors', Expect: '100-continue', 'X-Custom': 'c' };
    const signed = signRequest({ method: 'GET', url: 'https://example.amazonaws.com/', headers }, base);
    expect(signed.signedHeaders).toBe('host;x-amz-date;x-custom');
    expect(signed.headers['User-Agent']).toBe('ua');
    const forced = signRequest({ method: 'GET', url: 'https://example.amazonaws.com/', headers }, { ...base, signableHeaders: ['user-agent'], unsignableHeaders: ['x-custom'] });
    expect(forced.signedHeaders).toBe('host;user-agent;x-amz-date');
  });

  it('accepts obsolete line folding as whitespace, and sends the value unfolded', () => {
    const signed = signRequest({ method: 'GET', url: 'https://example.amazonaws.com/', headers: { 'x-a': 'one\r\n two\n\tthree', 'x-b': ' keep  as  is ' } }, base);
    expect(signed.canonicalRequest).toContain('\nx-a:one two three\n');
    expect(signed.headers['x-a']).toBe('one two three');
    expect(signed.headers['x-b']).toBe(' keep  as  is ');
    // fetch's Headers refuses CR/LF; the unfolded headers go through.
    expect(() => new Headers(signed.headers)).not.toThrow();
  });
});

describe('presigned URLs', () => {
  const token = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ+token/with+special==';

  it('puts the session token in the query, signed and encoded', async () => {
    const presigned = presignRequest({ method: 'GET', url: 'https://example.amazonaws.com/o' }, { ...base, credentials: { ...credentials, sessionToken: token } });
    const params = new URL(presigned.url).searchParams;
    expect(params.get('X-Amz-Security-Token')).toBe(token);
    expect(presigned.url).toContain(`X-Amz-Security-Token=${encodeURIComponent(token)}`);
    expect(line(presigned.canonicalRequest, 2)).toContain(`X-Amz-Security-Token=${encodeURIComponent(token)}`);
    const oracle = await oraclePresign(
      { method: 'GET', host: 'example.amazonaws.com', path: '/o', query: {}, headers: { host: 'example.amazonaws.com' }, body: undefined },
      { ...oracleBase, credentials: { ...credentials, sessionToken: token } },
    );
    expect(presigned.signature).toBe(oracle.query['X-Amz-Signature']);
  });

  it('omitSessionTokenFromSignature: token in the URL, not in the canonical query', () => {
    const presigned = presignRequest({ method: 'GET', url: 'https://example.amazonaws.com/o' }, { ...base, credentials: { ...credentials, sessionToken: token }, omitSessionTokenFromSignature: true });
    expect(new URL(presigned.url).searchParams.get('X-Amz-Security-Token')).toBe(token);
    expect(presigned.canonicalRequest).not.toContain('X-Amz-Security-Token');
  });

  it('moves x-amz-* headers into the query unless unhoistable; signs the rest as headers', () => {
    const request = { method: 'PUT', url: 'https://example.amazonaws.com/o', headers: { 'X-Amz-Meta-A': 'v 1', 'x-amz-acl': 'private', 'Content-Type': 'text/plain' } };
    const presigned = presignRequest(request, { ...base, unhoistableHeaders: ['x-amz-acl'] });
    const params = new URL(presigned.url).searchParams;
    expect(params.get('X-Amz-Meta-A')).toBe('v 1');
    expect(params.get('x-amz-acl')).toBeNull();
    expect(presigned.signedHeaders).toBe('content-type;host;x-amz-acl');
    expect(Object.keys(presigned.headers).sort()).toEqual(['Content-Type', 'host', 'x-amz-acl']);
  });

  it('presigning a presigned URL replaces the old signature parameters', () => {
    const first = presignRequest({ method: 'GET', url: 'https://example.amazonaws.com/o?keep=1' }, base);
    const second = presignRequest({ method: 'GET', url: first.url }, { ...base, date: '2015-08-30T13:00:00Z' });
    const params = new URL(second.url).searchParams;
    expect(params.getAll('X-Amz-Signature')).toEqual([second.signature]);
    expect(params.getAll('X-Amz-Date')).toEqual(['20150830T130000Z']);
    expect(params.get('keep')).toBe('1');
    expect(presignRequest({ method: 'GET', url: 'https://example.amazonaws.com/o?keep=1' }, { ...base, date: '2015-08-30T13:00:00Z' }).signature).toBe(second.signature);
  });

  it('defaults to 900 s and keeps the fragment after the query', () => {
    const presigned = presignRequest({ method: 'GET', url: 'https://example.amazonaws.com/o#part' }, base);
    expect(presigned.expiresIn).toBe(900);
    expect(presigned.url.endsWith(`X-Amz-Signature=${presigned.signature}#part`)).toBe(true);
  });
});

// Signatures and canonical-request hashes as printed in the S3 API reference ("Signature
// Calculations for the Authorization Header" and "... Query Parameters"), cross-checked against
// independent copies of those pages.
describe('AWS S3 documentation examples (AKIAIOSFODNN7EXAMPLE, 2013-05-24)', () => {
  const s3 = {
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    region: 'us-east-1',
    service: 's3',
    date: '2013-05-24T00:00:00Z',
    normalizePath: false,
    doubleEncodePath: false,
    signPayloadHashHeader: true,
  };
  const url = 'https://examplebucket.s3.amazonaws.com';

  const requestHash = (stringToSign: string): string | undefined => stringToSign.split('\n')[3];

  it('GET object with Range', () => {
    const signed = signRequest({ method: 'GET', url: `${url}/test.txt`, headers: { Range: 'bytes=0-9' } }, s3);
    expect(requestHash(signed.stringToSign)).toBe('7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972');
    expect(signed.signature).toBe('f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
  });

  it('PUT object with a Date header and a storage class (the Date header is signed)', () => {
    const signed = signRequest(
      { method: 'PUT', url: `${url}/test$file.text`, headers: { Date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY' }, body: 'Welcome to Amazon S3.' },
      s3,
    );
    expect(line(signed.canonicalRequest, 1)).toBe('/test%24file.text');
    expect(requestHash(signed.stringToSign)).toBe('9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d');
    expect(signed.signature).toBe('98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd');
  });

  it('GET bucket lifecycle (a key without a value) and list objects', () => {
    const lifecycle = signRequest({ method: 'GET', url: `${url}/?lifecycle` }, s3);
    expect(line(lifecycle.canonicalRequest, 2)).toBe('lifecycle=');
    expect(requestHash(lifecycle.stringToSign)).toBe('9766c798316ff2757b517bc739a67f6213b4ab36dd5da2f94eaebf79c77395ca');
    expect(lifecycle.signature).toBe('fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543');
    const list = signRequest({ method: 'GET', url: `${url}/?max-keys=2&prefix=J` }, s3);
    expect(requestHash(list.stringToSign)).toBe('df57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7');
    expect(list.signature).toBe('34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7');
  });

  it('presigned GET, UNSIGNED-PAYLOAD, 86400 s', () => {
    const presigned = presignRequest({ method: 'GET', url: `${url}/test.txt` }, { ...s3, payloadHash: UNSIGNED_PAYLOAD, expiresIn: 86_400 });
    expect(requestHash(presigned.stringToSign)).toBe('3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04');
    expect(presigned.signature).toBe('aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404');
  });
});
