// The mongodb driver's own MONGODB-AWS path, with "@aws-sdk/credential-providers" aliased to this
// package in a project outside the workspace, installed with npm from packed tarballs: the driver
// requires us, calls our fromNodeProviderChain() once per MongoClient, fetches credentials from the
// container endpoint and authenticates against the MongoDB emulator (which asks the STS emulator).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { startEcsAgent, startMongo, startSts, type EcsAgent, type MongoEmulator, type StsEmulator } from '@iamkit/emulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npmEnv, packAll, run, workspaceClosure } from './pack.js';

const TASK_SESSION = 'arn:aws:sts::123456789012:assumed-role/task-role/ecs-task-1';
const TASK_USER = 'arn:aws:sts::123456789012:assumed-role/task-role/*';

// A CommonJS program, as a user's app would be: several MongoClients, concurrent operations,
// no AWS_CREDENTIAL_PROVIDER, so the driver calls require('@aws-sdk/credential-providers').
const PROGRAM = `
const driver = process.argv[2];
const { MongoClient } = require(driver);
const aliased = require('@aws-sdk/credential-providers/package.json');
async function main() {
  const clients = Array.from({ length: 4 }, () => new MongoClient(process.env.MONGODB_URI, { maxPoolSize: 4, serverSelectionTimeoutMS: 10000 }));
  try {
    await Promise.all(clients.flatMap((c, i) => Array.from({ length: 8 }, (_, j) => c.db('app').collection('items').insertOne({ driver, i, j }))));
    const status = await clients[0].db('admin').command({ connectionStatus: 1 });
    const count = (await clients[1].db('app').collection('items').find({ driver }).toArray()).length;
    console.log(JSON.stringify({ aliased: aliased.name, user: status.authInfo.authenticatedUsers[0].user, count }));
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}
main().catch((error) => { console.error(error && error.stack || error); process.exit(1); });
`;

let scratch: string;
let agent: EcsAgent;
let sts: StsEmulator;
let mongo: MongoEmulator;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'iamkit-alias-'));
  const tarballs = await packAll(workspaceClosure('@iamkit/credential-providers'), scratch);
  const file = (name: string): string => `file:./${relative(scratch, tarballs.get(name) ?? '')}`;
  const dependencies: Record<string, string> = { mongodb: '7.9.0', mongodb6: 'npm:mongodb@6.22.0', aws4: '1.13.2', '@aws-sdk/credential-providers': file('@iamkit/credential-providers') };
  for (const name of tarballs.keys()) if (name !== '@iamkit/credential-providers') dependencies[name] = file(name);
  // mongodb declares an optional peer @aws-sdk/credential-providers@^3.806.0; the override makes npm
  // accept the alias there too (the recipe in the README).
  const manifest = { name: 'iamkit-alias-check', private: true, dependencies, overrides: { '@aws-sdk/credential-providers': '$@aws-sdk/credential-providers' } };
  await writeFile(join(scratch, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(join(scratch, 'check.cjs'), PROGRAM);
  const install = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: scratch, env: npmEnv() });
  if (install.code !== 0) throw new Error(`npm install in ${scratch} failed:\n${install.output}`);

  agent = await startEcsAgent();
  const task = agent.credentials;
  sts = await startSts({ users: [{ accessKeyId: task.accessKeyId, secretAccessKey: task.secretAccessKey, sessionToken: task.sessionToken, expiration: task.expiration, arn: TASK_SESSION }] });
  mongo = await startMongo({ sts: { url: sts.url }, stsHost: 'localhost', users: [TASK_USER] });
}, 240_000);

afterAll(async () => {
  await mongo?.close();
  await sts?.close();
  await agent?.close();
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
});

// Which iamkit packages a CommonJS program has loaded, after requiring the alias and optionally
// fetching environment credentials through the default chain.
const LOADED = `
const providers = require('@aws-sdk/credential-providers');
const loaded = () => [...new Set(Object.keys(require.cache).map((f) => /node_modules[\\/](@iamkit[\\/][^\\/]+)/.exec(f)?.[1]).filter(Boolean).map((n) => n.replace('\\\\', '/')))].sort();
const atRequire = loaded();
providers.fromNodeProviderChain()().then((c) => console.log(JSON.stringify({ atRequire, afterEnvFetch: loaded(), key: c.accessKeyId })));
`;

it('loads only the core at require time, and the sources a fetch needs on first use', async () => {
  await writeFile(join(scratch, 'loaded.cjs'), LOADED);
  const env = { PATH: process.env.PATH, HOME: scratch, AWS_ACCESS_KEY_ID: 'AKIAEXAMPLELOADED001', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYLOADEDKEY1' };
  const result = await run(process.execPath, ['loaded.cjs'], { cwd: scratch, env, timeoutMs: 30_000 });
  expect(result.code, result.output).toBe(0);
  // (This package itself is installed as node_modules/@aws-sdk/credential-providers.)
  const core = ['@iamkit/credential-env', '@iamkit/credentials'];
  expect(JSON.parse(result.stdout.trim())).toEqual({ atRequire: core, afterEnvFetch: core, key: 'AKIAEXAMPLELOADED001' });
});

describe.each([
  ['mongodb', '7.9.0'],
  ['mongodb6', '6.22.0'],
])('the %s driver (%s) with @aws-sdk/credential-providers aliased to @iamkit/credential-providers', (driver) => {
  it('authenticates every connection of several MongoClients with one credential request', async () => {
    const before = { container: agent.counters.total, auth: mongo.counters.authSucceeded, sts: sts.calls.length };
    // Only what the program needs: the host's own AWS settings must not leak in.
    const env = { PATH: process.env.PATH, MONGODB_URI: mongo.uri, AWS_CONTAINER_CREDENTIALS_FULL_URI: agent.fullUri, AWS_EC2_METADATA_DISABLED: 'true', HOME: scratch };
    const result = await run(process.execPath, ['check.cjs', driver], { cwd: scratch, env, timeoutMs: 60_000 });
    expect(result.code, result.output).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toEqual({ aliased: '@iamkit/credential-providers', user: TASK_USER, count: 32 });
    const connections = mongo.counters.authSucceeded - before.auth;
    expect(connections).toBeGreaterThanOrEqual(4);
    expect(mongo.counters.authFailed).toBe(0);
    // Every authentication was checked by STS, with the task-role credentials…
    expect(sts.calls.length - before.sts).toBe(connections);
    expect(sts.calls.slice(before.sts).every((c) => c.action === 'GetCallerIdentity' && c.status === 200 && c.accessKeyId === agent.credentials.accessKeyId)).toBe(true);
    // …which the container endpoint handed out once, for four MongoClients and all their connections.
    expect(agent.counters.total - before.container).toBe(1);
  }, 90_000);
});
