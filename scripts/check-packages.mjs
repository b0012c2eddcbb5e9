// Every publishable package has the same manifest shape and file set (like vercel/ai's
// konsistent check): a drifting package.json is how broken publishes happen.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const problems = [];
const dirs = readdirSync(join(root, 'packages'), { withFileTypes: true }).filter((d) => d.isDirectory());

for (const dir of dirs) {
  const base = join(root, 'packages', dir.name);
  const where = `packages/${dir.name}`;
  const pkg = JSON.parse(readFileSync(join(base, 'package.json'), 'utf8'));
  const expect = (ok, what) => ok || problems.push(`${where}: ${what}`);
  expect(pkg.name === `@iamkit/${dir.name}`, `name must be @iamkit/${dir.name}`);
  expect(pkg.private !== true, 'publishable packages are not private');
  expect(pkg.type === 'module', '"type": "module"');
  expect(pkg.sideEffects === false, '"sideEffects": false');
  expect(pkg.license === 'Apache-2.0', 'license Apache-2.0');
  expect(pkg.engines?.node === '>=20.19', 'engines.node ">=20.19"');
  expect(Array.isArray(pkg.files) && pkg.files.includes('dist'), 'files includes dist');
  expect(pkg.publishConfig?.access === 'public', 'publishConfig.access public');
  expect(pkg.repository?.directory === where, `repository.directory ${where}`);
  const dot = pkg.exports?.['.'];
  expect(Object.keys(dot?.import ?? {})[0] === 'types', 'exports["."].import lists types first');
  expect(Object.keys(dot?.require ?? {})[0] === 'types', 'exports["."].require lists types first');
  expect(pkg.exports?.['./package.json'] === './package.json', 'exports ./package.json');
  for (const script of ['build', 'typecheck', 'lint', 'test']) expect(pkg.scripts?.[script], `script ${script}`);
  expect(/publint/.test(pkg.scripts?.lint ?? '') && /attw/.test(pkg.scripts?.lint ?? ''), 'lint runs publint and attw');
  for (const file of ['README.md', 'tsconfig.json', 'tsup.config.ts', 'vitest.config.ts', 'eslint.config.js', 'src/index.ts']) {
    expect(existsSync(join(base, file)), `missing ${file}`);
  }
  for (const [name, range] of Object.entries({ ...pkg.dependencies, ...pkg.peerDependencies })) {
    if (name.startsWith('@iamkit/')) expect(range === 'workspace:^', `${name} must be "workspace:^" in dependencies`);
  }
}

if (problems.length > 0) {
  console.error(`package manifests differ from the shared shape:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-packages: ${dirs.length} publishable packages share one manifest shape`);
