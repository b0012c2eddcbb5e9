import { IamkitError } from '@iamkit/credentials';

/**
 * The codes `@iamkit/credential-ini` raises, besides `ERR_CREDENTIALS_NOT_CONFIGURED`, the
 * shared-config codes (`ERR_SHARED_CONFIG_PARSE`, `ERR_SHARED_CONFIG_READ`) and whatever an
 * executor or `credential_process` raises.
 *
 * @example
 * ```ts
 * if (isIamkitError(error, 'ERR_INI_NEEDS_STS' satisfies IniErrorCode)) console.error(error.message);
 * ```
 * @public
 */
export type IniErrorCode =
  /** The profile asked for, or a `source_profile`, does not exist. */
  | 'ERR_INI_PROFILE_NOT_FOUND'
  /** `source_profile` links loop back on themselves. */
  | 'ERR_INI_PROFILE_CYCLE'
  /** A profile's settings contradict each other or have unusable values. */
  | 'ERR_INI_PROFILE_INVALID'
  /** An SSO (IAM Identity Center) or `aws login` profile, which iamkit does not resolve. */
  | 'ERR_INI_PROFILE_UNSUPPORTED'
  /** The profile assumes a role, and no STS executor was given. */
  | 'ERR_INI_NEEDS_STS'
  /** `credential_source` names a source whose provider was not given. */
  | 'ERR_INI_NEEDS_PROVIDER'
  /** `mfa_serial` is set and no `mfaCodeProvider` was given. */
  | 'ERR_INI_MFA_REQUIRED'
  /** The `credential_source` the profile relies on is not configured here. */
  | 'ERR_INI_SOURCE_UNAVAILABLE'
  /** An injected executor failed with something other than an iamkit error. */
  | 'ERR_INI_EXECUTOR_FAILED';

/** @internal */
export function iniError(code: IniErrorCode, message: string, cause?: unknown): IamkitError<IniErrorCode> {
  return new IamkitError({ code, source: 'ini', message, cause });
}
