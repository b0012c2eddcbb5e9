#!/usr/bin/env node
// The committed API report of every publishable package (packages/<name>/api/<name>.api.md),
// generated from the built declaration files.
//
//   node scripts/api-report.mjs check   (pnpm api:check)  fails when a built surface differs
//                                                          from its snapshot
//   node scripts/api-report.mjs update  (pnpm api:update) rewrites snapshots, but only for the
//                                                          packages a pending changeset releases
//
// --root <dir> points it at another monorepo.
import { parseArgs } from 'node:util';
import { apiReport } from './lib/api-report.mjs';
import { repoRoot } from './lib/workspace.mjs';

const { values, positionals } = parseArgs({
  options: { root: { type: 'string', default: repoRoot } },
  allowPositionals: true,
});
const mode = positionals[0];
if (positionals.length !== 1 || (mode !== 'check' && mode !== 'update')) {
  console.error('usage: node scripts/api-report.mjs <check|update> [--root <dir>]');
  process.exit(2);
}
process.exitCode = apiReport(mode, { root: values.root });
