import type { FromContainerMetadataOptions as ContainerSourceOptions } from '@iamkit/credential-container';
import type { CachedProvider } from '@iamkit/credentials';
import { cacheSource } from './cache-source.js';
import { noteIgnoredOptions } from './ignored-options.js';
import { lazyProvider, loadContainer } from './lazy-modules.js';
import { RUNTIME_OPTION_NAMES, type ProviderRuntimeOptions, type SdkOnlyOptions } from './provider-options.js';

/**
 * Options of {@link fromContainerMetadata} and {@link fromHttp}: those of
 * `@iamkit/credential-container` (which accepts the AWS SDK's `awsContainerCredentialsFullUri`,
 * `awsContainerAuthorizationToken…`, `timeout` and `maxRetries`), plus the cache options.
 *
 * @example
 * ```ts
 * fromHttp({ awsContainerCredentialsFullUri: 'http://127.0.0.1:8080/creds', timeout: 1000, maxRetries: 3 });
 * ```
 * @public
 */
export interface FromContainerMetadataOptions extends ContainerSourceOptions, Pick<ProviderRuntimeOptions, 'cache'>, SdkOnlyOptions {}

const KNOWN = [
  ...RUNTIME_OPTION_NAMES,
  'relativeUriBase',
  'lookInPid1Environment',
  'pid1EnvironPath',
  'connectTimeoutMs',
  'headersTimeoutMs',
  'bodyTimeoutMs',
  'maxAttempts',
  'baseDelayMs',
  'maxDelayMs',
  'deadlineMs',
  'sleep',
  'awsContainerCredentialsFullUri',
  'awsContainerCredentialsRelativeUri',
  'awsContainerAuthorizationToken',
  'awsContainerAuthorizationTokenFile',
  'timeout',
  'maxRetries',
];

/**
 * ECS task-role and EKS Pod Identity credentials from the container endpoint
 * (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` / `_FULL_URI`, with the authorization token re-read on
 * every attempt), with throttling absorbed by jittered retries — cached, so every caller in the
 * process shares one request per credential lifetime.
 *
 * @example
 * ```ts
 * import { fromContainerMetadata } from '@iamkit/credential-providers';
 * const provider = fromContainerMetadata();
 * ```
 * @public
 */
export function fromContainerMetadata(options: FromContainerMetadataOptions = {}): CachedProvider {
  return containerProvider('fromContainerMetadata', options);
}

/**
 * The AWS SDK's newer name for {@link fromContainerMetadata}: the same cached provider, with the
 * same options.
 *
 * @example
 * ```ts
 * import { fromHttp } from '@iamkit/credential-providers';
 * const provider = fromHttp({ awsContainerCredentialsFullUri: process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI });
 * ```
 * @public
 */
export function fromHttp(options: FromContainerMetadataOptions = {}): CachedProvider {
  return containerProvider('fromHttp', options);
}

function containerProvider(fn: string, options: FromContainerMetadataOptions): CachedProvider {
  noteIgnoredOptions(fn, options, KNOWN);
  const { cache: _cache, logger: _logger, parentClientConfig: _parent, clientPlugins: _plugins, roleAssumer: _ra, roleAssumerWithWebIdentity: _rawi, ...source } = options;
  return cacheSource(
    lazyProvider('container', async () => (await loadContainer()).fromContainerMetadata(source)),
    options,
  );
}
