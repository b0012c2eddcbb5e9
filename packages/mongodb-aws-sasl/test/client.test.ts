import { inspect } from 'node:util';
import { Binary, BSON } from 'bson';
import { isIamkitError } from '@iamkit/credentials';
import { createSigner, signRequest } from '@iamkit/sigv4';
import { describe, expect, it } from 'vitest';
import {
  buildStsRequest,
  checkStsHost,
  createClientFinal,
  createClientFirst,
  deriveStsRegion,
  encodeClientFirst,
  parseServerFirst,
  startClientConversation,
  type ClientFinal,
} from '../src/index.js';
import { CLIENT_NONCE, EXAMPLE_CREDENTIALS, SERVER_NONCE, TOKEN, VECTOR_AMZ_DATE, VECTOR_DATE, fixedBytes } from './helpers/fixtures.js';

function serverFirst(fields: Record<string, unknown>): Uint8Array {
  return BSON.serialize(fields);
}
const goodServerFirst = (host = 'sts.amazonaws.com', nonce: Uint8Array = SERVER_NONCE): Uint8Array => serverFirst({ s: new Binary(nonce, 0), h: host });

function expectCode(run: () => unknown, code: string, message?: RegExp): void {
  try {
    run();
  } catch (error) {
    expect(isIamkitError(error, code), String(error)).toBe(true);
    if (message !== undefined) expect((error as Error).message).toMatch(message);
    return;
  }
  throw new Error(`expected ${code}, nothing was thrown`);
}

describe('client-first (protocol §2, §6)', () => {
  it('reproduces the specification vector byte for byte', () => {
    const first = createClientFirst({ randomBytes: fixedBytes(CLIENT_NONCE) });
    expect(Buffer.from(first.payload).toString('base64')).toBe('NAAAAAVyACAAAAAAAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8QcABuAAAAAA==');
    expect(first.payload.byteLength).toBe(52);
    expect(Buffer.from(first.clientNonce)).toEqual(Buffer.from(CLIENT_NONCE));
  });

  it('is r: BinData subtype 0 of 32 bytes and p: int32 110, as bson reads it', () => {
    const first = createClientFirst();
    const doc = BSON.deserialize(first.payload, { promoteValues: false });
    expect(Object.keys(doc)).toEqual(['r', 'p']);
    expect(doc.r).toBeInstanceOf(Binary);
    expect(doc.r.sub_type).toBe(0);
    expect(Buffer.from(doc.r.buffer)).toEqual(Buffer.from(first.clientNonce));
    expect(doc.p._bsontype).toBe('Int32');
    expect(doc.p.value).toBe(110);
  });

  it('draws a fresh secure nonce each time by default', () => {
    const a = createClientFirst();
    const b = createClientFirst();
    expect(Buffer.from(a.clientNonce).equals(Buffer.from(b.clientNonce))).toBe(false);
  });

  it('refuses a random source that breaks its contract, and keeps a copy of what it returned', () => {
    expectCode(() => createClientFirst({ randomBytes: () => new Uint8Array(31) }), 'ERR_MONGODB_AWS_INVALID_OPTIONS', /32 bytes/);
    expectCode(() => createClientFirst({ randomBytes: (() => 'abc') as never }), 'ERR_MONGODB_AWS_INVALID_OPTIONS');
    const shared = new Uint8Array(32).fill(1);
    const first = createClientFirst({ randomBytes: () => shared });
    shared.fill(2);
    expect(first.clientNonce[0]).toBe(1);
    expect(Buffer.from(encodeClientFirst(first.clientNonce))).toEqual(Buffer.from(first.payload));
  });
});

describe('STS host and region (protocol §3, §4)', () => {
  it.each([
    ['sts.amazonaws.com', 'us-east-1'],
    ['sts.us-west-2.amazonaws.com', 'us-west-2'],
    ['sts.us-west-2.amazonaws.com.ch', 'us-west-2'],
    ['example.com', 'com'],
    ['localhost', 'us-east-1'],
    ['127.0.0.1', '0'],
    // The driver 7.9 answers us-east-1 here (second label "amazonaws"); the specification says the second label.
    ['sts.amazonaws.com.cn', 'amazonaws'],
  ])('%s → %s', (host, region) => {
    expect(deriveStsRegion(host)).toBe(region);
  });

  it.each([
    ['sts..com', /empty label/],
    ['.amazonaws.com', /empty label/],
    ['sts.amazonaws.', /empty label/],
    ['', /0 bytes/],
    ['a'.repeat(256), /256 bytes/],
    ['sts.amazonaws.com/evil', /Host header/],
    ['sts.amazonaws.com\r\nX-Injected: 1', /Host header/],
    ['sts amazonaws.com', /Host header/],
  ])('%j is refused', (host, message) => {
    expectCode(() => deriveStsRegion(host), 'ERR_MONGODB_AWS_BAD_HOST', message);
  });

  it('accepts exactly 255 bytes, counting UTF-8 bytes', () => {
    const host = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}`;
    expect(host).toHaveLength(255);
    expect(checkStsHost(host)).toBe(host);
    expectCode(() => checkStsHost('é'.repeat(128)), 'ERR_MONGODB_AWS_BAD_HOST', /256 bytes/);
    expectCode(() => checkStsHost(42), 'ERR_MONGODB_AWS_BAD_HOST', /not a string/);
  });
});

describe('server-first checks (protocol §3)', () => {
  it('returns the nonce, host and region of a good message', () => {
    const parsed = parseServerFirst(goodServerFirst('sts.us-west-2.amazonaws.com'), CLIENT_NONCE);
    expect(parsed.host).toBe('sts.us-west-2.amazonaws.com');
    expect(parsed.region).toBe('us-west-2');
    expect(Buffer.from(parsed.serverNonce)).toEqual(Buffer.from(SERVER_NONCE));
  });

  const otherNonce = Uint8Array.from(SERVER_NONCE, (b, i) => (i === 5 ? b ^ 1 : b));
  it.each<[string, Uint8Array, string, RegExp]>([
    ['s of 63 bytes', serverFirst({ s: new Binary(SERVER_NONCE.subarray(0, 63), 0), h: 'sts.amazonaws.com' }), 'ERR_MONGODB_AWS_BAD_NONCE', /63 bytes; it must be 64/],
    ['s of 65 bytes', serverFirst({ s: new Binary(new Uint8Array(65), 0), h: 'sts.amazonaws.com' }), 'ERR_MONGODB_AWS_BAD_NONCE', /65 bytes/],
    ['s of subtype 4', serverFirst({ s: new Binary(SERVER_NONCE, 4), h: 'sts.amazonaws.com' }), 'ERR_MONGODB_AWS_BAD_NONCE', /subtype 4/],
    ['s not starting with the client nonce', goodServerFirst('sts.amazonaws.com', otherNonce), 'ERR_MONGODB_AWS_BAD_NONCE', /does not begin/],
    ['h with an empty label', goodServerFirst('sts..amazonaws.com'), 'ERR_MONGODB_AWS_BAD_HOST', /empty label/],
    ['no h', serverFirst({ s: new Binary(SERVER_NONCE, 0) }), 'ERR_MONGODB_AWS_MALFORMED_PAYLOAD', /no "h" field/],
    ['no s', serverFirst({ h: 'sts.amazonaws.com' }), 'ERR_MONGODB_AWS_MALFORMED_PAYLOAD', /no "s" field/],
    ['h as an int', serverFirst({ s: new Binary(SERVER_NONCE, 0), h: 7 }), 'ERR_MONGODB_AWS_MALFORMED_PAYLOAD', /"h" is BSON type int; it must be string/],
    ['s as a string', serverFirst({ s: 'x', h: 'sts.amazonaws.com' }), 'ERR_MONGODB_AWS_MALFORMED_PAYLOAD', /"s" is BSON type string; it must be binData/],
    ['an unknown field', serverFirst({ s: new Binary(SERVER_NONCE, 0), h: 'sts.amazonaws.com', x: 1 }), 'ERR_MONGODB_AWS_MALFORMED_PAYLOAD', /unknown field "x"/],
    ['bytes that are not BSON', Uint8Array.of(1, 2, 3), 'ERR_MONGODB_AWS_MALFORMED_PAYLOAD', /not a valid BSON document/],
    ['a truncated document', goodServerFirst().subarray(0, 50), 'ERR_MONGODB_AWS_MALFORMED_PAYLOAD', /not a valid BSON document/],
  ])('refuses %s', (_name, payload, code, message) => {
    expectCode(() => parseServerFirst(payload, CLIENT_NONCE), code, message);
  });

  it('refuses a payload that is not bytes', () => {
    expectCode(() => parseServerFirst('payload' as never, CLIENT_NONCE), 'ERR_MONGODB_AWS_MALFORMED_PAYLOAD', /must be bytes/);
  });
});

describe('client-final (protocol §5, §6)', () => {
  const server = parseServerFirst(goodServerFirst(), CLIENT_NONCE);

  it.each([
    ['no token', 'sts.amazonaws.com', EXAMPLE_CREDENTIALS, '133eeaeb2f590c07662f185e4f20d6a7100c4b8fcf12fc3d94f8fe904881dbb7'],
    ['token', 'sts.amazonaws.com', { ...EXAMPLE_CREDENTIALS, sessionToken: TOKEN }, '84dfcd4eecc155889b632f246575e34fb6a969048e385363436877d2ba8d05bf'],
    ['us-west-2 host', 'sts.us-west-2.amazonaws.com', EXAMPLE_CREDENTIALS, 'fd1947e4f230316e010c07bfd847ccf5704ee5172fb1bfb636d170e156efc6b9'],
  ])('reproduces the §6 signature with the real nonces: %s', (_name, host, credentials, signature) => {
    const conversation = startClientConversation({ randomBytes: fixedBytes(CLIENT_NONCE) });
    const final = conversation.respond(goodServerFirst(host), credentials, { date: VECTOR_DATE });
    const doc = BSON.deserialize(final.payload);
    expect(doc.a).toBe(`AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20251215/${deriveStsRegion(host)}/sts/aws4_request, SignedHeaders=${final.signedHeaders}, Signature=${signature}`);
    expect(doc.d).toBe(VECTOR_AMZ_DATE);
    expect(conversation.state).toBe('answered');
  });

  it.each([
    ['no token', EXAMPLE_CREDENTIALS, '48a66f9fc76829002a7a7ac5b92e4089395d9b88ea7d417ab146949b90eeab08'],
    ['token and another secret', { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYexamplekey', sessionToken: TOKEN }, 'bbcb06e2feb8651dced329789743ba283f92ef1302d34a7398cb1d35808a1a66'],
  ])('the §5 request reproduces the driver unit-test vectors (nonce header "fakenonce"): %s', (_name, credentials, signature) => {
    const signed = signRequest(buildStsRequest({ host: 'sts.amazonaws.com', serverNonce: 'fakenonce' }), { credentials, region: 'us-east-1', service: 'sts', date: VECTOR_DATE });
    expect(signed.signature).toBe(signature);
  });

  it('is decodable by bson with the exact field types: a, d strings; t only with a token', () => {
    const plain = BSON.deserialize(createClientFinal(server, EXAMPLE_CREDENTIALS, { date: VECTOR_DATE }).payload, { promoteValues: false });
    expect(Object.keys(plain)).toEqual(['a', 'd']);
    expect([typeof plain.a, typeof plain.d]).toEqual(['string', 'string']);
    const withToken = createClientFinal(server, { ...EXAMPLE_CREDENTIALS, sessionToken: TOKEN }, { date: VECTOR_DATE });
    const raw = Buffer.from(withToken.payload);
    // Element type bytes: every field is a string (0x02).
    const doc = BSON.deserialize(raw);
    expect(Object.keys(doc)).toEqual(['a', 'd', 't']);
    expect(doc.t).toBe(TOKEN);
    expect([raw[4], raw[4 + 3 + 4 + Buffer.byteLength(doc.a) + 1]]).toEqual([0x02, 0x02]);
    expect(raw).toEqual(Buffer.from(BSON.serialize({ a: doc.a, d: doc.d, t: TOKEN })));
    expect(withToken.signedHeaders).toBe('content-length;content-type;host;x-amz-date;x-amz-security-token;x-mongodb-gs2-cb-flag;x-mongodb-server-nonce');
  });

  it('treats an empty session token as none, as the driver does', () => {
    const final = createClientFinal(server, { ...EXAMPLE_CREDENTIALS, sessionToken: '' }, { date: VECTOR_DATE });
    expect(Object.keys(BSON.deserialize(final.payload))).toEqual(['a', 'd']);
    expect(final.signedHeaders).toBe('content-length;content-type;host;x-amz-date;x-mongodb-gs2-cb-flag;x-mongodb-server-nonce');
  });

  it('signs the §5 canonical request: base64 of the 64-byte nonce, flag n, host as received, no optional data', () => {
    const final = createClientFinal(server, EXAMPLE_CREDENTIALS, { date: VECTOR_DATE });
    expect(final.canonicalRequest.split('\n')).toEqual([
      'POST',
      '/',
      '',
      'content-length:43',
      'content-type:application/x-www-form-urlencoded',
      'host:sts.amazonaws.com',
      'x-amz-date:20251215T123456Z',
      'x-mongodb-gs2-cb-flag:n',
      'x-mongodb-server-nonce:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw==',
      '',
      'content-length;content-type;host;x-amz-date;x-mongodb-gs2-cb-flag;x-mongodb-server-nonce',
      'ab821ae955788b0e33ebd34c208442ccfc2d406e2edc5e7a39bd6458fbb4f843',
    ]);
  });

  it('gives the same payload through a reusable createSigner instance', () => {
    const signer = createSigner({ region: 'us-east-1', service: 'sts', credentials: EXAMPLE_CREDENTIALS });
    const a = createClientFinal(server, EXAMPLE_CREDENTIALS, { date: VECTOR_DATE, signer });
    const b = createClientFinal(server, EXAMPLE_CREDENTIALS, { date: VECTOR_DATE });
    expect(Buffer.from(a.payload)).toEqual(Buffer.from(b.payload));
  });

  it('passes the signer\'s credential errors through', () => {
    expectCode(() => createClientFinal(server, { accessKeyId: '', secretAccessKey: 'x' }, { date: VECTOR_DATE }), 'ERR_SIGV4_INVALID_CREDENTIALS');
  });

  it('keeps the Authorization value and the session token out of JSON and inspect', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
    const final: ClientFinal = createClientFinal(server, { accessKeyId: 'ASIAEXAMPLEKEY123456', secretAccessKey: secret, sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLETOKEN' }, { date: VECTOR_DATE });
    for (const text of [JSON.stringify(final), inspect(final, { depth: 5, showHidden: false }), inspect(final)]) {
      expect(text).not.toContain('IQoJb3JpZ2luX2VjEXAMPLETOKEN');
      expect(text).not.toContain(secret);
      expect(text).not.toContain('Signature=');
      expect(text).toContain('[redacted]');
      expect(text).toContain('ASIA…3456');
    }
    // …while the fields stay readable for the caller.
    expect(final.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEKEY123456\//);
  });
});

describe('the conversation object', () => {
  it('answers once; a second answer, or one after a failure, is a step error', () => {
    const conversation = startClientConversation({ randomBytes: fixedBytes(CLIENT_NONCE) });
    conversation.respond(goodServerFirst(), EXAMPLE_CREDENTIALS);
    expectCode(() => conversation.respond(goodServerFirst(), EXAMPLE_CREDENTIALS), 'ERR_MONGODB_AWS_BAD_STEP', /already answered/);

    const failing = startClientConversation({ randomBytes: fixedBytes(CLIENT_NONCE) });
    expectCode(() => failing.respond(goodServerFirst('bad..host'), EXAMPLE_CREDENTIALS), 'ERR_MONGODB_AWS_BAD_HOST');
    expect(failing.state).toBe('failed');
    expectCode(() => failing.respond(goodServerFirst(), EXAMPLE_CREDENTIALS), 'ERR_MONGODB_AWS_BAD_STEP', /already failed/);
  });

  it('never puts the secret or token into its error messages', () => {
    const conversation = startClientConversation();
    try {
      conversation.respond(goodServerFirst(), { accessKeyId: 'AKID', secretAccessKey: 'SECRET-VALUE-123', sessionToken: 'TOKEN-VALUE-456' });
    } catch (error) {
      const text = `${String(error)} ${JSON.stringify(error)} ${inspect(error)}`;
      expect(text).not.toContain('SECRET-VALUE-123');
      expect(text).not.toContain('TOKEN-VALUE-456');
      expect(isIamkitError(error, 'ERR_MONGODB_AWS_BAD_NONCE')).toBe(true);
      return;
    }
    throw new Error('a random client nonce cannot match the fixed server nonce');
  });
});
