import { type IniSettings, type ProfileSelection, type SharedConfig, describeLocation, describeMissingProfile, notConfigured } from '@iamkit/credentials';
import { iniError } from './ini-error.js';
import type { ProfilePlan } from './profile-plan.js';
import { credentialSourceName, durationSeconds, hasStaticKeys, isSsoProfile, profileLabel, roleArn, setting, staticPlan } from './profile-settings.js';

/**
 * Works out how a profile gets its credentials, following `source_profile` links, without
 * running or calling anything. In order (as the AWS SDK for JavaScript does):
 *
 * 1. a profile reached through `source_profile` that has static keys uses them;
 * 2. `role_arn` with exactly one of `source_profile` / `credential_source` → `assume-role`
 *    (both → `ERR_INI_PROFILE_INVALID`); a profile may name itself as `source_profile` only when
 *    it has static keys (as botocore allows), any other loop is `ERR_INI_PROFILE_CYCLE`;
 * 3. static keys → `static`;
 * 4. `web_identity_token_file` + `role_arn` → `web-identity`;
 * 5. `credential_process` → `process`;
 * 6. `credential_source` without `role_arn` → `credential-source`;
 * 7. SSO or `login_session` settings → `ERR_INI_PROFILE_UNSUPPORTED`.
 *
 * A profile with none of these is "not configured" (a chain moves on; it may just hold a region)
 * — unless it was reached through `source_profile`, which makes it `ERR_INI_PROFILE_INVALID`. A
 * missing profile is `ERR_INI_PROFILE_NOT_FOUND`, listing the files read and the profiles found.
 *
 * @example
 * ```ts
 * import { loadSharedConfig } from '@iamkit/credentials';
 * import { resolveProfilePlan, describeProfilePlan } from '@iamkit/credential-ini';
 * const plan = resolveProfilePlan(await loadSharedConfig(), 'dev');
 * console.log(describeProfilePlan(plan));
 * ```
 * @public
 */
export function resolveProfilePlan(config: SharedConfig, profile: string | ProfileSelection): ProfilePlan {
  const selection: ProfileSelection = typeof profile === 'string' ? { name: profile, from: 'option' } : profile;
  if (config.profiles[selection.name] === undefined) {
    throw iniError('ERR_INI_PROFILE_NOT_FOUND', describeMissingProfile(config, selection));
  }
  return resolve(config, selection.name, []);
}

function resolve(config: SharedConfig, name: string, visited: readonly string[]): ProfilePlan {
  const settings = config.profiles[name] ?? {};
  const isSource = visited.length > 0;
  if (isSource && hasStaticKeys(settings)) return staticPlan(config, name, settings);

  const role = setting(settings, 'role_arn');
  const sourceProfile = setting(settings, 'source_profile');
  const credentialSource = setting(settings, 'credential_source');
  if (role !== undefined && (sourceProfile !== undefined || credentialSource !== undefined)) {
    if (sourceProfile !== undefined && credentialSource !== undefined) {
      throw iniError(
        'ERR_INI_PROFILE_INVALID',
        `${profileLabel(config, name, 'role_arn')} sets both source_profile and credential_source: keep exactly one to say where the credentials for role_arn come from.`,
      );
    }
    return {
      kind: 'assume-role',
      profile: name,
      roleArn: roleArn(config, name, role),
      source:
        sourceProfile === undefined
          ? { kind: 'credential-source', profile: name, name: credentialSourceName(config, name, credentialSource ?? '') }
          : sourcePlan(config, name, sourceProfile, settings, visited),
      roleSessionName: setting(settings, 'role_session_name'),
      externalId: setting(settings, 'external_id'),
      durationSeconds: durationSeconds(config, name, setting(settings, 'duration_seconds')),
      mfaSerial: setting(settings, 'mfa_serial'),
      region: setting(settings, 'region'),
    };
  }

  if (hasStaticKeys(settings)) return staticPlan(config, name, settings);

  const tokenFile = setting(settings, 'web_identity_token_file');
  if (tokenFile !== undefined || role !== undefined) {
    if (tokenFile === undefined || role === undefined) {
      throw iniError(
        'ERR_INI_PROFILE_INVALID',
        tokenFile === undefined
          ? `${profileLabel(config, name, 'role_arn')} sets role_arn but nothing to assume it with: add source_profile, credential_source or web_identity_token_file.`
          : `${profileLabel(config, name, 'web_identity_token_file')} sets web_identity_token_file but no role_arn: add the role_arn to assume with the token.`,
      );
    }
    return {
      kind: 'web-identity',
      profile: name,
      roleArn: roleArn(config, name, role),
      tokenFile,
      roleSessionName: setting(settings, 'role_session_name'),
      region: setting(settings, 'region'),
    };
  }

  const command = setting(settings, 'credential_process');
  if (command !== undefined) {
    return {
      kind: 'process',
      profile: name,
      command,
      accountId: setting(settings, 'aws_account_id'),
      location: describeLocation(config, name, 'credential_process'),
    };
  }
  if (credentialSource !== undefined) return { kind: 'credential-source', profile: name, name: credentialSourceName(config, name, credentialSource) };

  if (isSsoProfile(settings) || setting(settings, 'login_session') !== undefined) {
    throw iniError('ERR_INI_PROFILE_UNSUPPORTED', unsupportedMessage(config, name, settings));
  }
  if (isSource) {
    const parent = visited[visited.length - 1] ?? '';
    throw iniError(
      'ERR_INI_PROFILE_INVALID',
      `${profileLabel(config, name)} is the source_profile of profile '${parent}' but has no credentials: give it aws_access_key_id and aws_secret_access_key, or its own role_arn, credential_process or web_identity_token_file.`,
    );
  }
  throw notConfigured({
    source: 'ini',
    reason: `${profileLabel(config, name)} has no credential settings`,
    configureWith: ['aws_access_key_id + aws_secret_access_key', 'role_arn + source_profile', 'credential_process', `in the profile '${name}'`],
  });
}

function sourcePlan(config: SharedConfig, name: string, sourceProfile: string, settings: IniSettings, visited: readonly string[]): ProfilePlan {
  if (sourceProfile === name) {
    // botocore's rule: naming yourself means "assume role_arn with my own static keys".
    if (hasStaticKeys(settings)) return staticPlan(config, name, settings);
    throw cycle(config, [name, name]);
  }
  if (visited.includes(sourceProfile)) throw cycle(config, [...visited.slice(visited.indexOf(sourceProfile)), name, sourceProfile]);
  if (config.profiles[sourceProfile] === undefined) {
    const names = Object.keys(config.profiles).sort().join(', ');
    throw iniError(
      'ERR_INI_PROFILE_NOT_FOUND',
      `${profileLabel(config, name, 'source_profile')} sets source_profile = ${sourceProfile}, but no profile '${sourceProfile}' exists in ${config.files.map((f) => f.path).join(' or ')}. Profiles there: ${names}. Fix source_profile or add [profile ${sourceProfile}].`,
    );
  }
  return resolve(config, sourceProfile, [...visited, name]);
}

function cycle(config: SharedConfig, path: readonly string[]): Error {
  const first = path[0] ?? '';
  const selfOnly = path.length === 2 && path[1] === first;
  return iniError(
    'ERR_INI_PROFILE_CYCLE',
    `source_profile links form a cycle: ${path.join(' -> ')} (see ${profileLabel(config, first, 'source_profile')}). ${
      selfOnly ? 'A profile may name itself as source_profile only when it has aws_access_key_id and aws_secret_access_key.' : 'Point one of them at a profile with keys.'
    }`,
  );
}

function unsupportedMessage(config: SharedConfig, name: string, settings: IniSettings): string {
  const label = profileLabel(config, name);
  if (!isSsoProfile(settings)) {
    return `${label} uses login_session ("aws login"), which iamkit does not support: use credential_process = aws configure export-credentials --profile ${name} in another profile.`;
  }
  return `${label} uses AWS IAM Identity Center (SSO), which iamkit does not support yet: add a profile with credential_process = aws configure export-credentials --profile ${name} and use that one.`;
}
