// Runs the API report against a throwaway monorepo in the temp folder, the way a developer would:
// build output changes, snapshots and changesets come and go. In-process, so API Extractor loads
// once; the CLI wrapper gets one test of its own.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { apiReport } from '../lib/api-report.mjs';
import { pendingChangesetPackages } from '../lib/changesets.mjs';
import { lineDiff } from '../lib/line-diff.mjs';

const script = fileURLToPath(new URL('../api-report.mjs', import.meta.url));

const DTS_V1 = `/**
 * Adds two numbers.
 *
 * @example
 * add(1, 2);
 * @public
 */
declare function add(a: number, b: number): number;
/**
 * Options of {@link add}.
 * @public
 */
interface AddOptions {
    readonly precise?: boolean;
}

export { type AddOptions, add };
`;

let root;

function writePackage(dirName, manifest, files) {
  const dir = join(root, 'packages', dirName);
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

function demoManifest(extraExports = {}) {
  return {
    name: '@fixture/demo',
    version: '1.0.0',
    type: 'module',
    exports: {
      '.': { import: { types: './dist/index.d.ts', default: './dist/index.js' } },
      ...extraExports,
      './package.json': './package.json',
    },
  };
}

function writeChangeset(name, releases) {
  mkdirSync(join(root, '.changeset'), { recursive: true });
  const lines = Object.entries(releases).map(([pkg, bump]) => `"${pkg}": ${bump}`);
  writeFileSync(join(root, '.changeset', `${name}.md`), `---\n${lines.join('\n')}\n---\n\nWhat changed.\n`);
}

function run(mode) {
  const lines = [];
  const status = apiReport(mode, { root, log: (line) => lines.push(line), error: (line) => lines.push(line) });
  return { status, output: lines.join('\n') };
}

const snapshot = () => join(root, 'packages/demo/api/demo.api.md');

describe('api-report', () => {
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'iamkit-api-report-test-'));
    writePackage('demo', demoManifest(), { 'dist/index.d.ts': DTS_V1 });
    // A private package is not published, so it has no API report.
    writePackage('internal', { name: '@fixture/internal', private: true, version: '0.0.0' }, {});
    mkdirSync(join(root, '.changeset'), { recursive: true });
    writeFileSync(join(root, '.changeset/README.md'), '---\n"@fixture/demo": major\n---\nnot a changeset\n');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('refuses to write the first snapshot without a changeset, and check fails meanwhile', () => {
    const update = run('update');
    assert.equal(update.status, 1);
    assert.match(update.output, /not updating @fixture\/demo: the public API changed but no pending changeset releases it/);
    assert.match(update.output, /pnpm changeset/);
    assert.equal(existsSync(snapshot()), false);

    const check = run('check');
    assert.equal(check.status, 1);
    assert.match(check.output, /packages\/demo\/api\/demo\.api\.md: no snapshot committed yet/);
  });

  it('writes the snapshot once a changeset releases the package; then check passes', () => {
    writeChangeset('demo-first', { '@fixture/demo': 'minor' });
    const update = run('update');
    assert.equal(update.status, 0, update.output);
    assert.match(update.output, /wrote packages\/demo\/api\/demo\.api\.md/);
    const report = readFileSync(snapshot(), 'utf8');
    assert.match(report, /export function add\(a: number, b: number\): number;/);
    assert.match(report, /export interface AddOptions \{\n    readonly precise\?: boolean;\n\}/);
    assert.equal(existsSync(join(root, 'packages/internal/api')), false);

    const check = run('check');
    assert.equal(check.status, 0, check.output);
    assert.match(check.output, /public API of 1 packages matches/);
    rmSync(join(root, '.changeset/demo-first.md'));
  });

  it('ignores changes that are not API changes: comments, line positions, missing member docs', () => {
    const reworded = DTS_V1.replace('Adds two numbers.', 'Adds two numbers\n * and says so at length,\n * over several lines.').replace(
      '    readonly precise?: boolean;',
      '    /** Round nothing. */\n    readonly precise?: boolean;',
    );
    writeFileSync(join(root, 'packages/demo/dist/index.d.ts'), reworded);
    const check = run('check');
    assert.equal(check.status, 0, check.output);
  });

  it('fails check on a changed surface, naming the package, the diff and pnpm api:update', () => {
    writeFileSync(join(root, 'packages/demo/dist/index.d.ts'), DTS_V1.replace('b: number): number', 'b: number, c?: number): number'));
    const check = run('check');
    assert.equal(check.status, 1);
    assert.match(check.output, /public API changed in @fixture\/demo/);
    assert.match(check.output, /-export function add\(a: number, b: number\): number;/);
    assert.match(check.output, /\+export function add\(a: number, b: number, c\?: number\): number;/);
    assert.match(check.output, /run `pnpm api:update`/);
    assert.match(check.output, /changeset/);
  });

  it('refuses update while only other packages have changesets, and leaves the snapshot alone', () => {
    const before = readFileSync(snapshot(), 'utf8');
    writeChangeset('someone-else', { '@fixture/other': 'patch' });
    const update = run('update');
    assert.equal(update.status, 1);
    assert.match(update.output, /not updating @fixture\/demo/);
    assert.equal(readFileSync(snapshot(), 'utf8'), before);
  });

  it('updates once a changeset mentions the package (quoted or not), then check passes', () => {
    writeFileSync(join(root, '.changeset/demo-param.md'), "---\n'@fixture/other': patch\n@fixture/demo: minor\n---\n\nAdd c.\n");
    const update = run('update');
    assert.equal(update.status, 0, update.output);
    assert.match(readFileSync(snapshot(), 'utf8'), /c\?: number/);
    assert.equal(run('check').status, 0);
  });

  it('calls out removed exports as breaking', () => {
    writeFileSync(join(root, 'packages/demo/dist/index.d.ts'), DTS_V1.replace('export { type AddOptions, add };', 'export { add };'));
    const check = run('check');
    assert.equal(check.status, 1);
    assert.match(check.output, /removes AddOptions: a breaking change/);
  });

  it('reports each subpath entry separately and treats a report without an entry as stale', () => {
    writeFileSync(join(root, 'packages/demo/dist/index.d.ts'), DTS_V1.replace('b: number): number', 'b: number, c?: number): number'));
    writeFileSync(join(root, 'packages/demo/dist/extra.d.ts'), '/** @public */\ndeclare const extra = 1;\n\nexport { extra };\n');
    writePackage('demo', demoManifest({ './extra': { import: { types: './dist/extra.d.ts', default: './dist/extra.js' } } }), {});
    const update = run('update');
    assert.equal(update.status, 0, update.output);
    assert.match(readFileSync(join(root, 'packages/demo/api/demo.extra.api.md'), 'utf8'), /export const extra = 1;/);

    writePackage('demo', demoManifest(), {});
    const check = run('check');
    assert.equal(check.status, 1);
    assert.match(check.output, /demo\.extra\.api\.md: the entry point is gone; the snapshot is stale/);
    assert.equal(run('update').status, 0);
    assert.equal(existsSync(join(root, 'packages/demo/api/demo.extra.api.md')), false);
  });

  it('fails loudly, naming package and entry, when the build output is missing', () => {
    rmSync(join(root, 'packages/demo/dist/index.d.ts'));
    const check = run('check');
    assert.equal(check.status, 1);
    assert.match(check.output, /@fixture\/demo entry "\.": packages\/demo\/dist\/index\.d\.ts does not exist; run `pnpm build` first/);
  });
});

describe('scripts/api-report.mjs', () => {
  it('exits non-zero with its exit code and output on a real fixture, and 2 on bad usage', () => {
    const usage = spawnSync(process.execPath, [script, 'chek'], { encoding: 'utf8' });
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /usage: node scripts\/api-report\.mjs <check\|update>/);

    const dir = mkdtempSync(join(tmpdir(), 'iamkit-api-report-cli-test-'));
    try {
      mkdirSync(join(dir, 'packages/solo/dist'), { recursive: true });
      writeFileSync(join(dir, 'packages/solo/package.json'), JSON.stringify({ name: 'solo', version: '1.0.0', types: './dist/index.d.ts' }));
      writeFileSync(join(dir, 'packages/solo/dist/index.d.ts'), '/** @public */\nexport declare const solo: 1;\n');
      const check = spawnSync(process.execPath, [script, 'check', '--root', dir], { encoding: 'utf8' });
      assert.equal(check.status, 1);
      assert.match(check.stderr, /packages\/solo\/api\/solo\.api\.md: no snapshot committed yet/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('pendingChangesetPackages', () => {
  it('reads release lines from frontmatter only, skipping the README', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamkit-changesets-test-'));
    try {
      mkdirSync(join(dir, '.changeset'));
      writeFileSync(join(dir, '.changeset/a.md'), '---\n"@x/a": minor\n\'@x/b\': patch\nplain: major\n---\n\n"@x/c": minor in the body\n');
      writeFileSync(join(dir, '.changeset/README.md'), '---\n"@x/d": minor\n---\n');
      writeFileSync(join(dir, '.changeset/config.json'), '{}');
      writeFileSync(join(dir, '.changeset/empty.md'), '---\n---\n');
      assert.deepEqual([...pendingChangesetPackages(dir)].sort(), ['@x/a', '@x/b', 'plain']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('lineDiff', () => {
  it('lists removed and added lines in order', () => {
    assert.deepEqual(lineDiff('a\nb\nc\nd', 'a\nc\nx\nd'), ['-b', '+x']);
    assert.deepEqual(lineDiff('', 'a'), ['+a']);
    assert.deepEqual(lineDiff('same', 'same'), []);
  });
});
