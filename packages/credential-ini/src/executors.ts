import type { Credentials } from '@iamkit/credentials';
import type { CredentialSourceName, ProfilePlan } from './profile-plan.js';

/**
 * What an `assumeRole` executor is asked to do: STS AssumeRole with these parameters, signed
 * with the source credentials it is given.
 *
 * @example
 * ```ts
 * const assumeRole = async (source: Credentials, params: AssumeRoleParams) => sts.assumeRole(source, params);
 * ```
 * @public
 */
export interface AssumeRoleParams {
  readonly roleArn: string;
  readonly roleSessionName: string;
  readonly externalId?: string | undefined;
  readonly durationSeconds?: number | undefined;
  /** `mfa_serial`, with the code `mfaCodeProvider` returned for it. */
  readonly serialNumber?: string | undefined;
  readonly tokenCode?: string | undefined;
  /** The profile's `region`, for the STS endpoint; absent means "your default". */
  readonly region?: string | undefined;
  /** The profile that sets `role_arn`, for messages. */
  readonly profile: string;
  readonly signal?: AbortSignal | undefined;
}

/**
 * What an `assumeRoleWithWebIdentity` executor is asked to do. It reads the token file itself,
 * on every call, so a rotated token is always the current one and the token never passes
 * through this package.
 *
 * @example
 * ```ts
 * const assumeRoleWithWebIdentity = async (params: AssumeRoleWithWebIdentityParams) => webIdentity(params);
 * ```
 * @public
 */
export interface AssumeRoleWithWebIdentityParams {
  readonly roleArn: string;
  readonly roleSessionName: string;
  readonly webIdentityTokenFile: string;
  readonly region?: string | undefined;
  readonly profile: string;
  readonly signal?: AbortSignal | undefined;
}

/**
 * The operations a profile may need that this package does not perform itself. `fromIni` from
 * `@iamkit/credential-providers` wires them to `@iamkit/sts`, `@iamkit/credential-imds` and
 * `@iamkit/credential-container`; tests pass plain functions.
 *
 * @example
 * ```ts
 * fromIni({ profile: 'dev', mfaCodeProvider: async (serial) => prompt(`MFA code for ${serial}: `) });
 * ```
 * @public
 */
export interface IniExecutors {
  /** STS AssumeRole, signed with `sourceCredentials`. */
  readonly assumeRole?: ((sourceCredentials: Credentials, params: AssumeRoleParams) => Promise<Credentials>) | undefined;
  /** STS AssumeRoleWithWebIdentity. */
  readonly assumeRoleWithWebIdentity?: ((params: AssumeRoleWithWebIdentityParams) => Promise<Credentials>) | undefined;
  /**
   * Credentials for `credential_source`. Without it, `Environment` is read with
   * `@iamkit/credential-env` and the other names fail with `ERR_INI_NEEDS_PROVIDER`.
   */
  readonly credentialSource?: ((name: CredentialSourceName) => Promise<Credentials>) | undefined;
  /** The current MFA code for `mfa_serial`. */
  readonly mfaCodeProvider?: ((serial: string) => Promise<string>) | undefined;
  /**
   * How the credentials of a role's source are obtained. It is given the source plan, a `fetch`
   * that runs that plan (its own role assumption, MFA prompt and source included) and the
   * caller's abort signal; without it the plan is simply run. `fromIni` of
   * `@iamkit/credential-providers` passes a cache keyed by the plan, so that refreshing a role
   * chain costs one STS call per expired layer instead of re-assuming every role below it.
   * `fetch` ignores the caller's signal: a cached fetch is shared and must not be cancelled by one
   * caller giving up.
   */
  readonly sourceCredentials?: SourceCredentials | undefined;
}

/**
 * The `sourceCredentials` hook of {@link IniExecutors}.
 *
 * @example
 * ```ts
 * const layers = new Map<string, CachedProvider>();
 * const sourceCredentials: SourceCredentials = (plan, fetch, signal) => {
 *   if (plan.kind === 'static') return fetch();
 *   const key = JSON.stringify(plan);
 *   let layer = layers.get(key);
 *   if (layer === undefined) layers.set(key, (layer = cached(fetch)));
 *   return layer({ signal });
 * };
 * ```
 * @public
 */
export type SourceCredentials = (plan: ProfilePlan, fetch: () => Promise<Credentials>, signal: AbortSignal | undefined) => Promise<Credentials>;
