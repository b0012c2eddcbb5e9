#!/usr/bin/env node
// `pnpm demo`: the connection storm with a naive per-connection credential provider and with
// iamkit, on loopback emulators — or, with MONGODB_URI set, the iamkit workload on your cluster.
import { parseArgs } from 'node:util';
import { processEnv } from './env.js';
import { formatReport } from './report.js';
import { runAgainstCluster, runDemo } from './run-demo.js';

const USAGE = `usage: pnpm demo [-- --pool N] [--concurrency N] [--rate-limit RATE,BURST]
  defaults: pool 100, 200 concurrent operations per burst, the ECS agent's own limit (40,60)
  MONGODB_URI=mongodb+srv://…  runs the iamkit workload against that cluster (database IAMKIT_DEMO_DB, default iamkit_demo)`;

function positive(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new Error(`--${name} must be an integer from 1 to 10000.\n${USAGE}`);
  return n;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    // pnpm passes a literal `--` through to the script; skip it.
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: { pool: { type: 'string' }, concurrency: { type: 'string' }, 'rate-limit': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help === true) {
    console.log(USAGE);
    return 0;
  }
  const options = {
    maxPoolSize: positive(values.pool, 'pool', 100),
    concurrency: positive(values.concurrency, 'concurrency', 200),
    rateLimit: values['rate-limit'],
    log: (line: string) => {
      console.log(line);
    },
  };
  const env = processEnv();
  const uri = env.MONGODB_URI;
  const report = uri === undefined || uri === '' ? await runDemo(options) : await runAgainstCluster(uri, env, { ...options, database: env.IAMKIT_DEMO_DB });
  console.log('');
  console.log(formatReport(report));
  const iamkit = report.runs.find((run) => run.label === 'iamkit');
  return iamkit?.workload.failed === 0 && iamkit.pool.failedHandshakes === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
