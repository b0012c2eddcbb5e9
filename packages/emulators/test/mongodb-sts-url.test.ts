// `sts: { url }`: the emulator POSTs the rebuilt request over HTTP as mongod does, with Host = h.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalStsVerifier } from '@iamkit/mongodb-aws-sasl';
import { MongoClient } from 'mongodb';
import { afterEach, expect, it } from 'vitest';
import { startMongo } from '../src/index.js';
import { ALICE, ALICE_ARN, IDENTITIES, USERS } from './mongo-fixtures.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function loopbackSts(failFirst: number): Promise<{ url: string; hosts: string[] }> {
  const local = createLocalStsVerifier({ identities: IDENTITIES });
  const hosts: string[] = [];
  let failures = failFirst;
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      hosts.push(req.headers.host ?? '');
      if (failures-- > 0) {
        res.writeHead(503).end();
        return;
      }
      const headers = Object.fromEntries(Object.entries(req.headersDistinct).map(([k, v]) => [k, (v ?? []).join(',')]));
      void local({ url: `http://${req.headers.host}/`, method: 'POST', headers, body }).then((verdict) => {
        if (verdict.arn === undefined) res.writeHead(403).end(`<ErrorResponse><Error><Code>${verdict.stsCode}</Code><Message>${verdict.error}</Message></Error></ErrorResponse>`);
        else res.writeHead(200).end(`<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>${verdict.arn}</Arn></GetCallerIdentityResult></GetCallerIdentityResponse>`);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hosts };
}

it('forwards to the STS URL with Host = h (no port), retrying a 5xx as mongod does', async () => {
  const sts = await loopbackSts(1);
  const mongo = await startMongo({ sts: { url: sts.url }, stsHost: 'localhost', users: USERS });
  closers.push(() => mongo.close());
  expect(mongo.stsHost).toBe('localhost');
  const client = new MongoClient(mongo.uri, { authMechanismProperties: { AWS_CREDENTIAL_PROVIDER: async () => ALICE }, serverSelectionTimeoutMS: 5000 });
  closers.push(() => client.close());
  expect(await client.db('admin').command({ connectionStatus: 1 })).toMatchObject({ authInfo: { authenticatedUsers: [{ user: ALICE_ARN }] } });
  expect(sts.hosts).toEqual(['localhost', 'localhost']);
});

it('derives h from the STS URL when stsHost is not given (127.0.0.1 → region "0"), and reports STS refusals', async () => {
  const sts = await loopbackSts(0);
  const mongo = await startMongo({ sts: { url: sts.url, retryCount: 0 }, users: USERS });
  closers.push(() => mongo.close());
  expect(mongo.stsHost).toBe('127.0.0.1');
  const client = new MongoClient(mongo.uri, { authMechanismProperties: { AWS_CREDENTIAL_PROVIDER: async () => ({ ...ALICE, secretAccessKey: 'x'.repeat(40) }) }, serverSelectionTimeoutMS: 5000 });
  closers.push(() => client.close());
  await expect(client.db('app').command({ ping: 1 })).rejects.toMatchObject({ code: 18 });
  expect(mongo.counters.authFailures[0]).toMatchObject({ code: 'ERR_MONGODB_AWS_STS_REJECTED', stsCode: 'SignatureDoesNotMatch' });
  expect(mongo.counters.authFailures[0]?.reason).toContain('HTTP Status Code: 403');
});
