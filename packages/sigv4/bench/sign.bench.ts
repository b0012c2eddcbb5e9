// Signs the MONGODB-AWS GetCallerIdentity request with iamkit and its peers in one run and prints
// each as a ratio to the FLOOR: the irreducible node:crypto work of any SigV4 signer (SHA-256 of
// the body, SHA-256 of the canonical request, one HMAC with an already-derived key).
import { createHmac, hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { SignatureV4 } from '@smithy/signature-v4';
import aws4 from 'aws4';
import { bench, do_not_optimize, run } from 'mitata';
import { HmacPads } from '../src/hmac-pads.js';
import { createSigner, deriveSigningKey, signRequest } from '../src/index.js';
import {
  EXAMPLE_CREDENTIALS,
  GET_CALLER_IDENTITY_BODY,
  MONGODB_AWS_DATE,
  SERVER_NONCE,
  getCallerIdentityRequest,
  nonceHeader,
} from '../test/helpers/mongodb-aws.js';
import { NodeSha256 } from '../test/helpers/node-sha256.js';

const HOST = 'sts.amazonaws.com';
const REGION = 'us-east-1';
const NONCE = nonceHeader(SERVER_NONCE);
const DATE = new Date(MONGODB_AWS_DATE);
const AMZ_DATE = '20251215T123456Z';
const EXPECTED = '133eeaeb2f590c07662f185e4f20d6a7100c4b8fcf12fc3d94f8fe904881dbb7';
const request = getCallerIdentityRequest(HOST, NONCE);

// The driver's signer is internal; its package has no exports map, so load it by file path.
const requireFromHere = createRequire(import.meta.url);
const { aws4Sign } = requireFromHere('mongodb/lib/cmap/auth/aws4.js') as {
  aws4Sign: (options: Record<string, unknown>, credentials: Record<string, string>) => Promise<{ Authorization: string }>;
};

const signer = createSigner({ region: REGION, service: 'sts', credentials: EXAMPLE_CREDENTIALS, now: () => DATE.getTime() });
const smithy = new SignatureV4({ credentials: EXAMPLE_CREDENTIALS, region: REGION, service: 'sts', sha256: NodeSha256, applyChecksum: false });

const floorKey = deriveSigningKey(EXAMPLE_CREDENTIALS.secretAccessKey, '20251215', REGION, 'sts');
// The canonical request up to its last line, the payload hash, which the floor computes.
const canonicalHead = signer.sign(request).canonicalRequest.slice(0, -64);
const stringToSignHead = `AWS4-HMAC-SHA256\n${AMZ_DATE}\n20251215/${REGION}/sts/aws4_request\n`;

// The fastest plain node:crypto calls: one-shot crypto.hash for SHA-256, createHmac for the HMAC.
function floor(): string {
  const payloadHash = hash('sha256', GET_CALLER_IDENTITY_BODY, 'hex');
  const canonicalHash = hash('sha256', canonicalHead + payloadHash, 'hex');
  return createHmac('sha256', floorKey).update(stringToSignHead + canonicalHash).digest('hex');
}

// For transparency: the same floor with the HMAC iamkit uses (RFC 2104 over two one-shot SHA-256
// with pre-padded keys). The ratio above this one is iamkit's own JavaScript overhead.
const padded = new HmacPads(floorKey);
function floorWithPads(): string {
  const payloadHash = hash('sha256', GET_CALLER_IDENTITY_BODY, 'hex');
  const canonicalHash = hash('sha256', canonicalHead + payloadHash, 'hex');
  return padded.hex(stringToSignHead + canonicalHash);
}

const peers = {
  'iamkit createSigner().sign': () => signer.sign(request).signature,
  'iamkit signRequest': () => signRequest(request, { credentials: EXAMPLE_CREDENTIALS, region: REGION, service: 'sts', date: DATE }).signature,
  aws4: () => {
    const signed = aws4.sign(
      {
        host: HOST,
        method: 'POST',
        path: '/',
        service: 'sts',
        region: REGION,
        body: GET_CALLER_IDENTITY_BODY,
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': '43',
          'X-MongoDB-Server-Nonce': NONCE,
          'X-MongoDB-GS2-CB-Flag': 'n',
          'X-Amz-Date': AMZ_DATE,
        },
      },
      EXAMPLE_CREDENTIALS,
    );
    return /Signature=([0-9a-f]{64})/.exec(String(signed.headers?.Authorization))?.[1];
  },
  '@smithy/signature-v4': async () => {
    const signed = await smithy.sign(
      {
        method: 'POST',
        protocol: 'https:',
        hostname: HOST,
        path: '/',
        query: {},
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': '43',
          host: HOST,
          'x-mongodb-server-nonce': NONCE,
          'x-mongodb-gs2-cb-flag': 'n',
        },
        body: GET_CALLER_IDENTITY_BODY,
      },
      { signingDate: DATE },
    );
    return /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1];
  },
  'mongodb driver aws4Sign': async () => {
    const headers = await aws4Sign(
      {
        method: 'POST',
        host: HOST,
        region: REGION,
        service: 'sts',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': 43,
          'X-MongoDB-Server-Nonce': NONCE,
          'X-MongoDB-GS2-CB-Flag': 'n',
        },
        path: '/',
        body: GET_CALLER_IDENTITY_BODY,
        date: DATE,
      },
      EXAMPLE_CREDENTIALS,
    );
    return /Signature=([0-9a-f]{64})/.exec(headers.Authorization)?.[1];
  },
} as const;

// Every contestant must produce the §6 vector before its speed means anything.
for (const [name, sign] of Object.entries(peers)) {
  const signature = await sign();
  if (signature !== EXPECTED) throw new Error(`${name} signed ${String(signature)}, expected ${EXPECTED}`);
}
if (floor() !== EXPECTED) throw new Error(`floor signed ${floor()}, expected ${EXPECTED}`);
if (floorWithPads() !== EXPECTED) throw new Error(`padded floor signed ${floorWithPads()}, expected ${EXPECTED}`);

bench('FLOOR (2×SHA-256 + HMAC, cached key)', () => do_not_optimize(floor()));
bench('  floor with iamkit\'s HMAC (4×SHA-256, no createHmac)', () => do_not_optimize(floorWithPads()));
for (const [name, sign] of Object.entries(peers)) {
  const fn = sign as () => unknown;
  bench(name, fn.constructor.name === 'AsyncFunction' ? async () => do_not_optimize(await fn()) : () => do_not_optimize(fn()));
}

const { benchmarks } = await run({ format: 'quiet' });
// The median resists the noise of a shared machine better than the mean.
const averages = benchmarks.map((trial) => ({ name: trial.alias, avg: trial.runs[0]?.stats?.p50 ?? Number.NaN }));
const floorAvg = averages[0]?.avg ?? Number.NaN;

const cpu = /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown CPU';
console.log(`\nSigning the MONGODB-AWS GetCallerIdentity request — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpu} (${cpus().length} cores)\n`);
console.log('| signer | median time per signature | × floor |');
console.log('| --- | ---: | ---: |');
for (const { name, avg } of averages) {
  console.log(`| ${name} | ${(avg / 1000).toFixed(2)} µs | ${(avg / floorAvg).toFixed(2)}× |`);
}
