import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Env } from '../runtime.js';

/**
 * The home directory the AWS SDKs use: `HOME`, then `USERPROFILE`, then `HOMEDRIVE` + `HOMEPATH`,
 * then `os.homedir()`. Read from the injected `env`, so tests and tools can point it elsewhere.
 *
 * @example
 * ```ts
 * homeDirectory({ HOME: '/home/me' }); // '/home/me'
 * ```
 * @public
 */
export function homeDirectory(env: Env): string {
  const home = nonEmpty(env.HOME) ?? nonEmpty(env.USERPROFILE);
  if (home !== undefined) return home;
  const drive = nonEmpty(env.HOMEDRIVE);
  const path = nonEmpty(env.HOMEPATH);
  if (path !== undefined) return `${drive ?? 'C:'}${path}`;
  return homedir();
}

/**
 * The two shared files iamkit reads, after options, env vars and `~/` expansion.
 *
 * @example
 * ```ts
 * const { configFile, credentialsFile } = sharedConfigPaths({ env: { HOME: '/home/me' } });
 * // '/home/me/.aws/config', '/home/me/.aws/credentials'
 * ```
 * @public
 */
export interface SharedConfigPaths {
  readonly configFile: string;
  readonly credentialsFile: string;
}

/**
 * Options that locate the shared files (see {@link sharedConfigPaths}).
 *
 * @example
 * ```ts
 * const options: SharedConfigPathOptions = { filepath: './ci/credentials', env: {} };
 * ```
 * @public
 */
export interface SharedConfigPathOptions {
  /** The credentials file; defaults to `AWS_SHARED_CREDENTIALS_FILE`, then `~/.aws/credentials`. */
  readonly filepath?: string | undefined;
  /** The config file; defaults to `AWS_CONFIG_FILE`, then `~/.aws/config`. */
  readonly configFilepath?: string | undefined;
  readonly env: Env;
}

/**
 * Where the config and credentials files are: the option, then `AWS_CONFIG_FILE` /
 * `AWS_SHARED_CREDENTIALS_FILE`, then `~/.aws/config` / `~/.aws/credentials`; a leading `~/` is
 * expanded to {@link homeDirectory}. Empty values count as unset.
 *
 * @example
 * ```ts
 * sharedConfigPaths({ env: { AWS_CONFIG_FILE: '~/work/aws-config', HOME: '/home/me' } }).configFile;
 * // '/home/me/work/aws-config'
 * ```
 * @public
 */
export function sharedConfigPaths(options: SharedConfigPathOptions): SharedConfigPaths {
  const { env } = options;
  const config = nonEmpty(options.configFilepath) ?? nonEmpty(env.AWS_CONFIG_FILE);
  const credentials = nonEmpty(options.filepath) ?? nonEmpty(env.AWS_SHARED_CREDENTIALS_FILE);
  return {
    configFile: config === undefined ? join(homeDirectory(env), '.aws', 'config') : expandHome(config, env),
    credentialsFile: credentials === undefined ? join(homeDirectory(env), '.aws', 'credentials') : expandHome(credentials, env),
  };
}

function expandHome(path: string, env: Env): string {
  if (path === '~') return homeDirectory(env);
  if (path.startsWith('~/') || path.startsWith('~\\')) return join(homeDirectory(env), path.slice(2));
  return path;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
