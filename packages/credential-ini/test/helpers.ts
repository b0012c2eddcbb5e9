import { fileURLToPath } from 'node:url';
import { type ReadTextFile, type SharedConfig, loadSharedConfig } from '@iamkit/credentials';
import { rejectionOf } from '@iamkit/test-kit';

export const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
export const TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDexampletokenvalue0123456789';
export const HOME = { HOME: '/h' };
export const CONFIG = '/h/.aws/config';
export const CREDENTIALS = '/h/.aws/credentials';

/** An in-memory file system for the two shared files. */
export function files(config?: string, credentials?: string): ReadTextFile {
  const map: Record<string, string | undefined> = { [CONFIG]: config, [CREDENTIALS]: credentials };
  return (path) => {
    const text = map[path];
    return text === undefined ? Promise.reject(Object.assign(new Error('ENOENT'), { code: 'ENOENT' })) : Promise.resolve(text);
  };
}

export function load(config?: string, credentials?: string): Promise<SharedConfig> {
  return loadSharedConfig({ env: HOME, readFile: files(config, credentials) });
}

const PRINT = fileURLToPath(new URL('./fixtures/print.mjs', import.meta.url));

/** A credential_process command line that prints `output` and exits with `code`. */
export function printCommand(output: unknown, code = 0): string {
  const text = typeof output === 'string' ? output : JSON.stringify(output);
  return [process.execPath, PRINT, Buffer.from(text).toString('base64'), String(code)].map((w) => `'${w}'`).join(' ');
}

/** Runs `promise` and returns what it rejected with (or fails the test if it resolved). */
export async function rejection(promise: Promise<unknown>): Promise<Error & { code: string }> {
  const error: unknown = await rejectionOf(promise);
  return error as Error & { code: string };
}

/** Calls `fn` and returns what it threw (or fails the test if it did not throw). */
export function thrown(fn: () => unknown): Error & { code: string } {
  try {
    fn();
  } catch (error) {
    return error as Error & { code: string };
  }
  throw new Error('expected an error');
}
