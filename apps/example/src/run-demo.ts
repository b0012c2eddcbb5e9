import type { Env } from '@iamkit/credentials';
import { explainMongoAwsError, type MongoAwsExplanation, type MongoAwsProvider, type MongoAwsProviderStats } from '@iamkit/mongodb-aws';
import { MongoClient } from 'mongodb';
import { createServiceClient, createServiceProvider, poolClientOptions, type PoolOptions } from './create-client.js';
import { startEmulatorHost } from './emulator-host-client.js';
import { naiveProvider } from './naive-provider.js';
import { timedProvider } from './timed-provider.js';
import { createPoolMonitor, type PoolSnapshot } from './pool-monitor.js';
import { runWorkload, type WorkloadResult } from './workload.js';

/** Sizes and settings of a demo run. */
export interface DemoOptions {
  /** Default 100. */
  readonly maxPoolSize?: number | undefined;
  /** Operations per burst, all at once. Default 200. */
  readonly concurrency?: number | undefined;
  /** The ECS agent emulator's limit ("RATE,BURST"); default its own, 40/s burst 60. */
  readonly rateLimit?: string | undefined;
  readonly serverSelectionTimeoutMS?: number | undefined;
  /** The built emulator host; default `emulator-host.js` beside this file. */
  readonly hostPath?: string | URL | undefined;
  /** Progress lines. */
  readonly log?: ((line: string) => void) | undefined;
}

/** One run of the workload with one credential provider. */
export interface RunReport {
  readonly label: 'naive' | 'iamkit';
  readonly pool: PoolSnapshot;
  /** How long each handshake waited for the credential provider, ms, sorted. */
  readonly credentialWaitMs: readonly number[];
  readonly workload: WorkloadResult;
  /** Requests the credential endpoint received (the ECS emulator's count; on a real cluster, the cache's fetches). */
  readonly credentialRequests: number;
  /** 429s the ECS emulator answered; undefined on a real cluster. */
  readonly throttled: number | undefined;
  /** Authentications the MongoDB emulator accepted; undefined on a real cluster. */
  readonly serverAuthentications: number | undefined;
  /** The first failed operation, explained. */
  readonly explanation: MongoAwsExplanation | undefined;
  readonly provider: MongoAwsProviderStats | undefined;
}

export interface DemoReport {
  readonly mode: 'emulators' | 'cluster';
  readonly maxPoolSize: number;
  readonly concurrency: number;
  readonly rateLimit: string | undefined;
  readonly runs: readonly RunReport[];
}

function sizes(options: DemoOptions): { pool: PoolOptions; concurrency: number } {
  const maxPoolSize = options.maxPoolSize ?? 100;
  const concurrency = options.concurrency ?? 200;
  if (!Number.isInteger(maxPoolSize) || maxPoolSize < 1) throw new RangeError(`maxPoolSize must be a positive integer, got ${String(maxPoolSize)}`);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${String(concurrency)}`);
  return { pool: { maxPoolSize, serverSelectionTimeoutMS: options.serverSelectionTimeoutMS }, concurrency };
}

async function emulatorRun(label: RunReport['label'], options: DemoOptions): Promise<RunReport & { readonly rateLimit: string }> {
  const { pool, concurrency } = sizes(options);
  const host = await startEmulatorHost({ rateLimit: options.rateLimit }, options.hostPath);
  let client: MongoClient | undefined;
  try {
    let provider: MongoAwsProvider | undefined;
    let timed: ReturnType<typeof timedProvider>;
    if (label === 'iamkit') {
      provider = createServiceProvider(host.containerEnv);
      timed = timedProvider(provider);
      client = createServiceClient(host.mongoUri, provider, { ...pool, measure: timed.provider });
    } else {
      timed = timedProvider(naiveProvider(host.containerEnv));
      client = new MongoClient(host.mongoUri, { ...poolClientOptions(pool), authMechanismProperties: { AWS_CREDENTIAL_PROVIDER: timed.provider } });
    }
    const monitor = createPoolMonitor();
    monitor.watch(client);
    const connected = client;
    const items = () => connected.db('demo').collection('items');
    const workload = await runWorkload({
      concurrency,
      collection: items,
      // The server drops the connection of the next find, as a failing-over server does: the
      // driver clears the whole pool, and the next burst refills it from zero. The find itself is
      // retried by the driver; it is the trigger, not part of the workload.
      failover: async () => {
        await host.dropNextFind();
        await items().findOne({ failover: true }).catch(() => undefined);
      },
    });
    const stats = await host.stats();
    return {
      label,
      rateLimit: host.rateLimit,
      pool: monitor.snapshot(),
      credentialWaitMs: timed.durations(),
      workload,
      credentialRequests: stats.agent.requests,
      throttled: stats.agent.throttled,
      serverAuthentications: stats.mongo.authSucceeded,
      explanation: workload.firstError === undefined ? undefined : explainMongoAwsError(workload.firstError, { provider, stsHost: 'sts.amazonaws.com' }),
      provider: provider?.stats(),
    };
  } finally {
    await client?.close();
    await host.close();
  }
}

/**
 * The demo on loopback emulators in a separate process (ECS agent at its default limit, STS,
 * MongoDB forwarding to STS): the same workload with a naive per-connection provider, then with
 * iamkit, each against fresh emulators.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoReport> {
  const { pool, concurrency } = sizes(options);
  const log = options.log ?? (() => undefined);
  log(`naive run: ${String(concurrency)} concurrent operations × 2 bursts through a pool of ${String(pool.maxPoolSize)}, a failover between them…`);
  const naive = await emulatorRun('naive', options);
  log(`iamkit run: the same…`);
  const iamkit = await emulatorRun('iamkit', options);
  return { mode: 'emulators', maxPoolSize: pool.maxPoolSize, concurrency, rateLimit: iamkit.rateLimit, runs: [naive, iamkit] };
}

/**
 * The iamkit workload against a real cluster (`MONGODB_URI`), with the default credential chain
 * from this process's environment. The failover is a reconnect: a new client, the same provider.
 * Writes to `<database>.workload` and drops it at the end.
 */
export async function runAgainstCluster(uri: string, env: Env, options: DemoOptions & { readonly database?: string | undefined } = {}): Promise<DemoReport> {
  const { pool, concurrency } = sizes(options);
  const database = options.database ?? 'iamkit_demo';
  const provider = createServiceProvider(env);
  const timed = timedProvider(provider);
  const monitor = createPoolMonitor();
  const open = (): MongoClient => {
    const created = createServiceClient(uri, provider, { ...pool, measure: timed.provider });
    monitor.watch(created);
    return created;
  };
  let client = open();
  try {
    const workload = await runWorkload({
      concurrency,
      collection: () => client.db(database).collection('workload'),
      failover: async () => {
        await client.close();
        client = open();
      },
    });
    await client.db(database).collection('workload').drop().catch(() => undefined);
    const stats = provider.stats();
    const run: RunReport = {
      label: 'iamkit',
      pool: monitor.snapshot(),
      credentialWaitMs: timed.durations(),
      workload,
      credentialRequests: stats.cache.fetches,
      throttled: undefined,
      serverAuthentications: undefined,
      explanation: workload.firstError === undefined ? undefined : explainMongoAwsError(workload.firstError, { provider }),
      provider: stats,
    };
    return { mode: 'cluster', maxPoolSize: pool.maxPoolSize, concurrency, rateLimit: undefined, runs: [run] };
  } finally {
    await client.close();
  }
}
