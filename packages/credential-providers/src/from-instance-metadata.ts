import type { FromInstanceMetadataOptions as ImdsSourceOptions } from '@iamkit/credential-imds';
import type { CachedProvider } from '@iamkit/credentials';
import { cacheSource } from './cache-source.js';
import { noteIgnoredOptions } from './ignored-options.js';
import { lazyProvider, loadImds } from './lazy-modules.js';
import { RUNTIME_OPTION_NAMES, type ProviderRuntimeOptions, type SdkOnlyOptions } from './provider-options.js';

/**
 * Options of {@link fromInstanceMetadata}: those of `@iamkit/credential-imds`, the AWS SDK's
 * `timeout`, `maxRetries` and `ec2MetadataV1Disabled`, and the cache options.
 *
 * @example
 * ```ts
 * fromInstanceMetadata({ timeout: 1000, maxRetries: 2 });
 * ```
 * @public
 */
export interface FromInstanceMetadataOptions extends ImdsSourceOptions, Pick<ProviderRuntimeOptions, 'cache'>, SdkOnlyOptions {
  /** AWS SDK name: milliseconds allowed for connecting, for the token and for each answer. */
  readonly timeout?: number | undefined;
  /** AWS SDK name: retries after the first attempt (`maxAttempts` = `maxRetries` + 1). */
  readonly maxRetries?: number | undefined;
  /** AWS SDK name: `true` forbids the IMDSv1 fallback (`v1Fallback: false`). */
  readonly ec2MetadataV1Disabled?: boolean | undefined;
}

const KNOWN = [
  ...RUNTIME_OPTION_NAMES,
  'endpoint',
  'endpointMode',
  'v1Fallback',
  'instanceProfileName',
  'profile',
  'configFilepath',
  'filepath',
  'connectTimeoutMs',
  'headersTimeoutMs',
  'bodyTimeoutMs',
  'tokenTimeoutMs',
  'tokenTtlSeconds',
  'maxAttempts',
  'baseDelayMs',
  'maxDelayMs',
  'deadlineMs',
  'sleep',
  'timeout',
  'maxRetries',
  'ec2MetadataV1Disabled',
];

/** The options of `@iamkit/credential-imds`, with the SDK's names translated (iamkit names win). */
export function imdsSourceOptions(options: FromInstanceMetadataOptions): ImdsSourceOptions {
  const { timeout, maxRetries, ec2MetadataV1Disabled, cache: _cache, logger: _l, parentClientConfig: _p, clientPlugins: _c, roleAssumer: _r, roleAssumerWithWebIdentity: _w, ...source } = options;
  return {
    ...source,
    connectTimeoutMs: source.connectTimeoutMs ?? timeout,
    headersTimeoutMs: source.headersTimeoutMs ?? timeout,
    bodyTimeoutMs: source.bodyTimeoutMs ?? timeout,
    tokenTimeoutMs: source.tokenTimeoutMs ?? timeout,
    maxAttempts: source.maxAttempts ?? (maxRetries === undefined ? undefined : maxRetries + 1),
    v1Fallback: source.v1Fallback ?? (ec2MetadataV1Disabled === undefined ? undefined : !ec2MetadataV1Disabled),
  };
}

/**
 * Instance-profile credentials from EC2 instance metadata (IMDSv2 first, session token and role
 * name reused so a refresh costs one request; `AWS_EC2_METADATA_DISABLED=true` makes it not
 * configured), cached.
 *
 * @example
 * ```ts
 * import { fromInstanceMetadata } from '@iamkit/credential-providers';
 * const provider = fromInstanceMetadata({ timeout: 1000, maxRetries: 2 });
 * ```
 * @public
 */
export function fromInstanceMetadata(options: FromInstanceMetadataOptions = {}): CachedProvider {
  noteIgnoredOptions('fromInstanceMetadata', options, KNOWN);
  const source = imdsSourceOptions(options);
  return cacheSource(
    lazyProvider('imds', async () => (await loadImds()).fromInstanceMetadata(source)),
    options,
  );
}
