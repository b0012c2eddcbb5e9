// The official drivers against the emulator, through AWS_CREDENTIAL_PROVIDER: mongodb 7.9 and
// 6.x (installed as the alias `mongodb6`). Both need @aws-sdk/credential-providers resolvable
// from the driver even with a custom provider (7.x refuses MONGODB-AWS without it; 6.x ignores
// the custom provider without it), and 6.x also needs `aws4`.
import { createRequire } from 'node:module';
import { Binary, BSON } from 'bson';
import { createClientFinal, deriveStsRegion, startClientConversation, type StsRequest } from '@iamkit/mongodb-aws-sasl';
import { MongoClient as MongoClient7 } from 'mongodb';
import { MongoClient as MongoClient6 } from 'mongodb6';
import { afterEach, describe, expect, it } from 'vitest';
import { startMongo, type MongoEmulator } from '../src/index.js';
import { ALICE, ALICE_ARN, CARL, clientFinalOf, EXPIRED, recordingVerifier, ROLE, ROLE_USER, SECRETS, USERS } from './mongo-fixtures.js';
import { WireClient } from './mongo-wire-client.js';

interface Credentials { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string }
interface DriverClient {
  db(name: string): { command(c: Record<string, unknown>): Promise<unknown>; collection(n: string): { insertOne(d: Record<string, unknown>): Promise<unknown>; find(f: Record<string, unknown>): { sort(s: Record<string, 1 | -1>): { limit(n: number): { toArray(): Promise<Record<string, unknown>[]> } } }; findOne(f: Record<string, unknown>): Promise<Record<string, unknown> | null> } };
  close(): Promise<void>;
}

const requireHere = createRequire(import.meta.url);
const drivers = [
  { name: 'mongodb 7', version: (requireHere('mongodb/package.json') as { version: string }).version, create: (uri: string, options: object) => new MongoClient7(uri, options) as unknown as DriverClient },
  { name: 'mongodb 6', version: (requireHere('mongodb6/package.json') as { version: string }).version, create: (uri: string, options: object) => new MongoClient6(uri, options) as unknown as DriverClient },
];

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function emulator(extra: Partial<Parameters<typeof startMongo>[0]> = {}): Promise<{ mongo: MongoEmulator; requests: StsRequest[] }> {
  const recorder = recordingVerifier();
  const mongo = await startMongo({ sts: { verify: recorder.verify }, users: USERS, ...extra });
  open.push(mongo);
  return { mongo, requests: recorder.requests };
}

describe.each(drivers)('$name ($version)', (driver) => {
  const client = (mongo: MongoEmulator, credentials: Credentials): DriverClient => {
    const calls = { n: 0 };
    const c = driver.create(mongo.uri, {
      authMechanismProperties: { AWS_CREDENTIAL_PROVIDER: async () => (calls.n++, credentials) },
      serverSelectionTimeoutMS: 5000,
      maxPoolSize: 2,
    });
    open.push(c);
    return c;
  };

  it('is the version this test means', () => {
    expect(driver.version).toMatch(driver.name === 'mongodb 7' ? /^7\.9\./ : /^6\./);
  });

  it.each([
    ['an IAM user, permanent keys', ALICE, ALICE_ARN],
    ['an assumed role, with a session token', ROLE, ROLE_USER],
  ])('authenticates %s and runs ping, insert, find', async (_name, credentials, user) => {
    const { mongo } = await emulator();
    const c = client(mongo, credentials);
    await c.db('app').command({ ping: 1 });
    for (const n of [3, 1, 2]) await c.db('app').collection('items').insertOne({ n, kind: 'x' });
    expect((await c.db('app').collection('items').findOne({ n: 2 }))?.kind).toBe('x');
    const sorted = await c.db('app').collection('items').find({ kind: 'x' }).sort({ n: -1 }).limit(2).toArray();
    expect(sorted.map((d) => d.n)).toEqual([3, 2]);
    expect(await c.db('admin').command({ connectionStatus: 1 })).toMatchObject({ authInfo: { authenticatedUsers: [{ user, db: '$external' }] } });
    expect(mongo.counters.authSucceeded).toBeGreaterThanOrEqual(1);
    expect(mongo.counters.authFailed).toBe(0);
    expect(mongo.documents('app', 'items')).toHaveLength(3);
    // The handshake came as OP_QUERY, everything after it as OP_MSG.
    const saslStart = mongo.commands.filter({ command: 'saslStart' })[0];
    expect(saslStart).toMatchObject({ opCode: 'OP_MSG', db: '$external', ok: true });
    expect(mongo.commands.filter({ connectionId: saslStart!.connectionId })[0]).toMatchObject({ opCode: 'OP_QUERY', command: 'ismaster' });
  });

  it.each<[string, Credentials, string | undefined, RegExp]>([
    ['a wrong secret', { ...ALICE, secretAccessKey: 'w'.repeat(40) }, 'SignatureDoesNotMatch', /SignatureDoesNotMatch/],
    ['an expired session token', EXPIRED, 'ExpiredToken', /expired/],
    ['a user not in $external', CARL, undefined, /Could not find user/],
  ])('is rejected with code 18 for %s', async (_name, credentials, stsCode, reason) => {
    const { mongo } = await emulator();
    const c = client(mongo, credentials);
    const error = await c.db('app').command({ ping: 1 }).then(() => undefined, (e: unknown) => e as { code?: number; message?: string; name?: string });
    expect(error).toMatchObject({ code: 18, message: 'Authentication failed.' });
    expect(mongo.counters.authSucceeded).toBe(0);
    expect(mongo.counters.authFailures[0]?.stsCode).toBe(stsCode);
    expect(mongo.counters.authFailures[0]?.reason).toMatch(reason);
    const logged = JSON.stringify([mongo, mongo.commands, mongo.counters]);
    for (const secret of SECRETS) expect(logged).not.toContain(secret);
  });

  it('a client-final captured from the driver and replayed on a new connection is rejected (nonce mismatch at STS)', async () => {
    const { mongo, requests } = await emulator();
    await client(mongo, ROLE).db('app').command({ ping: 1 });
    const captured = clientFinalOf(requests[0]!);
    const raw = await WireClient.connect(mongo.port);
    open.push({ close: async () => raw.close() });
    const start = await raw.command({ saslStart: 1, mechanism: 'MONGODB-AWS', payload: new Binary(startClientConversation().clientFirst, 0), $db: '$external' });
    expect(await raw.command({ saslContinue: 1, conversationId: start.conversationId, payload: new Binary(captured, 0), $db: '$external' })).toMatchObject({ ok: 0, code: 18 });
    expect(mongo.counters.authFailures.at(-1)).toMatchObject({ stsCode: 'SignatureDoesNotMatch' });
  });

  it.each(['sts.amazonaws.com', 'sts.us-west-2.amazonaws.com', 'localhost'])(
    'sends on the wire the client-final iamkit computes for the same nonce, host %s, date and credentials',
    async (stsHost) => {
      const { mongo, requests } = await emulator({ stsHost, randomBytes: (size) => new Uint8Array(size).fill(0x5a) });
      const c = client(mongo, ROLE);
      await c.db('app').command({ ping: 1 });
      const request = requests[0]!;
      const serverNonce = Buffer.from(request.headers['X-MongoDB-Server-Nonce']!, 'base64');
      expect(serverNonce.subarray(32)).toEqual(Buffer.alloc(32, 0x5a));
      const theirs = BSON.deserialize(clientFinalOf(request));
      const ours = createClientFinal({ serverNonce, host: stsHost, region: deriveStsRegion(stsHost) }, ROLE, { date: theirs.d });
      expect(BSON.deserialize(ours.payload)).toEqual(theirs);
      expect(Object.keys(theirs)).toEqual(['a', 'd', 't']);
    },
  );

  it('with serverApi set, handshakes with hello over OP_MSG and authenticates', async () => {
    const { mongo } = await emulator();
    const c = driver.create(mongo.uri, { serverApi: { version: '1' }, authMechanismProperties: { AWS_CREDENTIAL_PROVIDER: async () => ALICE }, serverSelectionTimeoutMS: 5000 });
    open.push(c);
    await c.db('app').command({ ping: 1 });
    const first = mongo.commands.filter({ command: 'saslStart' })[0]!;
    expect(mongo.commands.filter({ connectionId: first.connectionId })[0]).toMatchObject({ opCode: 'OP_MSG', command: 'hello', ok: true });
  });

  it('differs from iamkit only where the driver departs from the spec: a second label "amazonaws" signs for us-east-1', async () => {
    const { mongo, requests } = await emulator({ stsHost: 'sts.amazonaws.com.cn' });
    await client(mongo, ALICE).db('app').command({ ping: 1 });
    expect(requests[0]!.headers.Authorization).toContain('/us-east-1/sts/aws4_request');
    expect(deriveStsRegion('sts.amazonaws.com.cn')).toBe('amazonaws');
  });
});
