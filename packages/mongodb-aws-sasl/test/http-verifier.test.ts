// The HTTP verifier against a real loopback STS: an http server that checks requests with the
// local verifier and answers in STS's XML, with programmable failures.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpStsVerifier, createLocalStsVerifier, createMongoAwsServer, type StsRequest } from '../src/index.js';
import { converse } from './helpers/conversation.js';

const NOW = Date.parse('2026-03-01T10:00:00Z');
const ALICE = { accessKeyId: 'AKIAALICEEXAMPLE0001', secretAccessKey: 'aliceSecretKeyaliceSecretKeyaliceSecret1', arn: 'arn:aws:iam::123456789012:user/Alice' };
const TEMP = { accessKeyId: 'ASIATEMPEXAMPLE00002', secretAccessKey: 'tempSecretKeytempSecretKeytempSecretKey2', sessionToken: 'IQoJb3JpZ2luX2VjTEMPTOKEN', expiration: new Date(NOW - 1000), arn: 'arn:aws:iam::123456789012:user/Temp' };
const local = createLocalStsVerifier({ identities: [ALICE, TEMP], now: () => NOW });

type Behaviour = (req: IncomingMessage, res: ServerResponse, body: string) => Promise<boolean> | boolean;

let server: Server;
let url: string;
let received: { host: string | undefined; headers: IncomingMessage['headers'] }[];
let behaviours: Behaviour[];

async function answer(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headersDistinct)) headers[name] = (value ?? []).join(',');
  const request: StsRequest = { url: `http://${req.headers.host}${req.url}`, method: 'POST', headers, body };
  const verdict = await local(request);
  if (verdict.arn !== undefined) {
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.end(`<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n  <GetCallerIdentityResult>\n    <Arn>${verdict.arn}</Arn>\n    <UserId>AIDA</UserId>\n    <Account>123456789012</Account>\n  </GetCallerIdentityResult>\n  <ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>\n</GetCallerIdentityResponse>\n`);
    return;
  }
  res.writeHead(verdict.status ?? 403, { 'content-type': 'text/xml' });
  res.end(`<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${verdict.stsCode}</Code><Message>${verdict.error.replace(/^\w+: /, '')} &amp; more</Message></Error><RequestId>1</RequestId></ErrorResponse>`);
}

beforeEach(async () => {
  received = [];
  behaviours = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ host: req.headers.host, headers: req.headers });
      void (async () => {
        const behaviour = behaviours.shift();
        if (behaviour !== undefined && (await behaviour(req, res, body))) return;
        await answer(req, res, body);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const mongo = (retryCount?: number) => createMongoAwsServer({ stsUrl: url, stsHost: 'localhost', verify: createHttpStsVerifier({ retryCount }) });

describe('createHttpStsVerifier', () => {
  it('POSTs the rebuilt request with Host = h (no port) and reads the Arn', async () => {
    const { final } = await converse(mongo(), ALICE, NOW);
    expect(final).toMatchObject({ ok: true, user: ALICE.arn });
    expect(received).toHaveLength(1);
    expect(received[0]!.host).toBe('localhost');
    expect(received[0]!.headers['x-mongodb-gs2-cb-flag']).toBe('n');
    expect(received[0]!.headers['content-length']).toBe('43');
  });

  it('reports STS\'s refusal with its code, without retrying a 4xx', async () => {
    const { final } = await converse(mongo(), { ...TEMP }, NOW);
    if (final.ok) throw new Error('expected ExpiredToken');
    expect(final.error).toMatchObject({ code: 'ERR_MONGODB_AWS_STS_REJECTED', stsCode: 'ExpiredToken', status: 403 });
    expect(final.reason).toContain('Failed connecting to AWS STS. HTTP Status Code: 403: ExpiredToken (The security token included in the request is expired & more)');
    expect(final.reason).not.toContain(TEMP.sessionToken);
    expect(received).toHaveLength(1);
  });

  it('retries a 5xx and a reset connection (mongod: awsSTSRetryCount, default 2) and then succeeds', async () => {
    behaviours.push(
      (_req, res) => (res.writeHead(503).end('<ErrorResponse><Error><Code>ServiceUnavailable</Code></Error></ErrorResponse>'), true),
      (req) => (req.socket.resetAndDestroy(), true),
    );
    const { final } = await converse(mongo(), ALICE, NOW);
    expect(final).toMatchObject({ ok: true });
    expect(received).toHaveLength(3);
  });

  it('gives up after retryCount + 1 attempts with mongod\'s message', async () => {
    for (let i = 0; i < 5; i++) behaviours.push((_req, res) => (res.writeHead(500).end(), true));
    const { final } = await converse(mongo(1), ALICE, NOW);
    if (final.ok) throw new Error('expected a failure');
    expect(final.error).toMatchObject({ code: 'ERR_MONGODB_AWS_STS_FAILED', status: 500, retryable: true });
    expect(final.reason).toContain('Failed connecting to AWS STS. HTTP Status Code: 500');
    expect(received).toHaveLength(2);
  });

  it('a 200 without an Arn is a failure (mongod 51283)', async () => {
    behaviours.push((_req, res) => (res.writeHead(200).end('<GetCallerIdentityResponse><GetCallerIdentityResult></GetCallerIdentityResult></GetCallerIdentityResponse>'), true));
    const { final } = await converse(mongo(0), ALICE, NOW);
    if (final.ok) throw new Error('expected a failure');
    expect(final.error.mongodCode).toBe(51283);
    expect(final.reason).toContain('without GetCallerIdentityResponse/GetCallerIdentityResult/Arn');
  });

  it('an unreachable STS is a retryable failure naming the problem', async () => {
    const dead = createMongoAwsServer({ stsUrl: 'http://127.0.0.1:1/', stsHost: 'localhost', verify: createHttpStsVerifier({ retryCount: 0, connectTimeoutMs: 500 }) });
    const { final } = await converse(dead, ALICE, NOW);
    if (final.ok) throw new Error('expected a failure');
    expect(final.error).toMatchObject({ code: 'ERR_MONGODB_AWS_STS_FAILED', retryable: true });
    expect(final.reason).toContain('Failed connecting to AWS STS');
  });

  it('refuses a bad retryCount', () => {
    expect(() => createHttpStsVerifier({ retryCount: -1 })).toThrow(/retryCount/);
    expect(() => createHttpStsVerifier({ retryCount: 1.5 })).toThrow(/retryCount/);
  });
});
