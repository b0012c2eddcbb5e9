import type { Credentials } from '@iamkit/credentials';

/**
 * The values `credential_source` may take (matched case-insensitively, as botocore does).
 *
 * @example
 * ```ts
 * const name: CredentialSourceName = 'EcsContainer';
 * ```
 * @public
 */
export type CredentialSourceName = 'Environment' | 'Ec2InstanceMetadata' | 'EcsContainer';

/**
 * How a profile's credentials are obtained, worked out from the files before anything runs
 * (see {@link resolveProfilePlan}). Role chains nest: an `assume-role` plan holds the plan of its
 * source.
 *
 * @example
 * ```ts
 * const plan = resolveProfilePlan(await loadSharedConfig(), 'dev');
 * if (plan.kind === 'assume-role') console.log(plan.roleArn, plan.source.kind);
 * ```
 * @public
 */
export type ProfilePlan = StaticPlan | AssumeRolePlan | WebIdentityPlan | ProcessPlan | CredentialSourcePlan;

/**
 * Keys in the profile itself: `aws_access_key_id`, `aws_secret_access_key`, optionally
 * `aws_session_token` and `aws_account_id`.
 *
 * @example
 * ```ts
 * if (plan.kind === 'static') plan.credentials.accessKeyId;
 * ```
 * @public
 */
export interface StaticPlan {
  readonly kind: 'static';
  readonly profile: string;
  /** Secret-safe in JSON and `util.inspect` (made with `createCredentials`). */
  readonly credentials: Credentials;
}

/**
 * `role_arn` with a `source_profile` or `credential_source`: STS AssumeRole, called with the
 * credentials the `source` plan yields.
 *
 * @example
 * ```ts
 * if (plan.kind === 'assume-role') console.log(`${plan.roleArn} via ${plan.source.profile}`);
 * ```
 * @public
 */
export interface AssumeRolePlan {
  readonly kind: 'assume-role';
  readonly profile: string;
  readonly roleArn: string;
  readonly source: ProfilePlan;
  /** `role_session_name`; when absent the executor is given `iamkit-<epoch ms>`. */
  readonly roleSessionName?: string | undefined;
  readonly externalId?: string | undefined;
  /** `duration_seconds` (900–43200). */
  readonly durationSeconds?: number | undefined;
  /** `mfa_serial`: the executor needs a code from `mfaCodeProvider`. */
  readonly mfaSerial?: string | undefined;
  /** The profile's `region`, for the STS endpoint. */
  readonly region?: string | undefined;
}

/**
 * `web_identity_token_file` + `role_arn`: STS AssumeRoleWithWebIdentity. The token file is read
 * by the executor on every call (tokens rotate), never by this package.
 *
 * @example
 * ```ts
 * if (plan.kind === 'web-identity') console.log(plan.tokenFile);
 * ```
 * @public
 */
export interface WebIdentityPlan {
  readonly kind: 'web-identity';
  readonly profile: string;
  readonly roleArn: string;
  readonly tokenFile: string;
  readonly roleSessionName?: string | undefined;
  readonly region?: string | undefined;
}

/**
 * `credential_process`: run by `@iamkit/credential-process`.
 *
 * @example
 * ```ts
 * if (plan.kind === 'process') console.log(plan.command);
 * ```
 * @public
 */
export interface ProcessPlan {
  readonly kind: 'process';
  readonly profile: string;
  readonly command: string;
  /** `aws_account_id`, used when the command's output has no `AccountId`. */
  readonly accountId?: string | undefined;
  /** Where `credential_process` is set, e.g. `/home/me/.aws/config line 9`. */
  readonly location?: string | undefined;
}

/**
 * Credentials from another source of this environment: the `source` of an `assume-role` plan
 * with `credential_source`, or (as in the AWS SDK for JavaScript) a whole profile that sets
 * `credential_source` without `role_arn`.
 *
 * @example
 * ```ts
 * if (plan.kind === 'credential-source') console.log(plan.name); // 'Ec2InstanceMetadata'
 * ```
 * @public
 */
export interface CredentialSourcePlan {
  readonly kind: 'credential-source';
  readonly profile: string;
  readonly name: CredentialSourceName;
}
