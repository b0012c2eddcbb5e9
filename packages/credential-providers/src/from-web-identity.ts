import type { FromTokenFileOptions as TokenFileSourceOptions, FromWebTokenOptions as WebTokenSourceOptions } from '@iamkit/credential-web-identity';
import type { CachedProvider } from '@iamkit/credentials';
import { cacheSource } from './cache-source.js';
import { noteIgnoredOptions } from './ignored-options.js';
import { lazyProvider, loadWebIdentity } from './lazy-modules.js';
import { RUNTIME_OPTION_NAMES, type ProviderRuntimeOptions, type SdkOnlyOptions } from './provider-options.js';

/**
 * Options of {@link fromTokenFile}: those of `@iamkit/credential-web-identity` (the AWS SDK's names:
 * `webIdentityTokenFile`, `roleArn`, `roleSessionName`, `durationSeconds`, `policy`, `policyArns`,
 * `providerId`, `clientConfig`), plus the cache options.
 *
 * @example
 * ```ts
 * fromTokenFile({ roleSessionName: 'orders-api', clientConfig: { region: 'eu-west-1' } });
 * ```
 * @public
 */
export interface FromTokenFileOptions extends TokenFileSourceOptions, Pick<ProviderRuntimeOptions, 'cache'>, SdkOnlyOptions {}

/**
 * Options of {@link fromWebToken}: those of `@iamkit/credential-web-identity`, plus the cache
 * options.
 *
 * @example
 * ```ts
 * fromWebToken({ roleArn, webIdentityToken: () => getIdToken() });
 * ```
 * @public
 */
export interface FromWebTokenOptions extends WebTokenSourceOptions, Pick<ProviderRuntimeOptions, 'cache'>, SdkOnlyOptions {}

const SHARED = [...RUNTIME_OPTION_NAMES, 'roleSessionName', 'durationSeconds', 'policy', 'policyArns', 'providerId', 'clientConfig', 'sts'];
const CLIENT_CONFIG = ['region', 'endpoint'];

/**
 * STS AssumeRoleWithWebIdentity with the token in `AWS_WEB_IDENTITY_TOKEN_FILE` (EKS IRSA, any
 * OIDC), re-read on every fetch, for `AWS_ROLE_ARN` — cached.
 *
 * @example
 * ```ts
 * import { fromTokenFile } from '@iamkit/credential-providers';
 * const provider = fromTokenFile(); // on EKS with IRSA
 * ```
 * @public
 */
export function fromTokenFile(options: FromTokenFileOptions = {}): CachedProvider {
  noteIgnoredOptions('fromTokenFile', options, [...SHARED, 'webIdentityTokenFile', 'roleArn', 'tokenFileSetting'], CLIENT_CONFIG);
  return cacheSource(
    lazyProvider('web-identity', async () => (await loadWebIdentity()).fromTokenFile(options)),
    options,
  );
}

/**
 * STS AssumeRoleWithWebIdentity with a token you supply (or a function returning the current one),
 * cached.
 *
 * @example
 * ```ts
 * import { fromWebToken } from '@iamkit/credential-providers';
 * const provider = fromWebToken({ roleArn: 'arn:aws:iam::123456789012:role/ci', webIdentityToken: () => getIdToken() });
 * ```
 * @public
 */
export function fromWebToken(options: FromWebTokenOptions): CachedProvider {
  noteIgnoredOptions('fromWebToken', options, [...SHARED, 'roleArn', 'webIdentityToken'], CLIENT_CONFIG);
  return cacheSource(
    lazyProvider('web-identity', async () => (await loadWebIdentity()).fromWebToken(options)),
    options,
  );
}
