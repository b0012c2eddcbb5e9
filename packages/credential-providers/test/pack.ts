// Packs a workspace package and the workspace packages it depends on, as users would get them.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const PACKAGES_DIR = resolve(import.meta.dirname, '../..');

interface Manifest {
  readonly name: string;
  readonly dependencies?: Readonly<Record<string, string>>;
}

/** Runs a command; resolves with its exit code and output, never throws on a non-zero exit. */
export function run(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<{ code: number | null; output: string; stdout: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], timeout: options.timeoutMs ?? 240_000 });
    let output = '';
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, output, stdout }));
  });
}

/** Every workspace package `name` needs at runtime, itself included: name → directory. */
export function workspaceClosure(name: string): Map<string, string> {
  const dirs = new Map<string, string>();
  for (const entry of readdirSync(PACKAGES_DIR, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    try {
      const manifest = JSON.parse(readFileSync(join(PACKAGES_DIR, entry.name, 'package.json'), 'utf8')) as Manifest;
      dirs.set(manifest.name, join(PACKAGES_DIR, entry.name));
    } catch {
      // Not a package.
    }
  }
  const closure = new Map<string, string>();
  const visit = (pkg: string): void => {
    const dir = dirs.get(pkg);
    if (dir === undefined || closure.has(pkg)) return;
    closure.set(pkg, dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep);
  };
  visit(name);
  return closure;
}

/** `pnpm pack`s each package (workspace:^ becomes a real range) into `destination`: name → tarball path. */
export async function packAll(packages: Map<string, string>, destination: string): Promise<Map<string, string>> {
  const tarballs = new Map<string, string>();
  for (const [name, dir] of packages) {
    const result = await run('pnpm', ['pack', '--json', '--pack-destination', destination], { cwd: dir });
    if (result.code !== 0) throw new Error(`pnpm pack of ${name} failed:\n${result.output}`);
    tarballs.set(name, (JSON.parse(result.stdout) as { filename: string }).filename);
  }
  return tarballs;
}

// pnpm hands scripts its own npm_* variables; they are not meant for npm. Registry, cache, proxy
// and TLS settings stay.
const KEEP_NPM_VARIABLE = /^npm_config_(registry|.*:registry|cache|userconfig|globalconfig|cafile|ca|.*proxy|strict_ssl)$/i;
export function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || KEEP_NPM_VARIABLE.test(key)));
}
