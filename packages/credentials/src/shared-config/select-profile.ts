import type { Env } from '../runtime.js';
import type { SharedConfig } from './load-shared-config.js';

/**
 * Which profile to use and what chose it. Only `'default'` may be absent without that being an
 * error: a profile someone asked for by name must exist.
 *
 * @example
 * ```ts
 * const { name, from } = selectProfile({ env: { AWS_PROFILE: 'dev' } }); // 'dev', 'AWS_PROFILE'
 * ```
 * @public
 */
export interface ProfileSelection {
  readonly name: string;
  readonly from: 'option' | 'AWS_PROFILE' | 'default';
}

/**
 * Picks the profile: the `profile` option, then `AWS_PROFILE`, then `default`. Empty values count
 * as unset. (`AWS_DEFAULT_PROFILE` is not read, as in the AWS SDK for JavaScript.)
 *
 * @example
 * ```ts
 * selectProfile({ profile: 'ci', env: { AWS_PROFILE: 'dev' } }); // { name: 'ci', from: 'option' }
 * ```
 * @public
 */
export function selectProfile(options: { readonly profile?: string | undefined; readonly env: Env }): ProfileSelection {
  const option = options.profile?.trim();
  if (option !== undefined && option !== '') return { name: option, from: 'option' };
  const fromEnv = options.env.AWS_PROFILE?.trim();
  if (fromEnv !== undefined && fromEnv !== '') return { name: fromEnv, from: 'AWS_PROFILE' };
  return { name: 'default', from: 'default' };
}

/**
 * Explains a missing profile: which files were read (and which do not exist), which profiles
 * they hold, and how to fix it. Used by every source that reads a named profile.
 *
 * @example
 * ```ts
 * throw new IamkitError({ code: 'ERR_INI_PROFILE_NOT_FOUND', message: describeMissingProfile(config, selection) });
 * ```
 * @public
 */
export function describeMissingProfile(config: SharedConfig, selection: ProfileSelection): string {
  const files = config.files.map((f) => (f.found ? f.path : `${f.path} (missing)`)).join(' and ');
  const names = Object.keys(config.profiles).sort();
  const available = names.length === 0 ? 'They define no profiles' : `Profiles there: ${names.join(', ')}`;
  const chosenBy = selection.from === 'option' ? 'the profile option' : selection.from;
  const configFile = config.files.find((f) => f.kind === 'config')?.path ?? '~/.aws/config';
  const section = selection.name === 'default' ? '[default]' : `[profile ${selection.name}]`;
  return `profile '${selection.name}' (chosen by ${chosenBy}) was not found in ${files}. ${available}. Fix ${chosenBy}, or add ${section} to ${configFile}.`;
}

/**
 * Where a profile, or one of its keys, is set — `"/home/me/.aws/config line 7"` — for error
 * messages; `undefined` when it is not set anywhere.
 *
 * @example
 * ```ts
 * describeLocation(config, 'dev', 'credential_process'); // '/home/me/.aws/config line 9'
 * ```
 * @public
 */
export function describeLocation(config: SharedConfig, profile: string, key?: string): string | undefined {
  const origin = config.origins[profile];
  if (origin === undefined) return undefined;
  if (key !== undefined) {
    const where = origin.keys[key];
    return where === undefined ? undefined : `${where.path} line ${where.line}`;
  }
  return origin.sections.map((s) => `${s.path} line ${s.line}`).join(' and ');
}
