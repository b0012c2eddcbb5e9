import { inspect } from 'node:util';
import { Binary, BSON } from 'bson';
import { isIamkitError } from '@iamkit/credentials';
import { startClientConversation } from '@iamkit/mongodb-aws-sasl';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMongo, type MongoEmulator } from '../src/index.js';
import { ALICE, ALICE_ARN, authenticate, CARL, clientFinalOf, recordingVerifier, ROLE, ROLE_USER, SECRETS, USERS } from './mongo-fixtures.js';
import { opMsg, opQuery, WireClient } from './mongo-wire-client.js';

let mongo: MongoEmulator;
let recorder: ReturnType<typeof recordingVerifier>;
const clients: WireClient[] = [];

async function client(): Promise<WireClient> {
  const c = await WireClient.connect(mongo.port);
  clients.push(c);
  return c;
}

beforeEach(async () => {
  recorder = recordingVerifier();
  mongo = await startMongo({ sts: { verify: recorder.verify }, users: USERS, now: () => Date.parse('2026-03-01T10:00:00Z') });
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await mongo.close();
});

describe('framing and opcodes', () => {
  it('answers the legacy OP_QUERY handshake with an OP_REPLY (what drivers 6.x and 7.x send first)', async () => {
    const c = await client();
    c.send(opQuery('admin.$cmd', { ismaster: 1, helloOk: true, client: { driver: { name: 'test' } } }, 77));
    const reply = await c.next();
    expect(reply.opCode).toBe(1);
    expect(reply.responseTo).toBe(77);
    expect(reply.document).toMatchObject({ ismaster: true, helloOk: true, maxWireVersion: 21, minWireVersion: 0, logicalSessionTimeoutMinutes: 30, connectionId: 1, ok: 1 });
    expect(reply.document.localTime).toEqual(new Date('2026-03-01T10:00:00Z'));
    expect(reply.document).not.toHaveProperty('topologyVersion');
  });

  it('unwraps { $query, $readPreference } in OP_QUERY, and answers hello with isWritablePrimary', async () => {
    const c = await client();
    c.send(opQuery('admin.$cmd', { $query: { hello: 1 }, $readPreference: { mode: 'primaryPreferred' } }));
    expect((await c.next()).document).toMatchObject({ isWritablePrimary: true, ok: 1 });
  });

  it('refuses other commands over OP_QUERY as mongod 6+ does (352)', async () => {
    const c = await client();
    c.send(opQuery('admin.$cmd', { ping: 1 }));
    expect((await c.next()).document).toMatchObject({ ok: 0, code: 352, codeName: 'UnsupportedOpQueryCommand' });
  });

  it('answers OP_MSG with OP_MSG, responseTo = requestId', async () => {
    const c = await client();
    c.send(opMsg({ ping: 1, $db: 'admin' }, { requestId: 4242 }));
    const reply = await c.next();
    expect(reply).toMatchObject({ opCode: 2013, responseTo: 4242, document: { ok: 1 } });
  });

  it('checks a present CRC-32C checksum, and closes the connection when it is wrong', async () => {
    const c = await client();
    expect(await c.command({ ping: 1, $db: 'admin' }, { checksum: true })).toEqual({ ok: 1 });
    c.send(opMsg({ ping: 1, $db: 'admin' }, { checksum: 'wrong' }));
    await c.untilClosed();
    expect(c.pendingReplies).toBe(0);
  });

  it('merges kind-1 document sequences into the command (insert documents)', async () => {
    const c = await client();
    await authenticate(c, ALICE);
    const reply = await c.command({ insert: 'items', $db: 'app' }, { sequences: { documents: [{ _id: 1, a: 'x' }, { _id: 2, a: 'y' }] } });
    expect(reply).toEqual({ n: 2, ok: 1 });
    expect(mongo.documents('app', 'items')).toEqual([{ _id: 1, a: 'x' }, { _id: 2, a: 'y' }]);
  });

  it('does not answer a moreToCome message, but runs it', async () => {
    const c = await client();
    await authenticate(c, ALICE);
    c.send(opMsg({ insert: 'items', documents: [{ _id: 9 }], $db: 'app' }, { flags: 2 }));
    expect(await c.command({ find: 'items', filter: { _id: 9 }, $db: 'app' })).toMatchObject({ cursor: { firstBatch: [{ _id: 9 }] } });
    expect(mongo.commands.filter({ command: 'insert' })[0]?.ok).toBeUndefined();
  });

  it('reassembles messages split across writes, and handles several in one write', async () => {
    const c = await client();
    const one = opMsg({ ping: 1, $db: 'admin' }, { requestId: 1 });
    const two = opMsg({ buildInfo: 1, $db: 'admin' }, { requestId: 2 });
    const bytes = Buffer.concat([one, two]);
    for (let i = 0; i < bytes.length; i += 7) c.send(bytes.subarray(i, i + 7));
    expect((await c.next()).responseTo).toBe(1);
    expect((await c.next()).document).toMatchObject({ version: '7.0.0', modules: ['enterprise'], ok: 1 });
  });

  it.each([
    ['an unknown required flag bit', opMsg({ ping: 1, $db: 'admin' }, { flags: 1 << 4 })],
    ['no $db', opMsg({ ping: 1 })],
    ['a length below a header', Buffer.from([8, 0, 0, 0, 0, 0, 0, 0])],
    ['a length above 48 MB', Buffer.from([0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0])],
    ['OP_COMPRESSED', Buffer.concat([Buffer.from([16 + 9, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0xdc, 0x07, 0, 0]), Buffer.alloc(9)])],
    ['a body that is not BSON', (() => {
      const m = opMsg({ ping: 1, $db: 'admin' });
      m.writeInt32LE(1000, 21);
      return m;
    })()],
  ])('closes the connection on %s', async (_name, message) => {
    const c = await client();
    c.send(message);
    await c.untilClosed();
    expect(c.pendingReplies).toBe(0);
  });
});

describe('authentication (the server half of MONGODB-AWS)', () => {
  it('authenticates with iamkit\'s client half; connectionStatus shows the $external user', async () => {
    const c = await client();
    expect(await c.command({ connectionStatus: 1, $db: 'admin' })).toEqual({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 });
    const reply = await authenticate(c, ROLE);
    expect(reply).toMatchObject({ conversationId: 1, done: true, ok: 1 });
    expect((reply.payload as Binary).buffer.byteLength).toBe(0);
    expect(await c.command({ connectionStatus: 1, $db: 'admin' })).toMatchObject({ authInfo: { authenticatedUsers: [{ user: ROLE_USER, db: '$external' }] } });
    expect(mongo.counters.authSucceeded).toBe(1);
    expect(mongo.commands.last()?.user).toBe(ROLE_USER);
  });

  it('sends h = the STS host (here the default sts.amazonaws.com) in the server-first', async () => {
    const c = await client();
    const conversation = startClientConversation();
    const start = await c.command({ saslStart: 1, mechanism: 'MONGODB-AWS', payload: new Binary(conversation.clientFirst, 0), $db: '$external' });
    const doc = BSON.deserialize((start.payload as Binary).buffer);
    expect(doc.h).toBe('sts.amazonaws.com');
    expect(mongo.stsHost).toBe('sts.amazonaws.com');
  });

  it('rejects commands before authentication with code 13, and allows the handshake-like ones', async () => {
    const c = await client();
    expect(await c.command({ find: 'items', $db: 'app' })).toEqual({ ok: 0, errmsg: 'Command find requires authentication', code: 13, codeName: 'Unauthorized' });
    expect(await c.command({ insert: 'items', documents: [{}], $db: 'app' })).toMatchObject({ code: 13 });
    for (const command of [{ ping: 1 }, { hello: 1 }, { isMaster: 1 }, { buildInfo: 1 }, { connectionStatus: 1 }, { endSessions: [] }]) {
      expect((await c.command({ ...command, $db: 'admin' })).ok).toBe(1);
    }
  });

  it.each([
    ['a wrong secret', { ...ALICE, secretAccessKey: 'w'.repeat(40) }, /SignatureDoesNotMatch/],
    ['a user not in $external', CARL, /Could not find user "arn:aws:iam::123456789012:user\/Carl"/],
  ])('answers code 18 for %s, with the reason only in counters', async (_name, credentials, reason) => {
    const c = await client();
    expect(await authenticate(c, credentials)).toEqual({ ok: 0, code: 18, codeName: 'AuthenticationFailed', errmsg: 'Authentication failed.' });
    expect(mongo.counters.authFailed).toBe(1);
    expect(mongo.counters.authFailures[0]?.reason).toMatch(reason);
    expect(await c.command({ find: 'items', $db: 'app' })).toMatchObject({ code: 13 });
  });

  it('a user added later can authenticate; a removed one cannot', async () => {
    const c = await client();
    mongo.addUser('arn:aws:iam::123456789012:user/Carl');
    expect(await authenticate(c, CARL)).toMatchObject({ ok: 1, done: true });
    expect(mongo.removeUser(ALICE_ARN)).toBe(true);
    expect(await authenticate(await client(), ALICE)).toMatchObject({ code: 18 });
  });

  it('"sasl: Mismatched conversation id" for a wrong conversationId; no session → ProtocolError', async () => {
    const c = await client();
    expect(await c.command({ saslContinue: 1, conversationId: 1, payload: new Binary(new Uint8Array(1), 0), $db: '$external' })).toMatchObject({ ok: 0, code: 17, errmsg: 'No SASL session state found' });
    const conversation = startClientConversation();
    const start = await c.command({ saslStart: 1, mechanism: 'MONGODB-AWS', payload: new Binary(conversation.clientFirst, 0), $db: '$external' });
    const final = conversation.respond((start.payload as Binary).buffer, ALICE);
    expect(await c.command({ saslContinue: 1, conversationId: 2, payload: new Binary(final.payload, 0), $db: '$external' })).toEqual({ ok: 0, errmsg: 'sasl: Mismatched conversation id', code: 17, codeName: 'ProtocolError' });
    // The conversation is still there with the right id.
    expect(await c.command({ saslContinue: 1, conversationId: 1, payload: new Binary(final.payload, 0), $db: '$external' })).toMatchObject({ ok: 1, done: true });
  });

  it('a third step is "Invalid AWS authentication step" (code 18 to the client)', async () => {
    const c = await client();
    const conversation = startClientConversation();
    const start = await c.command({ saslStart: 1, mechanism: 'MONGODB-AWS', payload: new Binary(conversation.clientFirst, 0), $db: '$external' });
    const final = new Binary(conversation.respond((start.payload as Binary).buffer, ALICE).payload, 0);
    expect(await c.command({ saslContinue: 1, conversationId: 1, payload: final, $db: '$external' })).toMatchObject({ ok: 1 });
    expect(await c.command({ saslContinue: 1, conversationId: 1, payload: final, $db: '$external' })).toMatchObject({ ok: 0, code: 18 });
    expect(mongo.counters.authFailures[0]?.reason).toMatch(/Invalid AWS authentication step 3/);
  });

  it('a replayed client-final on a new connection fails at STS (nonce mismatch)', async () => {
    await authenticate(await client(), ALICE);
    const captured = clientFinalOf(recorder.requests[0]!);
    const c = await client();
    const start = await c.command({ saslStart: 1, mechanism: 'MONGODB-AWS', payload: new Binary(startClientConversation().clientFirst, 0), $db: '$external' });
    expect(await c.command({ saslContinue: 1, conversationId: start.conversationId, payload: new Binary(captured, 0), $db: '$external' })).toMatchObject({ ok: 0, code: 18 });
    expect(mongo.counters.authFailures[0]).toMatchObject({ code: 'ERR_MONGODB_AWS_STS_REJECTED', stsCode: 'SignatureDoesNotMatch', connectionId: 2 });
  });

  it('other mechanisms are unavailable (334); MONGODB-AWS on another database fails (18)', async () => {
    const c = await client();
    expect(await c.command({ saslStart: 1, mechanism: 'SCRAM-SHA-256', payload: new Binary(new Uint8Array(1), 0), $db: 'admin' })).toMatchObject({ ok: 0, code: 334, codeName: 'MechanismUnavailable' });
    expect(await c.command({ saslStart: 1, mechanism: 'MONGODB-AWS', payload: new Binary(startClientConversation().clientFirst, 0), $db: 'admin' })).toMatchObject({ code: 18 });
    expect(mongo.counters.authFailures[0]?.reason).toMatch(/\$external only/);
    expect(await c.command({ saslStart: 1, mechanism: 'MONGODB-AWS', payload: 'not binary', $db: '$external' })).toMatchObject({ code: 18 });
    expect(await c.command({ saslStart: 1, mechanism: 'MONGODB-AWS', payload: new Binary(BSON.serialize({ r: new Binary(new Uint8Array(32), 0), p: 121 }), 0), $db: '$external' })).toMatchObject({ code: 18 });
    expect(mongo.counters.authFailures.map((f) => f.mongodCode)).toEqual([undefined, undefined, 51284]);
  });

  it('lists saslSupportedMechs for a known $external user only', async () => {
    const c = await client();
    expect(await c.command({ hello: 1, saslSupportedMechs: `$external.${ALICE_ARN}`, $db: 'admin' })).toMatchObject({ saslSupportedMechs: ['MONGODB-AWS'] });
    expect(await c.command({ hello: 1, saslSupportedMechs: '$external.nobody', $db: 'admin' })).not.toHaveProperty('saslSupportedMechs');
  });

  it('logout ends the authentication', async () => {
    const c = await client();
    await authenticate(c, ALICE);
    expect(await c.command({ logout: 1, $db: '$external' })).toEqual({ ok: 1 });
    expect(await c.command({ find: 'x', $db: 'app' })).toMatchObject({ code: 13 });
  });
});

describe('CRUD', () => {
  let c: WireClient;
  beforeEach(async () => {
    c = await client();
    await authenticate(c, ALICE);
    await c.command({ insert: 'items', documents: Array.from({ length: 7 }, (_, i) => ({ _id: i, group: i % 2, name: `n${6 - i}` })), $db: 'app' });
  });

  it('find: equality filter, sort, skip, limit, first batch and getMore', async () => {
    const first = await c.command({ find: 'items', filter: { group: 0 }, sort: { name: 1 }, batchSize: 2, $db: 'app' });
    expect(first.cursor.firstBatch.map((d: { _id: number }) => d._id)).toEqual([6, 4]);
    expect(first.cursor.ns).toBe('app.items');
    const more = await c.command({ getMore: first.cursor.id, collection: 'items', batchSize: 5, $db: 'app' });
    expect(more.cursor.nextBatch.map((d: { _id: number }) => d._id)).toEqual([2, 0]);
    expect(Number(more.cursor.id)).toBe(0);
    expect(await c.command({ getMore: first.cursor.id, collection: 'items', $db: 'app' })).toMatchObject({ ok: 0, code: 43 });
    const limited = await c.command({ find: 'items', sort: { _id: -1 }, skip: 1, limit: 2, $db: 'app' });
    expect(limited.cursor.firstBatch.map((d: { _id: number }) => d._id)).toEqual([5, 4]);
    expect(Number(limited.cursor.id)).toBe(0);
    expect(Number(first.cursor.id)).toBeGreaterThan(0);
  });

  it('killCursors; duplicate _id; unsupported operators are refused, not ignored', async () => {
    const first = await c.command({ find: 'items', batchSize: 1, $db: 'app' });
    expect(await c.command({ killCursors: 'items', cursors: [first.cursor.id], $db: 'app' })).toMatchObject({ cursorsKilled: [first.cursor.id], ok: 1 });
    const dup = await c.command({ insert: 'items', documents: [{ _id: 1 }], $db: 'app' });
    expect(dup).toMatchObject({ n: 0, writeErrors: [{ index: 0, code: 11000 }] });
    expect(await c.command({ find: 'items', filter: { _id: { $gt: 1 } }, $db: 'app' })).toMatchObject({ ok: 0, code: 2, errmsg: expect.stringContaining('$gt') });
    expect(await c.command({ nosuch: 1, $db: 'app' })).toEqual({ ok: 0, errmsg: "no such command: 'nosuch'", code: 59, codeName: 'CommandNotFound' });
    expect(await c.command({ drop: 'items', $db: 'app' })).toMatchObject({ ok: 1 });
    expect(mongo.documents('app', 'items')).toEqual([]);
  });
});

describe('faults', () => {
  it('fail-auth N times (default match: saslStart), then authentication works', async () => {
    const rule = mongo.faults.push({ times: 2, response: { kind: 'fail-auth' } });
    expect(await authenticate(await client(), ALICE)).toMatchObject({ code: 18 });
    expect(await authenticate(await client(), ALICE)).toMatchObject({ code: 18 });
    expect(await authenticate(await client(), ALICE)).toMatchObject({ ok: 1, done: true });
    expect(rule.applied).toBe(2);
    expect(rule.done).toBe(true);
    expect(mongo.counters.authFailures.map((f) => f.code)).toEqual(['ERR_EMULATOR_FAULT', 'ERR_EMULATOR_FAULT']);
    expect(recorder.requests).toHaveLength(1);
  });

  it('drop closes the connection without an answer; after lets some through', async () => {
    mongo.faults.push({ match: { command: 'ping' }, after: 1, times: 1, response: { kind: 'drop' } });
    const c = await client();
    expect(await c.command({ ping: 1, $db: 'admin' })).toEqual({ ok: 1 });
    c.send(opMsg({ ping: 1, $db: 'admin' }));
    await c.untilClosed();
    expect(mongo.commands.last()).toMatchObject({ command: 'ping', ok: undefined, fault: 'drop' });
    expect(await (await client()).command({ ping: 1, $db: 'admin' })).toEqual({ ok: 1 });
  });

  it('error answers with the given document; delay answers normally afterwards', async () => {
    mongo.faults.push({ match: { command: /^buildinfo$/i }, times: 1, response: { kind: 'error', code: 91, codeName: 'ShutdownInProgress', errmsg: 'shutting down' } });
    mongo.faults.push({ match: (r) => r.command === 'ping', times: 1, response: { kind: 'delay', ms: 1 } });
    const c = await client();
    expect(await c.command({ buildInfo: 1, $db: 'admin' })).toEqual({ ok: 0, errmsg: 'shutting down', code: 91, codeName: 'ShutdownInProgress' });
    expect(await c.command({ ping: 1, $db: 'admin' })).toEqual({ ok: 1 });
    expect(mongo.commands.filter({ command: 'ping' })[0]?.fault).toBe('delay');
  });

  it('authFailedDelayMs holds the code-18 reply; close() releases it and ends the socket', async () => {
    await mongo.close();
    mongo = await startMongo({ sts: { verify: recorder.verify }, users: USERS, authFailedDelayMs: 600_000 });
    const c = await client();
    const reply = authenticate(c, { ...ALICE, secretAccessKey: 'w'.repeat(40) }).catch((error: unknown) => error);
    await expect.poll(() => mongo.counters.authFailed).toBe(1);
    expect(c.pendingReplies).toBe(0);
    await mongo.close();
    await c.untilClosed();
    expect(await reply).toBeInstanceOf(Error);
  });

  it('refuses malformed rules with ERR_EMULATOR_FAULT_INVALID', () => {
    for (const rule of [{ response: { kind: 'explode' } }, { times: 0, response: { kind: 'drop' } }, { response: { kind: 'delay', ms: -1 } }, { response: { kind: 'error', code: 'x' } }]) {
      try {
        mongo.faults.push(rule as never);
        throw new Error('accepted');
      } catch (error) {
        expect(isIamkitError(error, 'ERR_EMULATOR_FAULT_INVALID')).toBe(true);
      }
    }
  });
});

describe('handle', () => {
  it('has a driver-ready uri, counters, and a secret-free log, JSON and inspect', async () => {
    expect(mongo.uri).toBe(`mongodb://127.0.0.1:${mongo.port}/?authMechanism=MONGODB-AWS&authSource=$external`);
    await authenticate(await client(), ROLE);
    await authenticate(await client(), { ...ROLE, secretAccessKey: 'q'.repeat(40) });
    expect(mongo.counters.snapshot()).toMatchObject({ connections: 2, authSucceeded: 1, authFailed: 1, byCommand: { saslStart: 2, saslContinue: 2 } });
    const text = [JSON.stringify(mongo), inspect(mongo, { depth: 6 }), JSON.stringify(mongo.commands), inspect(mongo.commands, { depth: 6 }), JSON.stringify(mongo.counters)].join('\n');
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/Signature=[0-9a-f]{64}/);
    expect(text).toContain('SignatureDoesNotMatch');
  });

  it('close() is idempotent and ends open connections', async () => {
    const c = await client();
    await mongo.close();
    await c.untilClosed();
    await mongo.close();
    expect(mongo.closed).toBe(true);
  });

  it('refuses bad options with ERR_EMULATOR_OPTION_INVALID naming the option', async () => {
    const cases: [unknown, RegExp][] = [
      [{}, /`sts`/],
      [{ sts: { verify: recorder.verify }, port: 70000 }, /`port`/],
      [{ sts: { verify: recorder.verify }, authFailedDelayMs: -1 }, /`authFailedDelayMs`/],
      [{ sts: { verify: recorder.verify }, maxWireVersion: 8 }, /`maxWireVersion`/],
      [{ sts: { url: 'ftp://x' } }, /`sts.url`/],
      [{ sts: { verify: recorder.verify }, stsHost: 'a..b' }, /`stsHost`/],
    ];
    for (const [options, message] of cases) {
      await expect(startMongo(options as never)).rejects.toSatisfy((error: unknown) => isIamkitError(error, 'ERR_EMULATOR_OPTION_INVALID') && message.test((error as Error).message));
    }
  });
});
