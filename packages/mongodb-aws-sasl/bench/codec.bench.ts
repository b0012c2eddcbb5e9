// Why the conversation carries its own 150-line BSON codec instead of depending on `bson`: this
// measures both on the three MONGODB-AWS documents (speed), and what each costs to load (a fresh
// `node` that only requires it) and to install (bytes on disk).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { Binary, BSON } from 'bson';
import { bench, do_not_optimize, run } from 'mitata';
import { decodeDocument } from '../src/bson/decode-document.js';
import { encodeDocument } from '../src/bson/encode-document.js';

const nonce = new Uint8Array(32).fill(7);
const serverNonce = new Uint8Array(64).fill(9);
const serverFirst = BSON.serialize({ s: new Binary(serverNonce, 0), h: 'sts.amazonaws.com' });
const a = `AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEKEY123456/20251215/us-east-1/sts/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-date;x-amz-security-token;x-mongodb-gs2-cb-flag;x-mongodb-server-nonce, Signature=${'a'.repeat(64)}`;
const d = '20251215T123456Z';
const t = 'IQoJb3JpZ2luX2Vj'.padEnd(800, 'x');

// Same bytes first, or the speed means nothing.
const same = (x: Uint8Array, y: Uint8Array): boolean => Buffer.from(x).equals(Buffer.from(y));
if (!same(encodeDocument([['r', { type: 'binary', bytes: nonce }], ['p', { type: 'int32', value: 110 }]]), BSON.serialize({ r: nonce, p: 110 }))) throw new Error('client-first differs');
if (!same(encodeDocument([['a', { type: 'string', value: a }], ['d', { type: 'string', value: d }], ['t', { type: 'string', value: t }]]), BSON.serialize({ a, d, t }))) throw new Error('client-final differs');

bench('iamkit: encode client-first', () => do_not_optimize(encodeDocument([['r', { type: 'binary', bytes: nonce }], ['p', { type: 'int32', value: 110 }]])));
bench('bson:   encode client-first', () => do_not_optimize(BSON.serialize({ r: nonce, p: 110 })));
bench('iamkit: decode server-first (full validation)', () => do_not_optimize(decodeDocument(serverFirst)));
bench('bson:   decode server-first', () => do_not_optimize(BSON.deserialize(serverFirst)));
bench('iamkit: encode client-final (with token)', () => do_not_optimize(encodeDocument([['a', { type: 'string', value: a }], ['d', { type: 'string', value: d }], ['t', { type: 'string', value: t }]])));
bench('bson:   encode client-final (with token)', () => do_not_optimize(BSON.serialize({ a, d, t })));

const { benchmarks } = await run({ format: 'quiet' });
const medians = benchmarks.map((trial) => ({ name: trial.alias, p50: trial.runs[0]?.stats?.p50 ?? Number.NaN }));

function bytesOnDisk(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, entry) => sum + bytesOnDisk(join(path, entry)), 0);
}
function loadMs(specifier: string): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(specifier)});console.log(Number(process.hrtime.bigint()-t)/1e6)`;
  const runs = Array.from({ length: 7 }, () => Number(execFileSync(process.execPath, ['-e', script], { cwd: import.meta.dirname, encoding: 'utf8' })));
  return runs.sort((x, y) => x - y)[3] ?? Number.NaN;
}
const requireHere = createRequire(import.meta.url);
// bson's exports map hides package.json: find its folder from the entry point.
const bsonDir = dirname(dirname(requireHere.resolve('bson')));
const bsonVersion = (JSON.parse(readFileSync(join(bsonDir, 'package.json'), 'utf8')) as { version: string }).version;
const codecFiles = ['bson-types.ts', 'decode-document.ts', 'encode-document.ts'].map((f) => join(import.meta.dirname, '../src/bson', f));
const codecBytes = codecFiles.reduce((sum, file) => sum + readFileSync(file).length, 0);

const cpu = /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown CPU';
console.log(`\nMONGODB-AWS payload codec — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpu} (${cpus().length} cores)\n`);
console.log('| operation | iamkit codec | bson 7 | bson ÷ iamkit |');
console.log('| --- | ---: | ---: | ---: |');
for (let i = 0; i < medians.length; i += 2) {
  const ours = medians[i]!;
  const theirs = medians[i + 1]!;
  console.log(`| ${ours.name.replace('iamkit: ', '')} | ${ours.p50.toFixed(0)} ns | ${theirs.p50.toFixed(0)} ns | ${(theirs.p50 / ours.p50).toFixed(1)}× |`);
}
console.log(`\n| cost | iamkit codec | bson ${bsonVersion} |`);
console.log('| --- | ---: | ---: |');
console.log(`| on disk | ${(codecBytes / 1024).toFixed(1)} KiB of TypeScript (3 files) | ${(bytesOnDisk(bsonDir) / 1024 / 1024).toFixed(1)} MiB |`);
console.log(`| require() in a fresh process (median of 7) | part of this package | ${loadMs('bson').toFixed(1)} ms |`);
