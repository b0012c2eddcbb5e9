#!/usr/bin/env node
// `pnpm fleet -- --processes 200`: the fleet proof with your own N.
import { parseArgs } from 'node:util';
import { runFleet } from './run-fleet.js';

const USAGE = 'usage: pnpm fleet -- [--processes N] [--rate-limit RATE,BURST]   (defaults: 100 processes, the ECS agent limit 40,60)';

async function main(): Promise<number> {
  const { values } = parseArgs({
    // pnpm passes a literal `--` through to the script; skip it.
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: {
      processes: { type: 'string', short: 'n', default: '100' },
      'rate-limit': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    console.log(USAGE);
    return 0;
  }
  const processes = Number(values.processes);
  if (!Number.isInteger(processes) || processes < 1 || processes > 2000) {
    console.error(`--processes must be an integer from 1 to 2000.\n${USAGE}`);
    return 2;
  }
  const report = await runFleet({ processes, rateLimit: values['rate-limit'], log: (line) => { console.log(line); } });
  console.log('');
  console.log(`processes          ${report.processes} (started in ${Math.round(report.startupMs)} ms, then released together)`);
  console.log(`ECS agent limit    ${report.agent.rateLimit} per client IP and path (all processes share one budget)`);
  console.log(`got credentials    ${report.succeeded}`);
  console.log(`failed             ${report.failed}`);
  console.log(`slowest            ${Math.round(report.slowestMs)} ms (median ${Math.round(report.medianMs)} ms), from "go" to credentials`);
  const absorbed = report.agent.throttled === 0 ? '' : report.failed === 0 ? ', every one absorbed by jittered retries' : '';
  console.log(`requests at agent  ${report.agent.requests}: ${report.agent.ok} answered 200, ${report.agent.throttled} throttled (429)${absorbed}`);
  for (const failure of report.failures.slice(0, 5)) console.log(`  failure: ${failure.code}: ${failure.message}`);
  return report.failed === 0 ? 0 : 1;
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
