import { readFile } from 'node:fs/promises';
import type { Env, ReadTextFile, RuntimeOptions } from './runtime.js';

/**
 * The one place library code reads `process.env`: everything else takes an injected `env`.
 *
 * @example
 * ```ts
 * const env = resolveEnv(options.env);
 * ```
 * @public
 */
export function resolveEnv(env?: Env): Env {
  return env ?? process.env;
}

const readTextFile: ReadTextFile = (path) => readFile(path, 'utf8');

/**
 * Fills in the defaults of {@link RuntimeOptions}: `process.env`, `Date.now`, `Math.random` and
 * the real file system.
 *
 * @example
 * ```ts
 * const { env, now, random, readFile } = resolveRuntime(options);
 * ```
 * @public
 */
export function resolveRuntime(options: RuntimeOptions = {}): Required<{ [K in keyof RuntimeOptions]: NonNullable<RuntimeOptions[K]> }> {
  return {
    env: resolveEnv(options.env),
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    readFile: options.readFile ?? readTextFile,
  };
}
