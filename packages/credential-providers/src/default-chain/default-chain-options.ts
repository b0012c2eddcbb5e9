import type { ProviderClientConfig, ProviderRuntimeOptions, SdkOnlyOptions } from '../provider-options.js';

/**
 * Options of `fromNodeProviderChain`: the AWS SDK's (`DefaultProviderInit`: the profile and files,
 * `mfaCodeProvider`, `clientConfig`, the web identity settings, `timeout` and `maxRetries` of the
 * remote sources), and iamkit's (`shared`, the runtime and the cache).
 *
 * @example
 * ```ts
 * fromNodeProviderChain({ clientConfig: { region: 'eu-west-1' }, profile: 'prod' });
 * ```
 * @public
 */
export interface FromNodeProviderChainOptions extends ProviderRuntimeOptions, SdkOnlyOptions {
  /** A profile for the shared files; when set (or `AWS_PROFILE` is), environment keys are skipped. */
  readonly profile?: string | undefined;
  readonly filepath?: string | undefined;
  readonly configFilepath?: string | undefined;
  /** The SDK's file-cache switch; iamkit reads the files on every fetch anyway. */
  readonly ignoreCache?: boolean | undefined;
  /** The code of a profile's `mfa_serial` device. */
  readonly mfaCodeProvider?: ((mfaSerial: string) => Promise<string>) | undefined;
  /** STS for role assumers and web identity: region (after a profile's own), endpoint, attempts. */
  readonly clientConfig?: ProviderClientConfig | undefined;
  /** Web identity: overrides `AWS_ROLE_ARN`. */
  readonly roleArn?: string | undefined;
  /** Web identity: overrides `AWS_ROLE_SESSION_NAME`. */
  readonly roleSessionName?: string | undefined;
  /** Web identity: overrides `AWS_WEB_IDENTITY_TOKEN_FILE`. */
  readonly webIdentityTokenFile?: string | undefined;
  /** Container and IMDS: milliseconds allowed per answer (and for the IMDS token). */
  readonly timeout?: number | undefined;
  /** Container and IMDS: retries after the first attempt. */
  readonly maxRetries?: number | undefined;
  /**
   * `true` (default): one chain, with one cache, per process for the same options and the same
   * relevant environment. `false`: a private chain.
   */
  readonly shared?: boolean | undefined;
}
