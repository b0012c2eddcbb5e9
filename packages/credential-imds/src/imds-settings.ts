import { IamkitError, loadSharedConfig, notConfigured, selectProfile, type Env, type ReadTextFile } from '@iamkit/credentials';
import { IMDS_DEFAULTS, type FromInstanceMetadataOptions } from './imds-options.js';

const DISABLED = 'AWS_EC2_METADATA_DISABLED';
const ENDPOINT = 'AWS_EC2_METADATA_SERVICE_ENDPOINT';
const MODE = 'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE';
const V1_DISABLED = 'AWS_EC2_METADATA_V1_DISABLED';
const PROFILE_NAME = 'AWS_EC2_INSTANCE_PROFILE_NAME';

/** Where each setting came from, so that every error can name it. */
export interface ImdsSettings {
  readonly endpoint: URL;
  /** `AWS_EC2_METADATA_SERVICE_ENDPOINT`, `option endpoint`, `profile key … in <file>`, or the mode default. */
  readonly endpointFrom: string;
  readonly v1Fallback: boolean;
  /** What disabled the fallback, when it is disabled. */
  readonly v1DisabledBy: string | undefined;
  readonly profileName: string | undefined;
  readonly profileNameFrom: string | undefined;
}

type Found = { readonly value: string; readonly from: string } | undefined;

/**
 * Reads the IMDS settings: `AWS_EC2_METADATA_DISABLED` first (strictly `true` or `false`, any case;
 * `true` makes the source not configured), then endpoint, mode, v1 fallback and profile name from
 * the options, the environment and the selected shared-config profile, in that order.
 */
export async function resolveImdsSettings(options: FromInstanceMetadataOptions, env: Env, readFile: ReadTextFile): Promise<ImdsSettings> {
  if (strictBoolean(env[DISABLED], DISABLED) === true) {
    throw notConfigured({ source: 'imds', reason: `${DISABLED} is true`, configureWith: [`${DISABLED}=false (or unset it)`] });
  }
  // The files are read only when some setting is left to them; each setting falls through on its own.
  const needsProfile =
    (options.endpoint === undefined && blankToUndefined(env[ENDPOINT]) === undefined) ||
    (options.v1Fallback === undefined && blankToUndefined(env[V1_DISABLED]) === undefined) ||
    (options.instanceProfileName === undefined && blankToUndefined(env[PROFILE_NAME]) === undefined);
  const profile = needsProfile ? await profileSettings(options, env, readFile) : {};
  const pick = (option: string | undefined, optionName: string, variable: string, key: string): Found => {
    if (option !== undefined && option.trim() !== '') return { value: option.trim(), from: `option ${optionName}` };
    const fromEnv = blankToUndefined(env[variable]);
    if (fromEnv !== undefined) return { value: fromEnv, from: variable };
    const fromProfile = blankToUndefined(profile.settings?.[key]);
    return fromProfile === undefined ? undefined : { value: fromProfile, from: `profile key ${key} (profile ${profile.name ?? 'default'})` };
  };

  const endpointSetting = pick(options.endpoint, 'endpoint', ENDPOINT, 'ec2_metadata_service_endpoint');
  const modeSetting = pick(options.endpointMode, 'endpointMode', MODE, 'ec2_metadata_service_endpoint_mode');
  if (modeSetting !== undefined && modeSetting.value !== 'IPv4' && modeSetting.value !== 'IPv6') {
    throw configError(`${modeSetting.from} is ${JSON.stringify(modeSetting.value.slice(0, 20))}; set it to IPv4 or IPv6 (exactly so).`);
  }
  const modeDefault = modeSetting?.value === 'IPv6' ? IMDS_DEFAULTS.ipv6Endpoint : IMDS_DEFAULTS.ipv4Endpoint;
  const endpoint = endpointUrl(endpointSetting?.value ?? modeDefault, endpointSetting?.from ?? 'the default');

  const v1 = v1Setting(options, env, profile.settings, profile.name);
  const name = pick(options.instanceProfileName, 'instanceProfileName', PROFILE_NAME, 'ec2_instance_profile_name');
  if (name !== undefined && /[\s/\p{Cc}]/u.test(name.value)) {
    throw configError(`${name.from} must be a role name without "/" or whitespace.`);
  }
  return {
    endpoint,
    endpointFrom: endpointSetting?.from ?? `the ${modeSetting?.value ?? 'IPv4'} default (set ${ENDPOINT} to change it)`,
    v1Fallback: v1.disabledBy === undefined,
    v1DisabledBy: v1.disabledBy,
    profileName: name?.value,
    profileNameFrom: name?.from,
  };
}

function v1Setting(options: FromInstanceMetadataOptions, env: Env, settings: Readonly<Record<string, string>> | undefined, profile: string | undefined): { disabledBy: string | undefined } {
  if (options.v1Fallback !== undefined) return { disabledBy: options.v1Fallback ? undefined : 'option v1Fallback: false' };
  const fromEnv = strictBoolean(env[V1_DISABLED], V1_DISABLED);
  if (fromEnv !== undefined) return { disabledBy: fromEnv ? `${V1_DISABLED}=true` : undefined };
  const key = `profile key ec2_metadata_v1_disabled (profile ${profile ?? 'default'})`;
  return { disabledBy: strictBoolean(settings?.ec2_metadata_v1_disabled, key) === true ? key : undefined };
}

/** `true` / `false` in any case; blank is unset; anything else is a mistake worth an error. */
function strictBoolean(value: string | undefined, name: string): boolean | undefined {
  const text = blankToUndefined(value);
  if (text === undefined) return undefined;
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw configError(`${name} is ${JSON.stringify(text.slice(0, 20))}; set it to true or false (or unset it).`);
}

async function profileSettings(
  options: FromInstanceMetadataOptions,
  env: Env,
  readFile: ReadTextFile,
): Promise<{ settings?: Readonly<Record<string, string>>; name?: string }> {
  const config = await loadSharedConfig({ env, readFile, configFilepath: options.configFilepath, filepath: options.filepath });
  const { name } = selectProfile({ profile: options.profile, env });
  // A profile that does not exist simply has no IMDS keys; the profile-based sources report it.
  return { settings: config.profiles[name], name };
}

function endpointUrl(value: string, from: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '') {
    throw configError(`${from} is not an http(s) URL without user info; set it like http://169.254.169.254.`);
  }
  return url;
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function configError(message: string): IamkitError {
  return new IamkitError({ code: 'ERR_CONFIG_INVALID', source: 'imds', message: `imds: ${message}` });
}
