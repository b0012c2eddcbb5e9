import { percentile } from './pool-monitor.js';
import type { DemoReport, RunReport } from './run-demo.js';

function ms(value: number): string {
  if (Number.isNaN(value)) return '–';
  return value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
}

function rows(run: RunReport): [string, string][] {
  const { pool, workload } = run;
  const handshake = `${ms(percentile(pool.handshakeMs, 50))} / ${ms(percentile(pool.handshakeMs, 99))}`;
  return [
    ['connections authenticated', String(pool.authenticated)],
    ['authentication failures', String(pool.failedHandshakes)],
    ['credential requests', String(run.credentialRequests)],
    ['429s from the ECS agent', run.throttled === undefined ? 'n/a' : String(run.throttled)],
    ['operations failed', `${String(workload.failed)} of ${String(workload.operations)}`],
    ['pool cleared', `${String(pool.poolClears)}×`],
    ['handshake p50 / p99', handshake],
    ['credential wait p50 / p99', `${ms(percentile(run.credentialWaitMs, 50))} / ${ms(percentile(run.credentialWaitMs, 99))}`],
    ['wall time', `${(workload.elapsedMs / 1000).toFixed(1)} s`],
  ];
}

function table(runs: readonly RunReport[]): string[] {
  const labels = runs.map((run) => (run.label === 'naive' ? 'naive provider' : 'iamkit'));
  const perRun = runs.map(rows);
  const names = perRun[0]?.map(([name]) => name) ?? [];
  const firstWidth = Math.max(...names.map((n) => n.length)) + 3;
  const widths = runs.map((_, i) => Math.max(labels[i]?.length ?? 0, ...(perRun[i] ?? []).map(([, v]) => v.length)) + 3);
  const line = (cells: string[]): string => cells.map((cell, i) => (i === 0 ? cell.padEnd(firstWidth) : cell.padEnd(widths[i - 1] ?? 0))).join('').trimEnd();
  return [line(['', ...labels]), ...names.map((name, r) => line([name, ...perRun.map((values) => values[r]?.[1] ?? '')]))];
}

/** The demo's printed report: the table, then what went wrong in plain words. */
export function formatReport(report: DemoReport): string {
  const lines: string[] = [];
  if (report.mode === 'emulators') {
    lines.push(`iamkit demo — a MongoClient with maxPoolSize ${String(report.maxPoolSize)} (all connections opening at once), 2 bursts of ${String(report.concurrency)} concurrent find/insert, a failover in between`);
    lines.push(`emulators on 127.0.0.1, in their own process: ECS agent (limit ${report.rateLimit ?? 'default'} per task), STS, MongoDB forwarding every MONGODB-AWS authentication to STS`);
  } else {
    lines.push(`iamkit demo against MONGODB_URI — maxPoolSize ${String(report.maxPoolSize)}, 2 bursts of ${String(report.concurrency)} concurrent find/insert, a reconnect in between`);
  }
  lines.push('', ...table(report.runs));
  for (const run of report.runs) {
    const errors = Object.entries(run.workload.errors).map(([name, count]) => `${String(count)} ${name}`).join(', ');
    if (errors !== '') lines.push('', `${run.label}: failed operations: ${errors}`);
    if (run.explanation !== undefined) {
      lines.push(`${run.label}: the first failure, explained (explainMongoAwsError):`);
      lines.push(`  ${run.explanation.summary}`);
      for (const check of run.explanation.checks.slice(0, 2)) lines.push(`  → ${check}`);
    }
  }
  const iamkit = report.runs.find((run) => run.label === 'iamkit');
  if (iamkit?.provider !== undefined) {
    const p = iamkit.provider;
    lines.push('', `iamkit: ${String(p.handouts)} handshakes answered from one cache, ${String(p.cache.fetches)} credential request${p.cache.fetches === 1 ? '' : 's'} (source: ${p.lastHandout?.credentials.source ?? '–'}, key ${p.lastHandout?.credentials.accessKeyId ?? '–'}, expires ${p.lastHandout?.credentials.expiration ?? '–'}).`);
  }
  return lines.join('\n');
}
