import { inspect } from 'node:util';
import { Binary, BSON, Double, Int32, Long } from 'bson';
import { signRequest } from '@iamkit/sigv4';
import { describe, expect, it } from 'vitest';
import {
  AUTHENTICATION_FAILED_REPLY,
  buildStsRequest,
  createLocalStsVerifier,
  createMongoAwsServer,
  startClientConversation,
  stsHostFromUrl,
  type LocalStsIdentity,
  type ServerStepResult,
  type StsRequest,
  type StsVerifier,
} from '../src/index.js';
import { converse, withFinal } from './helpers/conversation.js';
import { countingBytes } from './helpers/fixtures.js';

const NOW = Date.parse('2026-03-01T10:00:00Z');
const ALICE = { accessKeyId: 'AKIAALICEEXAMPLE0001', secretAccessKey: 'aliceSecretKeyaliceSecretKeyaliceSecret1', arn: 'arn:aws:iam::123456789012:user/Alice' };
const BOB: LocalStsIdentity = {
  accessKeyId: 'ASIABOBEXAMPLE000002',
  secretAccessKey: 'bobSecretKeybobSecretKeybobSecretKeybob2',
  sessionToken: 'IQoJb3JpZ2luX2VjBOBSESSIONTOKENEXAMPLE',
  expiration: new Date(NOW + 3600_000),
  arn: 'arn:aws:sts::557821124784:assumed-role/cat/Puff',
};
const identities = [ALICE, BOB];
const verify = createLocalStsVerifier({ identities, now: () => NOW });
const users = ['arn:aws:iam::123456789012:user/Alice', 'arn:aws:sts::557821124784:assumed-role/cat/*'];
const makeServer = (extra: Partial<Parameters<typeof createMongoAwsServer>[0]> = {}) => createMongoAwsServer({ verify, users, stsUrl: 'https://sts.amazonaws.com', randomBytes: countingBytes(), ...extra });

function failed(result: ServerStepResult): Extract<ServerStepResult, { ok: false }> {
  if (result.ok) throw new Error('expected a failure');
  expect(result.reply).toEqual({ ok: 0, code: 18, codeName: 'AuthenticationFailed', errmsg: 'Authentication failed.' });
  expect(result.reason).toBe(result.error.message);
  return result;
}

describe('a whole conversation', () => {
  it('authenticates an IAM user with permanent keys (user = the ARN)', async () => {
    const { first, final } = await converse(makeServer(), ALICE, NOW);
    expect(first).toMatchObject({ ok: true, done: false });
    expect(final).toMatchObject({ ok: true, done: true, user: 'arn:aws:iam::123456789012:user/Alice', arn: ALICE.arn, accessKeyId: 'AKIA…0001' });
    expect(final.ok && final.payload.byteLength).toBe(0);
  });

  it('authenticates an assumed-role session with a token (user = role/*)', async () => {
    const { final } = await converse(makeServer(), BOB, NOW);
    expect(final).toMatchObject({ ok: true, user: 'arn:aws:sts::557821124784:assumed-role/cat/*' });
  });

  it('sends s = client nonce + 32 server bytes, then h, as BSON the bson package reads', async () => {
    const client = startClientConversation();
    const result = await makeServer({ randomBytes: () => new Uint8Array(32).fill(0xab) }).startConversation().step(client.clientFirst);
    if (!result.ok) throw new Error(result.reason);
    const doc = BSON.deserialize(result.payload) as { s: Binary; h: string };
    expect(Object.keys(doc)).toEqual(['s', 'h']);
    expect(doc.s.sub_type).toBe(0);
    expect(Buffer.from(doc.s.buffer)).toEqual(Buffer.concat([Buffer.from(client.clientNonce), Buffer.alloc(32, 0xab)]));
    expect(doc.h).toBe('sts.amazonaws.com');
  });

  it('hands the verifier the request rebuilt from server-held values', async () => {
    const seen: StsRequest[] = [];
    const spy: StsVerifier = async (request) => {
      seen.push(request);
      return verify(request);
    };
    const server = makeServer({ verify: spy, stsUrl: 'http://127.0.0.1:4566/', stsHost: 'localhost', randomBytes: () => new Uint8Array(32).fill(7) });
    const client = startClientConversation({ randomBytes: () => new Uint8Array(32).fill(1) });
    const conversation = server.startConversation();
    const first = await conversation.step(client.clientFirst);
    if (!first.ok) throw new Error(first.reason);
    const final = client.respond(first.payload, BOB, { date: NOW });
    await conversation.step(final.payload);
    const nonce = Buffer.concat([Buffer.alloc(32, 1), Buffer.alloc(32, 7)]).toString('base64');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe('http://127.0.0.1:4566/');
    expect(seen[0]!.body).toBe('Action=GetCallerIdentity&Version=2011-06-15');
    expect({ ...seen[0]!.headers }).toEqual({
      'Content-Length': '43',
      'Content-Type': 'application/x-www-form-urlencoded',
      Host: 'localhost',
      'X-Amz-Date': '20260301T100000Z',
      'X-Amz-Security-Token': BOB.sessionToken,
      'X-MongoDB-Server-Nonce': nonce,
      'X-MongoDB-GS2-CB-Flag': 'n',
      Authorization: final.authorization,
    });
    // …and keeps the signature and token out of logs.
    for (const text of [JSON.stringify(seen[0]), inspect(seen[0], { depth: 4 })]) {
      expect(text).not.toContain(BOB.sessionToken!);
      expect(text).not.toContain('Signature=');
      expect(text).toContain('[redacted]');
    }
  });
});

describe('failures: a reason, mongod\'s code, and only the code-18 reply', () => {
  it('a wrong secret: STS says SignatureDoesNotMatch', async () => {
    const result = failed((await converse(makeServer(), { ...ALICE, secretAccessKey: 'x'.repeat(40) }, NOW)).final);
    expect(result.error).toMatchObject({ code: 'ERR_MONGODB_AWS_STS_REJECTED', stsCode: 'SignatureDoesNotMatch', status: 403 });
  });

  it('an expired session token: STS says ExpiredToken', async () => {
    const server = makeServer({ verify: createLocalStsVerifier({ identities: [{ ...BOB, expiration: new Date(NOW - 1) }], now: () => NOW }) });
    const result = failed((await converse(server, BOB, NOW)).final);
    expect(result.error).toMatchObject({ code: 'ERR_MONGODB_AWS_STS_REJECTED', stsCode: 'ExpiredToken' });
    expect(result.reason).toMatch(/expired/);
  });

  it('a wrong or missing session token: InvalidClientTokenId', async () => {
    const wrong = failed((await converse(makeServer(), { ...BOB, sessionToken: 'IQoJb3JpZ2luX2VjOTHERTOKEN' }, NOW)).final);
    expect(wrong.error.stsCode).toBe('InvalidClientTokenId');
    const none = failed((await converse(makeServer(), { ...BOB, sessionToken: undefined }, NOW)).final);
    expect(none.error.stsCode).toBe('InvalidClientTokenId');
  });

  it('an unknown key id: InvalidClientTokenId', async () => {
    const result = failed((await converse(makeServer(), { accessKeyId: 'AKIANOBODY0000000000', secretAccessKey: 'y'.repeat(40) }, NOW)).final);
    expect(result.error.stsCode).toBe('InvalidClientTokenId');
  });

  it('a signature too old for STS (more than 15 minutes)', async () => {
    const result = failed((await converse(makeServer(), ALICE, NOW - 16 * 60_000)).final);
    expect(result.reason).toMatch(/Signature expired/);
  });

  it('a principal that is not a $external user fails after STS succeeded', async () => {
    const result = failed((await converse(makeServer({ users: ['arn:aws:iam::123456789012:user/Carl'] }), ALICE, NOW)).final);
    expect(result.error.code).toBe('ERR_MONGODB_AWS_UNKNOWN_USER');
    expect(result.reason).toContain('arn:aws:iam::123456789012:user/Alice');
    expect(result.reason).toContain('$external');
  });

  it('an ARN of another service', async () => {
    const server = makeServer({ verify: async () => ({ arn: 'arn:aws:fake::123456789012:role/x' }) });
    expect(failed((await converse(server, ALICE, NOW)).final).error.code).toBe('ERR_MONGODB_AWS_BAD_ARN');
  });

  it('a replayed client-final: the new conversation\'s nonce differs, so the signature does not match', async () => {
    const server = makeServer();
    const { clientFinal } = await converse(server, ALICE, NOW);
    const replay = await withFinal(server, () => clientFinal);
    expect(failed(replay).error.stsCode).toBe('SignatureDoesNotMatch');
  });

  it('a client that signed another host (man in the middle) fails at STS', async () => {
    const result = await withFinal(makeServer(), ({ s }) => {
      const signed = signRequest(buildStsRequest({ host: 'sts.evil.example', serverNonce: s }), { credentials: ALICE, region: 'evil', service: 'sts', date: NOW });
      return BSON.serialize({ a: signed.authorization, d: signed.amzDate });
    });
    expect(failed(result).error.stsCode).toBe('SignatureDoesNotMatch');
  });

  it('a verifier that throws is "STS unavailable", retryable', async () => {
    const server = makeServer({ verify: async () => Promise.reject(new Error('connect ECONNREFUSED')) });
    const result = failed((await converse(server, ALICE, NOW)).final);
    expect(result.error).toMatchObject({ code: 'ERR_MONGODB_AWS_STS_FAILED', retryable: true });
    expect(result.reason).toContain('ECONNREFUSED');
  });

  it('never puts the secret, the token or the signature into a reason or the error\'s JSON', async () => {
    const results = [
      (await converse(makeServer(), { ...BOB, secretAccessKey: 'z'.repeat(40) }, NOW)).final,
      (await converse(makeServer({ users: [] }), BOB, NOW)).final,
    ];
    for (const result of results) {
      const f = failed(result);
      const text = `${f.reason} ${JSON.stringify(f.error)} ${inspect(f.error)} ${JSON.stringify(f)}`;
      expect(text).not.toContain(BOB.sessionToken!);
      expect(text).not.toContain(BOB.secretAccessKey);
      expect(text).not.toMatch(/Signature=[0-9a-f]{64}/);
      expect(text).toContain('ASIA…0002');
    }
  });
});

describe('client-first, strictly', () => {
  const step1 = async (payload: Uint8Array, extra = {}) => makeServer(extra).startConversation().step(payload);
  const nonce = new Uint8Array(32).fill(3);
  it.each<[string, Uint8Array, string, number | undefined, RegExp]>([
    ['r of 31 bytes', BSON.serialize({ r: new Binary(new Uint8Array(31), 0), p: 110 }), 'ERR_MONGODB_AWS_BAD_NONCE', 51285, /Nonce must be 32 bytes/],
    ['r of subtype 4', BSON.serialize({ r: new Binary(nonce, 4), p: 110 }), 'ERR_MONGODB_AWS_BAD_NONCE', 51285, /subtype 4/],
    ['p = 112', BSON.serialize({ r: new Binary(nonce, 0), p: 112 }), 'ERR_MONGODB_AWS_BAD_FLAG', 51284, /p is 112/],
    ['p = y (121), optionally stricter than mongod', BSON.serialize({ r: new Binary(nonce, 0), p: 121 }), 'ERR_MONGODB_AWS_BAD_FLAG', 51284, /must be 110/],
    ['p as a double', BSON.serialize({ r: new Binary(nonce, 0), p: new Double(110) }), 'ERR_MONGODB_AWS_MALFORMED_PAYLOAD', 14, /"p" is BSON type double; it must be int/],
    ['p as an int64', BSON.serialize({ r: new Binary(nonce, 0), p: Long.fromNumber(110) }), 'ERR_MONGODB_AWS_MALFORMED_PAYLOAD', 14, /type long/],
    ['p as the string "n"', BSON.serialize({ r: new Binary(nonce, 0), p: 'n' }), 'ERR_MONGODB_AWS_MALFORMED_PAYLOAD', 14, /type string/],
    ['an unknown key', BSON.serialize({ r: new Binary(nonce, 0), p: 110, x: 1 }), 'ERR_MONGODB_AWS_MALFORMED_PAYLOAD', 40415, /unknown field "x"/],
    ['no p', BSON.serialize({ r: new Binary(nonce, 0) }), 'ERR_MONGODB_AWS_MALFORMED_PAYLOAD', 40414, /no "p" field/],
    ['not BSON', Uint8Array.of(9, 9, 9), 'ERR_MONGODB_AWS_MALFORMED_PAYLOAD', undefined, /not a valid BSON/],
  ])('refuses %s', async (_name, payload, code, mongodCode, message) => {
    const result = failed(await step1(payload));
    expect(result.error.code).toBe(code);
    expect(result.error.mongodCode).toBe(mongodCode);
    expect(result.reason).toMatch(message);
  });

  it('accepts p = y only when asked to behave exactly like mongod', async () => {
    const result = await step1(BSON.serialize({ r: new Binary(nonce, 0), p: new Int32(121) }), { acceptChannelBindingFlagY: true });
    expect(result.ok).toBe(true);
  });
});

describe('client-final, strictly (mongod §9.2 codes, then the exact list of §5)', () => {
  const auth = (signedHeaders: string, credential = 'Credential=AKIAALICEEXAMPLE0001/20260301/us-east-1/sts/aws4_request') =>
    `AWS4-HMAC-SHA256 ${credential}, SignedHeaders=${signedHeaders}, Signature=${'0'.repeat(64)}`;
  const base = 'content-length;content-type;host;x-amz-date;x-mongodb-gs2-cb-flag;x-mongodb-server-nonce';
  it.each<[string, Record<string, unknown>, number | undefined, RegExp]>([
    ['no SignedHeaders=', { a: 'AWS4-HMAC-SHA256 Credential=AKIA/x, Signature=00', d: '20260301T100000Z' }, 51293, /no SignedHeaders=/],
    ['no comma after SignedHeaders', { a: `AWS4-HMAC-SHA256 Credential=AKIA/x Signature=0 SignedHeaders=${base}`, d: '20260301T100000Z' }, 51292, /no ","/],
    ['a header outside the allow-list', { a: auth(`${base};x-custom`), d: '20260301T100000Z' }, 51290, /"x-custom", which is not a header/],
    ['x-mongodb-channel-binding-data', { a: auth('content-length;content-type;host;x-amz-date;x-mongodb-channel-binding-data;x-mongodb-gs2-cb-flag;x-mongodb-server-nonce'), d: '20260301T100000Z' }, 51290, /not a header/],
    ['headers out of order', { a: auth('content-type;content-length;host;x-amz-date;x-mongodb-gs2-cb-flag;x-mongodb-server-nonce'), d: '20260301T100000Z' }, 51290, /sorted lexicographically/],
    ['no gs2 flag signed', { a: auth('content-length;content-type;host;x-amz-date;x-mongodb-server-nonce'), d: '20260301T100000Z' }, 51289, /x-mongodb-gs2-cb-flag/],
    ['no server nonce signed', { a: auth('content-length;content-type;host;x-amz-date;x-mongodb-gs2-cb-flag'), d: '20260301T100000Z' }, 51288, /x-mongodb-server-nonce/],
    ['no Credential=', { a: auth(base, 'Cred=AKIA/x'), d: '20260301T100000Z' }, 51742, /no Credential=/],
    ['no / after the key id', { a: `AWS4-HMAC-SHA256 SignedHeaders=${base}, Signature=0, Credential=AKIA`, d: '20260301T100000Z' }, 51743, /no "\/"/],
    ['x-mongodb-optional-data signed (allowed by mongod, never forwarded)', { a: auth(`content-length;content-type;host;x-amz-date;x-mongodb-gs2-cb-flag;x-mongodb-optional-data;x-mongodb-server-nonce`), d: '20260301T100000Z' }, undefined, /signs exactly/],
    ['a token sent but not signed', { a: auth(base), d: '20260301T100000Z', t: 'tok' }, undefined, /did not sign x-amz-security-token/],
    ['a token signed but not sent', { a: auth('content-length;content-type;host;x-amz-date;x-amz-security-token;x-mongodb-gs2-cb-flag;x-mongodb-server-nonce'), d: '20260301T100000Z' }, undefined, /sent no session token/],
    ['a malformed SigV4 value', { a: `AWS4-HMAC-SHA256 Credential=AKIA/x, SignedHeaders=${base}, Signature=0`, d: '20260301T100000Z' }, undefined, /Credential must be/],
  ])('refuses %s', async (_name, doc, mongodCode, message) => {
    const result = failed(await withFinal(makeServer(), () => BSON.serialize(doc)));
    expect(result.error.code).toBe('ERR_MONGODB_AWS_BAD_AUTHORIZATION');
    expect(result.error.mongodCode).toBe(mongodCode);
    expect(result.reason).toMatch(message);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['no a', { d: '20260301T100000Z' }, /no "a" field/],
    ['no d', { a: auth(base) }, /no "d" field/],
    ['a as binary', { a: new Binary(Buffer.from('x'), 0), d: '20260301T100000Z' }, /"a" is BSON type binData; it must be string/],
    ['an unknown key', { a: auth(base), d: '20260301T100000Z', z: 'x' }, /unknown field "z"/],
    ['d not an X-Amz-Date', { a: auth(base), d: '2026-03-01T10:00:00Z' }, /YYYYMMDDTHHMMSSZ/],
  ])('refuses %s as a malformed payload', async (_name, doc, message) => {
    const result = failed(await withFinal(makeServer(), () => BSON.serialize(doc)));
    expect(result.error.code).toBe('ERR_MONGODB_AWS_MALFORMED_PAYLOAD');
    expect(result.reason).toMatch(message);
  });

  it('accepts the IDL\'s optional p, c and o, and does not forward them', async () => {
    let forwarded: StsRequest | undefined;
    const server = makeServer({ verify: async (request) => ((forwarded = request), verify(request)) });
    const result = await withFinal(server, ({ s, h }) => {
      const signed = signRequest(buildStsRequest({ host: h, serverNonce: s }), { credentials: ALICE, region: 'us-east-1', service: 'sts', date: NOW });
      return BSON.serialize({ a: signed.authorization, d: signed.amzDate, p: 'x', c: 'y', o: { any: 1 } });
    });
    expect(result).toMatchObject({ ok: true, done: true });
    expect(Object.keys(forwarded!.headers)).not.toContain('X-MongoDB-Optional-Data');
  });
});

describe('steps', () => {
  it('a third step is "Invalid AWS authentication step"', async () => {
    const server = makeServer();
    const client = startClientConversation();
    const conversation = server.startConversation();
    const first = await conversation.step(client.clientFirst);
    if (!first.ok) throw new Error(first.reason);
    const final = client.respond(first.payload, ALICE, { date: NOW });
    expect((await conversation.step(final.payload)).ok).toBe(true);
    const third = failed(await conversation.step(final.payload));
    expect(third.reason).toMatch(/Invalid AWS authentication step 3/);
    expect(third.error.code).toBe('ERR_MONGODB_AWS_BAD_STEP');
    expect(conversation.state).toBe('failed');
    expect(conversation.steps).toBe(3);
  });

  it('a failed conversation stays failed', async () => {
    const conversation = makeServer().startConversation();
    failed(await conversation.step(Uint8Array.of(1)));
    expect(failed(await conversation.step(Uint8Array.of(1))).reason).toMatch(/already failed/);
  });
});

describe('options', () => {
  it('derives h from the STS URL as mongod does', () => {
    expect(stsHostFromUrl('http://localhost:8000')).toBe('localhost');
    expect(stsHostFromUrl('https://sts.us-west-2.amazonaws.com/')).toBe('sts.us-west-2.amazonaws.com');
    expect(createMongoAwsServer({ verify }).stsHost).toBe('sts.amazonaws.com');
    expect(() => stsHostFromUrl('ftp://x')).toThrow(/http:\/\/ or https:\/\//);
  });

  it('refuses bad options with a coded error naming the option', () => {
    expect(() => createMongoAwsServer({} as never)).toThrow(/options\.verify/);
    expect(() => createMongoAwsServer({ verify, stsHost: 'a..b' })).toThrow(/options\.stsHost/);
    expect(() => createLocalStsVerifier({} as never)).toThrow(/identities/);
  });

  it('a user lookup function is awaited', async () => {
    const asked: string[] = [];
    const server = makeServer({ users: async (user: string) => (asked.push(user), false) });
    failed((await converse(server, ALICE, NOW)).final);
    expect(asked).toEqual(['arn:aws:iam::123456789012:user/Alice']);
  });

  it('AUTHENTICATION_FAILED_REPLY is frozen', () => {
    expect(Object.isFrozen(AUTHENTICATION_FAILED_REPLY)).toBe(true);
  });
});
