// Compares every publishable package's built surface with its committed API report and, in
// update mode, rewrites the reports of packages that a pending changeset releases. An API change
// that users cannot read about in a changelog is what this guards against.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { exportedNames, extractApiReport } from './api-extract.mjs';
import { pendingChangesetPackages } from './changesets.mjs';
import { lineDiff } from './line-diff.mjs';
import { entryPoints, publishablePackages, reportStem } from './workspace.mjs';

const DIFF_LINES_SHOWN = 40;

/**
 * Runs the check or the update over `<root>/packages/*`.
 *
 * @param {'check' | 'update'} mode
 * @param {{ root: string, log?: (line: string) => void, error?: (line: string) => void }} options
 * @returns {number} the exit code: 0 when nothing is wrong
 */
export function apiReport(mode, { root, log = console.log, error = console.error }) {
  const packages = publishablePackages(root);
  const notes = [];
  const changed = [];
  const failures = [];
  for (const pkg of packages) {
    try {
      const files = comparePackage(root, pkg, notes);
      if (files.length > 0) changed.push({ pkg, files });
    } catch (failure) {
      failures.push(failure instanceof Error ? failure.message : String(failure));
    }
  }
  if (failures.length > 0) {
    error(`api-report: could not build the API report:\n  ${failures.join('\n  ')}`);
    return 1;
  }
  if (notes.length > 0) {
    log(`api-report: documentation problems (they do not fail this check; fix them in the TSDoc):\n  ${notes.join('\n  ')}`);
  }
  const describe = (file) => describeChange(root, file).join('\n');

  if (mode === 'check') {
    if (changed.length === 0) {
      log(`api-report: the public API of ${packages.length} packages matches the committed snapshots`);
      return 0;
    }
    const names = changed.map(({ pkg }) => pkg.name).join(', ');
    error(`api-report: the public API changed in ${names}:\n`);
    for (const { files } of changed) for (const file of files) error(describe(file));
    error(
      `\nIf the change is intended, run \`pnpm api:update\` and commit packages/*/api/, with a changeset` +
        ` (\`pnpm changeset\`) that releases ${names}: users learn about API changes from the changelog.`,
    );
    return 1;
  }

  const released = pendingChangesetPackages(root);
  const refused = changed.filter(({ pkg }) => !released.has(pkg.name));
  for (const { pkg, files } of changed) {
    if (!released.has(pkg.name)) continue;
    for (const { path, actual } of files) {
      if (actual === undefined) {
        rmSync(path);
      } else {
        mkdirSync(join(pkg.dir, 'api'), { recursive: true });
        writeFileSync(path, actual);
      }
      log(`api-report: ${actual === undefined ? 'removed' : 'wrote'} ${relative(root, path)}`);
    }
  }
  if (refused.length > 0) {
    const names = refused.map(({ pkg }) => pkg.name);
    error(`api-report: not updating ${names.join(', ')}: the public API changed but no pending changeset releases it.\n`);
    for (const { files } of refused) for (const file of files) error(describe(file));
    error(
      `\nAdd one with \`pnpm changeset\` (or a .changeset/<what-changed>.md whose frontmatter has` +
        ` "${names[0]}": minor), describe the API change in it, then run \`pnpm api:update\` again.`,
    );
    return 1;
  }
  log(changed.length === 0 ? `api-report: ${packages.length} snapshots already up to date` : 'api-report: snapshots updated');
  return 0;
}

// What one package's snapshots should be, next to what is committed; only the differing files.
function comparePackage(root, pkg, notes) {
  const apiDir = join(pkg.dir, 'api');
  const entries = entryPoints(pkg.manifest);
  const files = [];
  for (const entry of entries) {
    const where = `${pkg.name} entry "${entry.subpath}"`;
    if (entry.pattern) throw new Error(`${where}: subpath patterns cannot be reported; list the entry points explicitly in "exports"`);
    if (entry.types === undefined) throw new Error(`${where}: no "types" condition in package.json "exports"`);
    const declarationFile = join(pkg.dir, entry.types);
    if (!existsSync(declarationFile)) {
      throw new Error(`${where}: ${relative(root, declarationFile)} does not exist; run \`pnpm build\` first`);
    }
    const stem = reportStem(pkg.unscopedName, entry.subpath);
    let extracted;
    try {
      extracted = extractApiReport({ packageDir: pkg.dir, declarationFile, stem });
    } catch (failure) {
      throw new Error(`${where}: ${failure instanceof Error ? failure.message : String(failure)}`, { cause: failure });
    }
    notes.push(...extracted.notes.map((note) => `${pkg.name}: ${note}`));
    const path = join(apiDir, `${stem}.api.md`);
    const committed = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (committed !== extracted.report) files.push({ path, committed, actual: extracted.report });
  }
  // A report whose entry point is gone is stale.
  const expected = new Set(entries.map((e) => `${reportStem(pkg.unscopedName, e.subpath)}.api.md`));
  if (existsSync(apiDir)) {
    for (const file of readdirSync(apiDir)) {
      if (file.endsWith('.api.md') && !expected.has(file)) {
        files.push({ path: join(apiDir, file), committed: readFileSync(join(apiDir, file), 'utf8'), actual: undefined });
      }
    }
  }
  return files;
}

function describeChange(root, { path, committed, actual }) {
  const rel = relative(root, path);
  if (committed === undefined) return [`  ${rel}: no snapshot committed yet`];
  if (actual === undefined) return [`  ${rel}: the entry point is gone; the snapshot is stale`];
  const removed = [...exportedNames(committed)].filter((name) => !exportedNames(actual).has(name));
  const diff = lineDiff(committed, actual);
  const lines = [`  ${rel}:`];
  if (removed.length > 0) lines.push(`    removes ${removed.join(', ')}: a breaking change, say so in the changeset`);
  lines.push(...diff.slice(0, DIFF_LINES_SHOWN).map((line) => `    ${line}`));
  if (diff.length > DIFF_LINES_SHOWN) lines.push(`    … ${diff.length - DIFF_LINES_SHOWN} more changed lines`);
  return lines;
}
