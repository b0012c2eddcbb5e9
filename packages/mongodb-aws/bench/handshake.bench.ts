// The client-side CPU cost of one MONGODB-AWS handshake — client-first, the checks of the
// server-first, the signed client-final — with iamkit's conversation and with the `mongodb` 7.9
// driver's built-in path (its BSON steps and its internal WebCrypto `aws4Sign`, loaded by file
// path), in one run, printed as a ratio. Both use the same fixed nonce, so random-number generation
// is left out on both sides; network round trips and the credential fetch are not client CPU.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { createSigner } from '@iamkit/sigv4';
import { bench, do_not_optimize, run } from 'mitata';
import { createClientFinal, createClientFirst, deriveStsRegion, parseServerFirst } from '../src/index.js';

// The driver's own modules: no exports map, so by path (mongodb 7.9, as installed for the tests).
const requireDriver = createRequire(import.meta.url);
const driverVersion = (requireDriver('mongodb/package.json') as { version: string }).version;
interface DriverBson {
  serialize(doc: Record<string, unknown>, options?: Record<string, unknown>): Uint8Array;
  deserialize(bytes: Uint8Array, options?: Record<string, unknown>): Record<string, unknown>;
  Binary: new (bytes: Uint8Array, subtype: number) => unknown;
}
const BSON = requireDriver('mongodb/lib/bson.js') as DriverBson;
const { aws4Sign } = requireDriver('mongodb/lib/cmap/auth/aws4.js') as {
  aws4Sign: (options: Record<string, unknown>, credentials: Record<string, string>) => Promise<{ Authorization: string; 'X-Amz-Date': string }>;
};

const HOST = 'sts.amazonaws.com';
const CREDENTIALS = {
  accessKeyId: 'ASIAEXAMPLEKEY123456',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2Vj'.padEnd(800, 'x'),
};
const DATE = new Date('2025-12-15T12:34:56Z');
const CLIENT_NONCE = Uint8Array.from({ length: 32 }, (_, i) => i);
const SERVER_NONCE = Uint8Array.from({ length: 64 }, (_, i) => i);
const SERVER_FIRST = BSON.serialize({ s: new BSON.Binary(SERVER_NONCE, 0), h: HOST });
// The driver's deserialize options for SASL payloads.
const DRIVER_BSON_OPTIONS = { useBigInt64: false, promoteLongs: true, promoteValues: true, promoteBuffers: false, bsonRegExp: false };

const signer = createSigner({ region: 'us-east-1', service: 'sts', credentials: CREDENTIALS });

function iamkitHandshake(reuseSigner: boolean): Uint8Array {
  const first = createClientFirst({ randomBytes: () => CLIENT_NONCE });
  const server = parseServerFirst(SERVER_FIRST, first.clientNonce);
  return createClientFinal(server, CREDENTIALS, { date: DATE, signer: reuseSigner ? signer : undefined }).payload;
}

// What mongodb 7.9's MongoDBAWS.auth does between the network round trips (mongodb_aws.js).
async function driverHandshake(): Promise<Uint8Array> {
  const first = BSON.serialize({ r: CLIENT_NONCE, p: 110 }, DRIVER_BSON_OPTIONS);
  const reply = BSON.deserialize(SERVER_FIRST, DRIVER_BSON_OPTIONS) as { h: string; s: { buffer: Uint8Array } };
  const serverNonce = reply.s.buffer;
  if (serverNonce.length !== 64 || !Buffer.from(serverNonce.subarray(0, 32)).equals(Buffer.from(CLIENT_NONCE))) throw new Error('nonce');
  if (reply.h.length < 1 || reply.h.length > 255 || reply.h.includes('..')) throw new Error('host');
  const body = 'Action=GetCallerIdentity&Version=2011-06-15';
  const headers = await aws4Sign(
    {
      method: 'POST',
      host: reply.h,
      region: deriveStsRegion(reply.h),
      service: 'sts',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': body.length, 'X-MongoDB-Server-Nonce': Buffer.from(serverNonce).toString('base64'), 'X-MongoDB-GS2-CB-Flag': 'n' },
      path: '/',
      body,
      date: DATE,
    },
    CREDENTIALS,
  );
  do_not_optimize(first);
  return BSON.serialize({ a: headers.Authorization, d: headers['X-Amz-Date'], t: CREDENTIALS.sessionToken }, DRIVER_BSON_OPTIONS);
}

// Same client-final bytes first, or the speed means nothing.
const ours = Buffer.from(iamkitHandshake(true));
if (!ours.equals(Buffer.from(iamkitHandshake(false))) || !ours.equals(Buffer.from(await driverHandshake()))) throw new Error('the client-finals differ');

bench('iamkit, reused signer (cached signing key)', () => do_not_optimize(iamkitHandshake(true)));
bench('iamkit, one-shot signing', () => do_not_optimize(iamkitHandshake(false)));
bench(`mongodb ${driverVersion} built-in (BSON + aws4Sign)`, async () => do_not_optimize(await driverHandshake()));

const { benchmarks } = await run({ format: 'quiet' });
const results = benchmarks.map((trial) => ({ name: trial.alias, p50: trial.runs[0]?.stats?.p50 ?? Number.NaN }));
const reused = results[0]?.p50 ?? Number.NaN;

const cpu = /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown CPU';
console.log(`\nMONGODB-AWS handshake, client CPU — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpu} (${cpus().length} cores)\n`);
console.log('| client work per handshake | median | × iamkit (reused signer) |');
console.log('| --- | ---: | ---: |');
for (const { name, p50 } of results) {
  const time = p50 >= 1000 ? `${(p50 / 1000).toFixed(1)} µs` : `${p50.toFixed(0)} ns`;
  console.log(`| ${name} | ${time} | ${(p50 / reused).toFixed(1)}× |`);
}
