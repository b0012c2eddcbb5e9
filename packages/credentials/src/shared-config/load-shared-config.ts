import { resolveRuntime } from '../env.js';
import { IamkitError } from '../errors.js';
import type { ReadTextFile, RuntimeOptions } from '../runtime.js';
import { sharedConfigPaths } from './config-paths.js';
import { type IniSection, parseIni } from './parse-ini.js';
import { type IniSettings, emptyRecord, sealSettings } from './redacted-settings.js';

/**
 * Options of {@link loadSharedConfig}: where the files are, and the injectable `env` and
 * `readFile`.
 *
 * @example
 * ```ts
 * await loadSharedConfig({ configFilepath: '/etc/app/aws-config', env: {} });
 * ```
 * @public
 */
export interface SharedConfigOptions extends RuntimeOptions {
  /** The credentials file; defaults to `AWS_SHARED_CREDENTIALS_FILE`, then `~/.aws/credentials`. */
  readonly filepath?: string | undefined;
  /** The config file; defaults to `AWS_CONFIG_FILE`, then `~/.aws/config`. */
  readonly configFilepath?: string | undefined;
}

/**
 * One of the two shared files and whether it existed.
 *
 * @example
 * ```ts
 * config.files.filter((f) => f.found).map((f) => f.path);
 * ```
 * @public
 */
export interface SharedConfigFile {
  readonly kind: 'config' | 'credentials';
  readonly path: string;
  readonly found: boolean;
}

/**
 * A file and 1-based line, for messages that tell the user where to look.
 *
 * @example
 * ```ts
 * const where: SettingLocation = { path: '/home/me/.aws/config', line: 12 };
 * ```
 * @public
 */
export interface SettingLocation {
  readonly path: string;
  readonly line: number;
}

/**
 * Where a profile came from: its section headers, and for each key the file and line that won.
 *
 * @example
 * ```ts
 * config.origins.dev?.keys.role_arn; // { path: '/home/me/.aws/config', line: 7 }
 * ```
 * @public
 */
export interface ProfileOrigin {
  readonly sections: readonly SettingLocation[];
  readonly keys: Readonly<Record<string, SettingLocation>>;
}

/**
 * Both shared files, merged: in the config file only `[default]` and `[profile x]` are
 * profiles; in the credentials file every section is; the credentials file wins key by key.
 * Secret values stay out of `JSON.stringify` and `util.inspect` of this object.
 *
 * @example
 * ```ts
 * const config = await loadSharedConfig();
 * config.profiles.default?.region;
 * ```
 * @public
 */
export interface SharedConfig {
  readonly profiles: Readonly<Record<string, IniSettings>>;
  /** `[sso-session x]` sections of the config file. */
  readonly ssoSessions: Readonly<Record<string, IniSettings>>;
  /** `[services x]` sections of the config file. */
  readonly services: Readonly<Record<string, IniSettings>>;
  /** The config file, then the credentials file, with whether each existed. */
  readonly files: readonly SharedConfigFile[];
  readonly origins: Readonly<Record<string, ProfileOrigin>>;
}

// A file that is not there is an empty file; anything else (permissions, a directory) is reported.
const MISSING = new Set(['ENOENT', 'ENOTDIR']);

/**
 * Reads and merges `~/.aws/config` and `~/.aws/credentials` (see {@link sharedConfigPaths} for
 * how they are located). Missing files count as empty; an unreadable file throws
 * `ERR_SHARED_CONFIG_READ`, a malformed one `ERR_SHARED_CONFIG_PARSE`. The files are read on
 * every call, so edits are seen at the next credential refresh.
 *
 * @example
 * ```ts
 * const config = await loadSharedConfig({ env: { HOME: '/home/me' } });
 * const profile = config.profiles[selectProfile({ env: process.env }).name];
 * ```
 * @public
 */
export async function loadSharedConfig(options: SharedConfigOptions = {}): Promise<SharedConfig> {
  const { env, readFile } = resolveRuntime(options);
  const paths = sharedConfigPaths({ env, filepath: options.filepath, configFilepath: options.configFilepath });
  const [config, credentials] = await Promise.all([
    readOptional(readFile, paths.configFile, 'AWS_CONFIG_FILE'),
    readOptional(readFile, paths.credentialsFile, 'AWS_SHARED_CREDENTIALS_FILE'),
  ]);

  const profiles = new Builder();
  const ssoSessions = new Builder();
  const services = new Builder();
  const configSections = config === undefined ? [] : parseIni(config, { path: paths.configFile }).sections;
  // `[profile default]` is the explicit spelling, so it is merged over a plain `[default]`.
  for (const section of configSections) {
    if (section.type === undefined && section.name === 'default') profiles.merge('default', section, paths.configFile);
  }
  for (const section of configSections) {
    if (section.type === 'profile') profiles.merge(section.name, section, paths.configFile);
    else if (section.type === 'sso-session') ssoSessions.merge(section.name, section, paths.configFile);
    else if (section.type === 'services') services.merge(section.name, section, paths.configFile);
  }
  if (credentials !== undefined) {
    for (const section of parseIni(credentials, { path: paths.credentialsFile }).sections) {
      profiles.merge(section.header, section, paths.credentialsFile);
    }
  }

  return Object.freeze({
    profiles: profiles.settings(),
    ssoSessions: ssoSessions.settings(),
    services: services.settings(),
    files: Object.freeze([
      { kind: 'config', path: paths.configFile, found: config !== undefined },
      { kind: 'credentials', path: paths.credentialsFile, found: credentials !== undefined },
    ] as const),
    origins: profiles.origins(),
  });
}

async function readOptional(readFile: ReadTextFile, path: string, envVar: string): Promise<string | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && MISSING.has(code)) return undefined;
    throw new IamkitError({
      code: 'ERR_SHARED_CONFIG_READ',
      source: 'shared-config',
      message: `cannot read ${path}${typeof code === 'string' ? ` (${code})` : ''}: fix the file's permissions, or point ${envVar} at a readable file.`,
      cause: error,
    });
  }
}

class Builder {
  readonly #settings = emptyRecord<Record<string, string>>();
  readonly #origins = emptyRecord<{ sections: SettingLocation[]; keys: Record<string, SettingLocation> }>();

  merge(name: string, section: IniSection, path: string): void {
    const settings = (this.#settings[name] ??= emptyRecord());
    const origin = (this.#origins[name] ??= { sections: [], keys: emptyRecord() });
    origin.sections.push({ path, line: section.line });
    for (const [key, value] of Object.entries(section.properties)) {
      settings[key] = value;
      origin.keys[key] = { path, line: section.lines[key] ?? section.line };
    }
  }

  settings(): Readonly<Record<string, IniSettings>> {
    const out = emptyRecord<IniSettings>();
    for (const [name, settings] of Object.entries(this.#settings)) out[name] = sealSettings(settings);
    return Object.freeze(out);
  }

  origins(): Readonly<Record<string, ProfileOrigin>> {
    const out = emptyRecord<ProfileOrigin>();
    for (const [name, origin] of Object.entries(this.#origins)) {
      out[name] = Object.freeze({ sections: Object.freeze(origin.sections), keys: Object.freeze(origin.keys) });
    }
    return Object.freeze(out);
  }
}
