#!/usr/bin/env node
// Install size and import time of @iamkit/credential-providers against @aws-sdk/credential-providers,
// measured in the same run on the same machine:
//   - both are installed with npm into two scratch projects outside the workspace — iamkit from
//     `pnpm pack`ed tarballs of it and its workspace dependencies (what users would get), the SDK
//     from the registry at the version pinned in the workspace catalog;
//   - size: every file under node_modules (apparent bytes) and the number of packages;
//   - import time: the median of N fresh `node` processes each timing `require()` (and, separately,
//     `import()`) with performance.now() around the call, alternating the two projects.
// Needs built packages (`pnpm size` builds them first). --runs N (default 15, at least 10),
// --write puts the table into packages/credential-providers/README.md and README.md, --keep
// leaves the scratch projects.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, platform, arch, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { npmEnv } from './lib/npm-env.mjs';
import { publishablePackages, repoRoot } from './lib/workspace.mjs';

const { values: flags } = parseArgs({
  options: { runs: { type: 'string', default: '15' }, write: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false } },
});
const runs = Number(flags.runs);
if (!Number.isInteger(runs) || runs < 10) fail('--runs must be an integer, 10 or more');

const OURS = '@iamkit/credential-providers';
const THEIRS = '@aws-sdk/credential-providers';
const MARK_START = '<!-- size-compare:start -->';
const MARK_END = '<!-- size-compare:end -->';

function fail(message) {
  console.error(`size-compare: ${message}`);
  process.exit(1);
}

/** The version of the SDK the workspace pins (pnpm-workspace.yaml catalog), so runs are comparable. */
function catalogVersion(name) {
  const text = readFileSync(join(repoRoot, 'pnpm-workspace.yaml'), 'utf8');
  const line = text.split('\n').find((l) => l.trim().startsWith(`"${name}":`) || l.trim().startsWith(`${name}:`));
  const version = line?.split(':').slice(1).join(':').trim().replace(/^["']|["']$/g, '');
  if (!version) fail(`${name} is not in the catalog of pnpm-workspace.yaml`);
  return version;
}

/** `OURS` and every workspace package it needs at runtime. */
function closure() {
  const byName = new Map(publishablePackages().map((pkg) => [pkg.name, pkg]));
  const found = new Map();
  const visit = (name) => {
    const pkg = byName.get(name);
    if (pkg === undefined || found.has(name)) return;
    found.set(name, pkg);
    for (const dep of Object.keys(pkg.manifest.dependencies ?? {})) visit(dep);
  };
  visit(OURS);
  if (!found.has(OURS)) fail(`${OURS} is not a workspace package`);
  for (const pkg of found.values()) if (!existsSync(join(pkg.dir, 'dist'))) fail(`${pkg.relDir}/dist is missing; run \`pnpm build\` first`);
  return [...found.values()];
}

function npmInstall(dir, dependencies) {
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'size-compare', private: true, dependencies }, null, 2)}\n`);
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--omit=dev', '--loglevel=error', '--no-package-lock'], { cwd: dir, env: npmEnv, encoding: 'utf8' });
  if (result.status !== 0) fail(`npm install in ${dir} failed:\n${result.stdout}${result.stderr}`);
}

/** Apparent bytes of every file under node_modules (and of the source maps among them), and the packages installed there (nested ones too). */
function measureInstall(dir) {
  let bytes = 0;
  let maps = 0;
  let packages = 0;
  const walk = (path, inNodeModules) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        if (inNodeModules && entry.name !== '.bin' && !entry.name.startsWith('@') && existsSync(join(child, 'package.json'))) packages++;
        walk(child, entry.name === 'node_modules' || (inNodeModules && entry.name.startsWith('@')));
      } else if (entry.isFile()) {
        const size = lstatSync(child).size;
        bytes += size;
        if (entry.name.endsWith('.map')) maps += size;
      }
    }
  };
  walk(join(dir, 'node_modules'), true);
  return { bytes, maps, packages };
}

const REQUIRE = (specifier) => `const t = performance.now(); require(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t));`;
const IMPORT = (specifier) => `const t = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t));`;

function timeOnce(dir, code, esm) {
  const args = esm ? ['--input-type=module', '-e', code] : ['-e', code];
  const result = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH } });
  const ms = Number(result.stdout);
  if (result.status !== 0 || !Number.isFinite(ms)) fail(`timing in ${dir} failed:\n${result.stdout}${result.stderr}`);
  return ms;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 0 ? (sorted[mid - 1] + sorted[mid]) / 2 : sorted[mid];
}

const mb = (bytes) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.round(bytes / 1e3)} kB`);
const ms = (value) => `${value.toFixed(1)} ms`;
const ratio = (a, b) => `${(a / b).toFixed(a / b < 0.1 ? 3 : 2)}×`;

const scratch = mkdtempSync(join(tmpdir(), 'iamkit-size-'));
try {
  const sdkVersion = catalogVersion(THEIRS);
  const oursDir = join(scratch, 'iamkit');
  const theirsDir = join(scratch, 'aws-sdk');
  const tarballs = join(scratch, 'tarballs');
  for (const dir of [oursDir, theirsDir, tarballs]) mkdirSync(dir);

  const packages = closure();
  const dependencies = {};
  for (const pkg of packages) {
    const packed = execFileSync('pnpm', ['pack', '--json', '--pack-destination', tarballs], { cwd: pkg.dir, encoding: 'utf8' });
    dependencies[pkg.name] = `file:${relative(oursDir, JSON.parse(packed).filename)}`;
  }
  npmInstall(oursDir, dependencies);
  npmInstall(theirsDir, { [THEIRS]: sdkVersion });
  const oursVersion = JSON.parse(readFileSync(join(oursDir, 'node_modules', OURS, 'package.json'), 'utf8')).version;

  const size = { ours: measureInstall(oursDir), theirs: measureInstall(theirsDir) };
  const times = { ours: { require: [], import: [] }, theirs: { require: [], import: [] } };
  // One warm-up each (the file system cache), then alternate so drift hits both alike.
  timeOnce(oursDir, REQUIRE(OURS), false);
  timeOnce(theirsDir, REQUIRE(THEIRS), false);
  for (let i = 0; i < runs; i++) {
    times.ours.require.push(timeOnce(oursDir, REQUIRE(OURS), false));
    times.theirs.require.push(timeOnce(theirsDir, REQUIRE(THEIRS), false));
    times.ours.import.push(timeOnce(oursDir, IMPORT(OURS), true));
    times.theirs.import.push(timeOnce(theirsDir, IMPORT(THEIRS), true));
  }
  const med = {
    ours: { require: median(times.ours.require), import: median(times.ours.import) },
    theirs: { require: median(times.theirs.require), import: median(times.theirs.import) },
  };

  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const npmVersion = spawnSync('npm', ['--version'], { encoding: 'utf8', env: npmEnv }).stdout.trim();
  const machine = `${new Date().toISOString().slice(0, 10)}, ${cpu} (${cpus().length} cores), ${platform()} ${arch()}, Node.js ${process.version}, npm ${npmVersion}`;
  const table = [
    `| | \`${OURS}\` ${oursVersion} | \`${THEIRS}\` ${sdkVersion} | iamkit / SDK |`,
    '| --- | --- | --- | --- |',
    `| installed size (node_modules, bytes) | ${mb(size.ours.bytes)} (${size.ours.bytes}) | ${mb(size.theirs.bytes)} (${size.theirs.bytes}) | ${ratio(size.ours.bytes, size.theirs.bytes)} |`,
    `| … of which source maps (\`.map\`) | ${mb(size.ours.maps)} | ${mb(size.theirs.maps)} | |`,
    `| packages installed | ${size.ours.packages} | ${size.theirs.packages} | ${ratio(size.ours.packages, size.theirs.packages)} |`,
    `| \`require()\`, median of ${runs} fresh processes | ${ms(med.ours.require)} | ${ms(med.theirs.require)} | ${ratio(med.ours.require, med.theirs.require)} |`,
    `| \`import()\`, median of ${runs} fresh processes | ${ms(med.ours.import)} | ${ms(med.theirs.import)} | ${ratio(med.ours.import, med.theirs.import)} |`,
  ].join('\n');
  const block = `${MARK_START}\nMeasured by \`pnpm size\` on ${machine}:\n\n${table}\n${MARK_END}`;
  console.log(`${machine}\n\n${table}`);

  if (flags.write) {
    for (const file of [join(repoRoot, 'packages/credential-providers/README.md'), join(repoRoot, 'README.md')]) {
      const text = readFileSync(file, 'utf8');
      const start = text.indexOf(MARK_START);
      const end = text.indexOf(MARK_END);
      if (start === -1 || end < start) fail(`${relative(repoRoot, file)} has no ${MARK_START} … ${MARK_END} block to replace`);
      writeFileSync(file, text.slice(0, start) + block + text.slice(end + MARK_END.length));
      console.log(`size-compare: updated ${relative(repoRoot, file)}`);
    }
  }
} finally {
  if (flags.keep) console.log(`size-compare: the scratch projects are kept in ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
