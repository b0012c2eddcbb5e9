#!/usr/bin/env node
// Tests what users install, not the workspace (oauth4webapi's tools/test-dist.js, jose's dist type
// check): packs every publishable package with `pnpm pack` (which turns workspace:^ into real
// ranges), installs all the tarballs with npm into a scratch project in the temp folder, and there
//   - imports every entry point with import() and require(), and compares the runtime exports of
//     both builds with the exports their types declare;
//   - runs known dual-package checks (an error from the CJS copy passes the ESM copy's checks);
//   - runs every declared bin with --help;
//   - type-checks a consumer generated from the declared exports under moduleResolution node16
//     (ESM and CJS) and bundler, strict, with the workspace's TypeScript.
// Needs built packages (`pnpm build`). --keep leaves the scratch project for a look afterwards.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { declaredExports } from './lib/declared-exports.mjs';
import { npmEnv } from './lib/npm-env.mjs';
import { mapLimit, run } from './lib/run.mjs';
import { consumerFiles } from './lib/tarball-consumer.mjs';
import { entryPoints, publishablePackages, repoRoot } from './lib/workspace.mjs';

const { values: flags } = parseArgs({ options: { keep: { type: 'boolean', default: false } } });
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const rootRequire = createRequire(join(repoRoot, 'package.json'));

function fail(message, scratch) {
  console.error(`test-tarballs: ${message}`);
  if (scratch !== undefined) console.error(`test-tarballs: the scratch project is kept at ${scratch}`);
  process.exit(1);
}

const packages = publishablePackages();
if (packages.length === 0) fail('no publishable packages under packages/');
for (const pkg of packages) {
  if (!existsSync(join(pkg.dir, 'dist'))) fail(`${pkg.name}: ${pkg.relDir}/dist is missing; run \`pnpm build\` first`);
  for (const entry of entryPoints(pkg.manifest)) {
    if (entry.pattern) fail(`${pkg.name} entry "${entry.subpath}": subpath patterns cannot be tested; list the entry points explicitly`);
  }
}

// The scratch project lives outside the workspace so that nothing resolves through its
// node_modules or pnpm links.
const scratch = mkdtempSync(join(tmpdir(), 'iamkit-tarballs-'));
const tarballs = join(scratch, 'tarballs');
mkdirSync(tarballs);

const packed = await mapLimit(packages, Math.max(2, availableParallelism()), async (pkg) => {
  const result = await run('pnpm', ['pack', '--json', '--pack-destination', tarballs], { cwd: pkg.dir });
  if (result.code !== 0) fail(`${pkg.name}: pnpm pack failed:\n${result.output}`, scratch);
  return { pkg, tarball: JSON.parse(result.stdout).filename };
});
console.log(`test-tarballs: packed ${packed.length} packages (${elapsed()})`);

const typesNodeVersion = JSON.parse(readFileSync(rootRequire.resolve('@types/node/package.json'), 'utf8')).version;
writeFileSync(
  join(scratch, 'package.json'),
  `${JSON.stringify(
    {
      name: 'iamkit-tarball-consumer',
      private: true,
      type: 'module',
      dependencies: Object.fromEntries(packed.map(({ pkg, tarball }) => [pkg.name, `file:./${relative(scratch, tarball)}`])),
      devDependencies: { '@types/node': typesNodeVersion },
    },
    null,
    2,
  )}\n`,
);
const install = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--engine-strict', '--loglevel=error'], {
  cwd: scratch,
  env: npmEnv,
});
if (install.code !== 0) fail(`npm install of the tarballs failed:\n${install.output}`, scratch);
console.log(`test-tarballs: installed them with npm into ${scratch} (${elapsed()})`);

const entries = packages.flatMap((pkg) => entryPoints(pkg.manifest).map((entry) => ({ pkg, ...entry })));
const declared = declaredExports(scratch, entries.map((entry) => entry.specifier));
const problems = [];
for (const entry of entries) {
  for (const problem of declared.get(entry.specifier).problems) problems.push(`${entry.pkg.name} entry "${entry.subpath}": ${problem}`);
}
if (problems.length > 0) fail(`the published types are broken:\n  ${problems.join('\n  ')}`, scratch);
const consumerEntries = entries.map((entry) => ({ specifier: entry.specifier, ...declared.get(entry.specifier).import }));

const plan = {
  packages: packages.map((pkg) => ({
    name: pkg.name,
    bins: typeof pkg.manifest.bin === 'string' ? { [pkg.unscopedName]: pkg.manifest.bin } : (pkg.manifest.bin ?? {}),
    entries: entries.filter((entry) => entry.pkg === pkg).map((entry) => ({
      subpath: entry.subpath,
      specifier: entry.specifier,
      values: declared.get(entry.specifier).import.values,
    })),
  })),
};
writeFileSync(join(scratch, 'plan.json'), `${JSON.stringify(plan, null, 2)}\n`);
copyFileSync(new URL('./lib/tarball-runtime-check.mjs', import.meta.url), join(scratch, 'tarball-runtime-check.mjs'));
for (const [name, text] of Object.entries(consumerFiles(consumerEntries))) writeFileSync(join(scratch, name), text);

const tsc = rootRequire.resolve('typescript/bin/tsc');
const [runtime, node16, bundler] = await Promise.all([
  run(process.execPath, ['tarball-runtime-check.mjs', 'plan.json'], { cwd: scratch, env: npmEnv }),
  run(process.execPath, [tsc, '-p', 'tsconfig.node16.json', '--pretty', 'false'], { cwd: scratch }),
  run(process.execPath, [tsc, '-p', 'tsconfig.bundler.json', '--pretty', 'false'], { cwd: scratch }),
]);
process.stdout.write(runtime.stdout);
if (runtime.code !== 0) problems.push(runtime.stderr.trim() || `the runtime check exited with ${runtime.code}`);
for (const [label, result] of [['node16', node16], ['bundler', bundler]]) {
  if (result.code !== 0) problems.push(`the consumer does not type-check under moduleResolution ${label}:\n${result.output.trim()}`);
}
if (problems.length > 0) fail(problems.join('\n'), scratch);

const exportCount = consumerEntries.reduce((sum, entry) => sum + entry.values.length + entry.types.length, 0);
console.log(`test-tarballs: a consumer of ${exportCount} exports type-checks under node16 (ESM, CJS) and bundler, strict`);
if (flags.keep) console.log(`test-tarballs: the scratch project is kept at ${scratch}`);
else rmSync(scratch, { recursive: true, force: true });
console.log(`test-tarballs: ${packages.length} packages, ${entries.length} entry points: all good (${elapsed()})`);
