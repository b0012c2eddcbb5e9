import { type IniSettings, type SharedConfig, createCredentials, describeLocation } from '@iamkit/credentials';
import { iniError } from './ini-error.js';
import type { CredentialSourceName, StaticPlan } from './profile-plan.js';

/** A setting's value, trimmed; empty counts as absent. */
export function setting(settings: IniSettings, key: string): string | undefined {
  const value = settings[key]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** `profile 'x' (/home/me/.aws/config line 3)`, for messages. */
export function profileLabel(config: SharedConfig, profile: string, key?: string): string {
  const where = describeLocation(config, profile, key) ?? describeLocation(config, profile);
  return where === undefined ? `profile '${profile}'` : `profile '${profile}' (${where})`;
}

const STATIC_KEYS = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token'] as const;

/** Whether the profile sets any static key (complete or not). */
export function hasStaticKeys(settings: IniSettings): boolean {
  return STATIC_KEYS.some((key) => setting(settings, key) !== undefined);
}

/** The profile's static keys as a plan; a half-set pair is an error naming the missing key. */
export function staticPlan(config: SharedConfig, profile: string, settings: IniSettings): StaticPlan {
  const accessKeyId = setting(settings, 'aws_access_key_id');
  const secretAccessKey = setting(settings, 'aws_secret_access_key');
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    const set = STATIC_KEYS.filter((key) => setting(settings, key) !== undefined);
    const missing = accessKeyId === undefined ? 'aws_access_key_id' : 'aws_secret_access_key';
    throw iniError(
      'ERR_INI_PROFILE_INVALID',
      `${profileLabel(config, profile, set[0])} sets ${set.join(' and ')} but not ${missing}: add ${missing}, or remove the partial keys.`,
    );
  }
  const credentials = createCredentials(
    { accessKeyId, secretAccessKey, sessionToken: setting(settings, 'aws_session_token'), accountId: setting(settings, 'aws_account_id') },
    'ini',
  );
  return { kind: 'static', profile, credentials };
}

const CREDENTIAL_SOURCES: readonly CredentialSourceName[] = ['Environment', 'Ec2InstanceMetadata', 'EcsContainer'];

/** The canonical `credential_source` name (any case accepted, as botocore does). */
export function credentialSourceName(config: SharedConfig, profile: string, value: string): CredentialSourceName {
  const name = CREDENTIAL_SOURCES.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
  if (name !== undefined) return name;
  throw iniError(
    'ERR_INI_PROFILE_INVALID',
    `${profileLabel(config, profile, 'credential_source')} has credential_source = ${JSON.stringify(value)}, which is not one of ${CREDENTIAL_SOURCES.join(', ')}.`,
  );
}

/** `duration_seconds` as a number within what STS allows. */
export function durationSeconds(config: SharedConfig, profile: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (seconds >= 900 && seconds <= 43_200) return seconds;
  throw iniError(
    'ERR_INI_PROFILE_INVALID',
    `${profileLabel(config, profile, 'duration_seconds')} has duration_seconds = ${JSON.stringify(value)}: use a whole number of seconds from 900 to 43200.`,
  );
}

/** `role_arn`, checked to be an ARN so that a typo fails here rather than as an STS error. */
export function roleArn(config: SharedConfig, profile: string, value: string): string {
  if (/^arn:[^:\s]+:iam::[^:\s]*:role\/\S+$/.test(value)) return value;
  throw iniError(
    'ERR_INI_PROFILE_INVALID',
    `${profileLabel(config, profile, 'role_arn')} has role_arn = ${JSON.stringify(value)}, which is not a role ARN like arn:aws:iam::123456789012:role/name.`,
  );
}

const SSO_KEYS = ['sso_session', 'sso_start_url', 'sso_account_id', 'sso_region', 'sso_role_name'] as const;

/** Whether the profile is an SSO (IAM Identity Center) profile. */
export function isSsoProfile(settings: IniSettings): boolean {
  return SSO_KEYS.some((key) => setting(settings, key) !== undefined);
}
