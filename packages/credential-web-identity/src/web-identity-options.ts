import type { RuntimeOptions } from '@iamkit/credentials';
import type { StsClientOptions } from '@iamkit/sts';

/**
 * Where STS is, in the AWS SDK's option shape (`clientConfig`).
 *
 * @example
 * ```ts
 * const clientConfig: WebIdentityClientConfig = { region: 'eu-west-1' };
 * ```
 * @public
 */
export interface WebIdentityClientConfig {
  /** The STS region; else `AWS_REGION`, else `AWS_DEFAULT_REGION`, else `us-east-1` (announced on `iamkit:sts:notice`). */
  readonly region?: string | undefined;
  /** An STS endpoint URL (tests, VPC endpoints); else `AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`, else regional. */
  readonly endpoint?: string | URL | undefined;
}

/**
 * Tuning of the STS client (see `createStsClient` of `@iamkit/sts`).
 *
 * @example
 * ```ts
 * const sts: WebIdentityStsOptions = { maxAttempts: 5, headersTimeoutMs: 2_000 };
 * ```
 * @public
 */
export type WebIdentityStsOptions = Pick<
  StsClientOptions,
  'maxAttempts' | 'retryBaseDelayMs' | 'retryMaxDelayMs' | 'connectTimeoutMs' | 'headersTimeoutMs' | 'bodyTimeoutMs' | 'sleep' | 'stsRegionalEndpoints' | 'useFipsEndpoint' | 'userAgent'
>;

/**
 * What {@link fromTokenFile} and {@link fromWebToken} share: the optional AssumeRoleWithWebIdentity
 * parameters (the AWS SDK's names), where STS is, and the injectable runtime (`env`, `now`,
 * `random` for session names and retry jitter, `readFile` for the token file).
 *
 * @example
 * ```ts
 * const options: WebIdentityOptions = { roleSessionName: 'orders-api', durationSeconds: 900, clientConfig: { region: 'eu-west-1' } };
 * ```
 * @public
 */
export interface WebIdentityOptions extends RuntimeOptions {
  /** 2–64 characters of `[\w+=,.@-]`; default `AWS_ROLE_SESSION_NAME` (token file only), else `iamkit-<ms>-<random>`. */
  readonly roleSessionName?: string | undefined;
  /** 900–43200 seconds; STS's default is 3600. */
  readonly durationSeconds?: number | undefined;
  /** A session policy: JSON text or an object. */
  readonly policy?: string | object | undefined;
  /** Managed policies to intersect with the role's: ARNs, or the SDK's `{ arn }` objects. */
  readonly policyArns?: readonly (string | { readonly arn: string })[] | undefined;
  /** Only for OAuth 2.0 providers (`www.amazon.com`, `graph.facebook.com`), not for OIDC. */
  readonly providerId?: string | undefined;
  /** STS region and endpoint. */
  readonly clientConfig?: WebIdentityClientConfig | undefined;
  /** An undici dispatcher for STS; default the shared keep-alive Agent. */
  readonly dispatcher?: StsClientOptions['dispatcher'];
  /** STS client tuning (attempts, timeouts). */
  readonly sts?: WebIdentityStsOptions | undefined;
}
