import { startEcsAgent, startMongo, startSts } from '@iamkit/emulators';
import { afterEach, describe, expect, it } from 'vitest';
import { percentile } from '../src/pool-monitor.js';
import { formatReport } from '../src/report.js';
import { runAgainstCluster, runDemo } from '../src/run-demo.js';

// The runs fork the BUILT emulator host; turbo builds this app before its tests.
const hostPath = new URL('../dist/emulator-host.js', import.meta.url);

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe('pnpm demo, at CI sizes', () => {
  it('naive: 429s turn into failed authentications; iamkit: one credential request, no errors, every connection authenticated', { timeout: 60_000 }, async () => {
    // A pool of 30 against an agent limit the naive storm must exceed (5/s, burst 10).
    const report = await runDemo({ maxPoolSize: 30, concurrency: 60, rateLimit: '5,10', hostPath });
    const [naive, iamkit] = report.runs;
    expect(report).toMatchObject({ mode: 'emulators', maxPoolSize: 30, concurrency: 60, rateLimit: '5/s, burst 10' });

    expect(naive?.label).toBe('naive');
    expect(naive?.throttled).toBeGreaterThanOrEqual(1);
    expect(naive?.pool.failedHandshakes).toBeGreaterThanOrEqual(1);
    expect(naive?.workload.failed).toBeGreaterThanOrEqual(1);
    expect(naive?.credentialRequests).toBeGreaterThan(30);
    expect(naive?.explanation?.topic).toBe('credentials-throttled');

    expect(iamkit?.label).toBe('iamkit');
    expect(iamkit?.credentialRequests).toBe(1);
    expect(iamkit?.throttled).toBe(0);
    expect(iamkit?.workload).toMatchObject({ operations: 120, failed: 0, errors: {} });
    expect(iamkit?.pool.failedHandshakes).toBe(0);
    // Every connection authenticated — the pool filled twice (before and after the failover).
    expect(iamkit?.pool.authenticated).toBeGreaterThanOrEqual(60);
    expect(iamkit?.pool.authenticated).toBe(iamkit?.serverAuthentications);
    expect(iamkit?.pool.poolClears).toBeGreaterThanOrEqual(1);
    expect(iamkit?.provider).toMatchObject({ authFailures: 0, cache: { fetches: 1 } });
    expect(iamkit?.provider?.handouts).toBe(iamkit?.pool.authenticated);

    const text = formatReport(report);
    expect(text).toMatch(/^credential requests {3,}\d+ {3,}1$/m);
    expect(text).toMatch(/^429s from the ECS agent {3,}[1-9]\d* {3,}0$/m);
    expect(text).toMatch(/^operations failed {3,}[1-9]\d* of 120 {3,}0 of 120$/m);
    expect(text).toContain('naive: the first failure, explained (explainMongoAwsError):');
    expect(text).not.toContain('iamkit: the first failure');
  });

  it('with MONGODB_URI: the iamkit workload through the default chain, a reconnect as the failover', { timeout: 60_000 }, async () => {
    const agent = await startEcsAgent();
    closers.push(() => agent.close());
    const sts = await startSts();
    closers.push(() => sts.close());
    sts.addUser({ ...agent.credentials, arn: 'arn:aws:sts::123456789012:assumed-role/iamkit-emulator-task-role/cluster-test' });
    const mongo = await startMongo({ sts: { url: sts.url }, stsHost: 'sts.amazonaws.com', users: ['arn:aws:sts::123456789012:assumed-role/iamkit-emulator-task-role/*'] });
    closers.push(() => mongo.close());
    // The process environment of a task: the chain finds the container endpoint.
    const report = await runAgainstCluster(`mongodb://${mongo.host}:${String(mongo.port)}/`, agent.env, { maxPoolSize: 10, concurrency: 20, database: 'demo_test' });
    const [run] = report.runs;
    expect(report.mode).toBe('cluster');
    expect(run).toMatchObject({ label: 'iamkit', credentialRequests: 1, throttled: undefined, workload: { operations: 40, failed: 0 } });
    expect(run?.pool.authenticated).toBe(mongo.counters.authSucceeded);
    expect(run?.pool.authenticated).toBeGreaterThanOrEqual(2);
    expect(agent.counters.total).toBe(1);
    // The workload's collection is dropped at the end.
    expect(mongo.documents('demo_test', 'workload')).toEqual([]);
    expect(formatReport(report)).toMatch(/^429s from the ECS agent {3,}n\/a$/m);
  });
});

describe('percentile', () => {
  it('nearest rank over sorted values', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});
