// Discovery shared by the packaging scripts. Packages come and go while several people work in
// parallel, so nothing here lists them by name: every packages/*/package.json that is not private
// is publishable, and its exports map says which entry points it has.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo root (the folder above scripts/). */
export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * Every publishable package under `<root>/packages`, sorted by name.
 *
 * @param {string} [root]
 * @returns {{ name: string, unscopedName: string, dir: string, relDir: string, manifest: any }[]}
 */
export function publishablePackages(root = repoRoot) {
  const base = join(root, 'packages');
  if (!existsSync(base)) return [];
  const found = [];
  for (const entry of readdirSync(base, { withFileTypes: true })) {
    const manifestPath = join(base, entry.name, 'package.json');
    if (!entry.isDirectory() || !existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.private === true) continue;
    found.push({
      name: manifest.name,
      unscopedName: manifest.name.replace(/^@[^/]+\//, ''),
      dir: join(base, entry.name),
      relDir: `packages/${entry.name}`,
      manifest,
    });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The entry points a package declares: every key of its exports map except `./package.json`,
 * with the declaration file the `import` condition resolves to. Subpath patterns (`./*`) cannot be
 * enumerated and are returned with `pattern: true` so callers can say so instead of passing silently.
 *
 * @param {any} manifest
 * @returns {{ subpath: string, specifier: string, types: string | undefined, pattern: boolean }[]}
 */
export function entryPoints(manifest) {
  const exportsMap = manifest.exports;
  if (exportsMap === undefined) {
    return [{ subpath: '.', specifier: manifest.name, types: manifest.types ?? manifest.typings, pattern: false }];
  }
  const map = typeof exportsMap === 'string' || !Object.keys(exportsMap).some((k) => k.startsWith('.')) ? { '.': exportsMap } : exportsMap;
  return Object.keys(map)
    .filter((subpath) => subpath !== './package.json')
    .map((subpath) => ({
      subpath,
      specifier: subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`,
      types: typesOf(map[subpath]),
      pattern: subpath.includes('*'),
    }));
}

// The ESM declaration file of one export target: nested import/require blocks (each with its own
// `types`) or a flat { types, default }.
function typesOf(target) {
  if (typeof target === 'string') return /\.d\.[cm]?ts$/.test(target) ? target : undefined;
  if (target === null || typeof target !== 'object') return undefined;
  if (typeof target.types === 'string') return target.types;
  for (const condition of ['import', 'node', 'default', 'require']) {
    const found = condition in target ? typesOf(target[condition]) : undefined;
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The file name stem of an entry point's API report: `credentials` for ".",
 * `credentials.testing` for "./testing".
 *
 * @param {string} unscopedName
 * @param {string} subpath
 */
export function reportStem(unscopedName, subpath) {
  return subpath === '.' ? unscopedName : `${unscopedName}.${subpath.slice(2).replaceAll('/', '.')}`;
}
