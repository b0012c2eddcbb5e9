import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HmacPads } from '../src/hmac-pads.js';
import { DEFAULT_UNSIGNABLE_HEADERS, deriveSigningKey, EMPTY_PAYLOAD_SHA256, formatAmzDate, hmacSha256, sha256Hex, uriEncode } from '../src/index.js';
import { parseRawRequest } from './helpers/raw-http.js';

describe('deriveSigningKey', () => {
  it('matches the AWS documentation example (iam, us-east-1, 20150830)', () => {
    const key = deriveSigningKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20150830', 'us-east-1', 'iam');
    expect(key.toString('hex')).toBe('c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9');
  });

  it('is the HMAC chain over date, region, service and aws4_request', () => {
    const chain = ['20251215', 'eu-west-1', 'sts', 'aws4_request'].reduce<Buffer | string>((key, part) => hmacSha256(key, part), 'AWS4secret');
    expect(deriveSigningKey('secret', '20251215', 'eu-west-1', 'sts').equals(chain as Buffer)).toBe(true);
  });

  it('refuses an empty secret without echoing anything', () => {
    expect(() => deriveSigningKey('', '20150830', 'us-east-1', 'iam')).toThrow(expect.objectContaining({ code: 'ERR_SIGV4_INVALID_CREDENTIALS' }));
  });
});

describe('HmacPads (RFC 2104 HMAC from two one-shot SHA-256)', () => {
  it('equals createHmac for random keys and ASCII messages of changing lengths', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 64 }), fc.array(fc.string({ unit: 'binary-ascii', maxLength: 300 }), { minLength: 1, maxLength: 4 }), (key, messages) => {
        const pads = new HmacPads(key);
        for (const message of messages) expect(pads.hex(message)).toBe(createHmac('sha256', key).update(message, 'latin1').digest('hex'));
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  it('refuses keys longer than the block size', () => {
    expect(() => new HmacPads(randomBytes(65))).toThrow(RangeError);
  });
});

describe('formatAmzDate', () => {
  it('formats the SigV4 date and day', () => {
    expect(formatAmzDate('2015-08-30T12:36:00Z')).toEqual({ amzDate: '20150830T123600Z', dateStamp: '20150830' });
    expect(formatAmzDate(0)).toEqual({ amzDate: '19700101T000000Z', dateStamp: '19700101' });
    expect(formatAmzDate(new Date('9999-12-31T23:59:59.999Z'))).toEqual({ amzDate: '99991231T235959Z', dateStamp: '99991231' });
    expect(formatAmzDate('20240229T235959Z').amzDate).toBe('20240229T235959Z');
  });

  it('round-trips any instant through the compact form (to the second)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (ms) => {
        const { amzDate } = formatAmzDate(ms);
        expect(formatAmzDate(amzDate).amzDate).toBe(amzDate);
        expect(Date.parse(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`)).toBe(Math.floor(ms / 1000) * 1000);
      }),
      { seed: 11, numRuns: 500 },
    );
  });
});

describe('sha256Hex', () => {
  it('hashes strings as UTF-8 and bytes as they are', () => {
    expect(sha256Hex('')).toBe(EMPTY_PAYLOAD_SHA256);
    expect(sha256Hex('Action=GetCallerIdentity&Version=2011-06-15')).toBe('ab821ae955788b0e33ebd34c208442ccfc2d406e2edc5e7a39bd6458fbb4f843');
    expect(sha256Hex('ሴ')).toBe(sha256Hex(Uint8Array.from([0xe1, 0x88, 0xb4])));
  });
});

describe('uriEncode', () => {
  it('leaves only the unreserved set alone', () => {
    expect(uriEncode('-._~AZaz09')).toBe('-._~AZaz09');
    expect(uriEncode(" !\"#$%&'()*+,/:;<=>?@[\\]^`{|}")).toBe('%20%21%22%23%24%25%26%27%28%29%2A%2B%2C%2F%3A%3B%3C%3D%3E%3F%40%5B%5C%5D%5E%60%7B%7C%7D');
    expect(uriEncode('/a b/', false)).toBe('/a%20b/');
  });

  it('encodes UTF-8, and a lone surrogate as U+FFFD (as Buffer does)', () => {
    expect(uriEncode('ሴ😀é')).toBe('%E1%88%B4%F0%9F%98%80%C3%A9');
    expect(uriEncode('a\uD800b')).toBe('a%EF%BF%BDb');
  });

  it('agrees with encodeURIComponent plus !\'()* for every well-formed string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (value) => {
        const reference = encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
        expect(uriEncode(value)).toBe(reference);
      }),
      { seed: 3, numRuns: 1000 },
    );
  });
});

describe('module state', () => {
  it('exports only frozen constants', () => {
    expect(Object.isFrozen(DEFAULT_UNSIGNABLE_HEADERS)).toBe(true);
    expect(() => (DEFAULT_UNSIGNABLE_HEADERS as string[]).push('host')).toThrow(TypeError);
  });
});

describe('the raw HTTP parser used for the suite', () => {
  it('keeps folds, repeats, raw targets and the body', () => {
    const parsed = parseRawRequest('GET /a b/ሴ?x=%20 HTTP/1.1\nHost:h\nMy-Header1:value1\n  value2\nMy-Header1:v3\n\nbody');
    expect(parsed).toEqual({
      method: 'GET',
      target: '/a b/ሴ?x=%20',
      version: 'HTTP/1.1',
      headers: [
        ['Host', 'h'],
        ['My-Header1', 'value1\n  value2'],
        ['My-Header1', 'v3'],
      ],
      body: 'body',
    });
  });

  it('rejects malformed input', () => {
    expect(() => parseRawRequest('')).toThrow(/request line/);
    expect(() => parseRawRequest('GET /')).toThrow(/request line/);
    expect(() => parseRawRequest('GET / FTP/1')).toThrow(/HTTP version/);
    expect(() => parseRawRequest('GET / HTTP/1.1\n  folded-first')).toThrow(/continuation/);
    expect(() => parseRawRequest('GET / HTTP/1.1\nno-colon')).toThrow(/malformed header/);
  });
});
