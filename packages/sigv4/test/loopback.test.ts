import { once } from 'node:events';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigner, verifySignature } from '../src/index.js';

// What the signer signs is what really goes on the wire: requests are sent with fetch (undici) and
// http.request to a loopback server, which verifies them from what it received.
const credentials = Object.freeze({ accessKeyId: 'ASIAEXAMPLEKEY123456', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'FwoGZXIvYXdzEB+token/==' });
const NOW = Date.parse('2025-12-15T12:34:56Z');

interface Verdict {
  readonly valid: boolean;
  readonly code?: string;
  readonly mode?: string;
  readonly sessionToken?: string;
}

let server: Server;
let origin: string;

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void bodyOf(req).then((body) => {
      const result = verifySignature(
        // headersDistinct keeps repeated header lines apart, so they are joined with ',' as SigV4 says.
        { method: req.method ?? 'GET', url: `http://${req.headers.host ?? ''}${req.url ?? '/'}`, headers: req.headersDistinct, body: body.length > 0 ? body : undefined },
        { credentials, now: NOW, service: 'execute-api' },
      );
      const verdict: Verdict = result.valid ? { valid: true, mode: result.mode, sessionToken: result.sessionToken } : { valid: false, code: result.error.code };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(verdict));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.close();
  await once(server, 'close');
});

const signer = createSigner({ region: 'us-east-1', service: 'execute-api', credentials, now: () => NOW });

describe('signed requests sent over loopback verify on the server', () => {
  it('fetch with a body, a query with unicode and spaces, and untidy header values', async () => {
    const signed = signer.sign({
      method: 'POST',
      url: `${origin}/items/a%20b?name=Zo%C3%AB&tag=x&tag=a&empty`,
      headers: { 'Content-Type': 'application/json', 'X-Custom': '  two   spaces  ' },
      body: '{"id":1}',
    });
    const response = await fetch(signed.url, { method: signed.method, headers: signed.headers, body: signed.body as string });
    expect(await response.json()).toEqual({ valid: true, mode: 'header', sessionToken: credentials.sessionToken });
  });

  it('a presigned URL fetched with GET', async () => {
    const presigned = signer.presign({ method: 'GET', url: `${origin}/report?format=csv` }, { expiresIn: 60 });
    const response = await fetch(presigned.url, { headers: presigned.headers });
    expect(await response.json()).toEqual({ valid: true, mode: 'query', sessionToken: credentials.sessionToken });
  });

  it('http.request with repeated header lines, bytes, and a path with a dot segment', async () => {
    const signed = signer.sign({
      method: 'PUT',
      url: `${origin}/a/./b`,
      headers: [
        ['X-Repeat', 'one'],
        ['X-Repeat', 'two'],
      ],
      body: Uint8Array.from([0, 255, 10, 13]),
    });
    const headers: Record<string, string | string[]> = { ...signed.headers, 'X-Repeat': ['one', 'two'] };
    const verdict = await new Promise<Verdict>((resolve, reject) => {
      const req = httpRequest(`${origin}/a/./b`, { method: 'PUT', headers }, (res) => {
        void bodyOf(res).then((body) => resolve(JSON.parse(body.toString('utf8')) as Verdict), reject);
      });
      req.on('error', reject);
      req.end(Buffer.from([0, 255, 10, 13]));
    });
    expect(verdict).toEqual({ valid: true, mode: 'header', sessionToken: credentials.sessionToken });
  });

  it('a header changed after signing is caught', async () => {
    const signed = signer.sign({ method: 'GET', url: `${origin}/x`, headers: { 'X-Role': 'reader' } });
    const response = await fetch(signed.url, { headers: { ...signed.headers, 'X-Role': 'admin' } });
    expect(await response.json()).toEqual({ valid: false, code: 'ERR_SIGV4_SIGNATURE_MISMATCH' });
  });
});
