import {
  isIamkitError,
  isNotConfigured,
  resolveRuntime,
  type CachedProvider,
  type CredentialProvider,
  type CredentialProviderOptions,
  type Credentials,
} from '@iamkit/credentials';
import type { AssumeRoleParams, StsClient } from '@iamkit/sts';
import { cacheSource, isCachedProvider } from './cache-source.js';
import { fromNodeProviderChain } from './default-chain/from-node-provider-chain.js';
import { noteIgnoredOptions } from './ignored-options.js';
import { loadWebIdentity } from './lazy-modules.js';
import { RUNTIME_OPTION_NAMES, runtimeOf, type ProviderClientConfig, type ProviderRuntimeOptions, type SdkOnlyOptions } from './provider-options.js';
import { invalidOption, providersError, scrubbedCause } from './providers-errors.js';
import { clientRegion, newStsClient } from './sts-clients.js';

/**
 * The AssumeRole parameters of {@link fromTemporaryCredentials}, in the AWS SDK's shape
 * (`AssumeRoleCommandInput`).
 *
 * @example
 * ```ts
 * const params: TemporaryCredentialsParams = { RoleArn: 'arn:aws:iam::123456789012:role/deploy', RoleSessionName: 'ci', DurationSeconds: 900 };
 * ```
 * @public
 */
export interface TemporaryCredentialsParams {
  readonly RoleArn: string;
  /** Default `iamkit-<epoch ms>-<random>`, new for every assumption. */
  readonly RoleSessionName?: string | undefined;
  readonly DurationSeconds?: number | undefined;
  readonly ExternalId?: string | undefined;
  /** The MFA device; its code comes from `mfaCodeProvider` (or a fixed `TokenCode`). */
  readonly SerialNumber?: string | undefined;
  readonly TokenCode?: string | undefined;
  readonly Policy?: string | undefined;
  readonly PolicyArns?: readonly { readonly arn?: string | undefined }[] | undefined;
  readonly Tags?: readonly { readonly Key?: string | undefined; readonly Value?: string | undefined }[] | undefined;
  readonly TransitiveTagKeys?: readonly string[] | undefined;
  readonly SourceIdentity?: string | undefined;
}

/**
 * Options of {@link fromTemporaryCredentials}, in the AWS SDK's shape, plus the iamkit runtime
 * options.
 *
 * @example
 * ```ts
 * fromTemporaryCredentials({ params: { RoleArn }, masterCredentials: fromIni({ profile: 'base' }), clientConfig: { region: 'eu-west-1' } });
 * ```
 * @public
 */
export interface FromTemporaryCredentialsOptions extends ProviderRuntimeOptions, SdkOnlyOptions {
  readonly params: TemporaryCredentialsParams;
  /** The credentials that call AssumeRole: fixed credentials or a provider; default the default chain. */
  readonly masterCredentials?: Credentials | CredentialProvider | undefined;
  /** STS region, endpoint and attempts; `credentials` is used when `masterCredentials` is absent. */
  readonly clientConfig?: (ProviderClientConfig & { readonly credentials?: Credentials | CredentialProvider | undefined }) | undefined;
  /** The current code of `params.SerialNumber`, asked for on every assumption. */
  readonly mfaCodeProvider?: ((mfaSerial: string) => Promise<string>) | undefined;
}

const KNOWN = [...RUNTIME_OPTION_NAMES, 'params', 'masterCredentials', 'clientConfig', 'mfaCodeProvider'];
const SOURCE = 'temporary-credentials';

/**
 * Temporary credentials from STS AssumeRole, signed with `masterCredentials` (fixed credentials, any
 * provider — e.g. another `fromTemporaryCredentials` for role chaining — or by default the shared
 * default chain). The result is cached, and so are the master credentials (a provider that is not a
 * cache yet is wrapped in one), so a refresh costs one AssumeRole. When STS says the master
 * credentials expired or are unknown, their cache is invalidated.
 *
 * MFA: with `params.SerialNumber`, `mfaCodeProvider(serial)` is asked for the current code on every
 * assumption; without it (and without a fixed `TokenCode`) the call fails with
 * `ERR_PROVIDERS_MFA_REQUIRED` before anything is sent. The STS region is `clientConfig.region`,
 * else `AWS_REGION`, `AWS_DEFAULT_REGION`, else `us-east-1` (said on `iamkit:sts:notice`).
 *
 * @example
 * ```ts
 * import { fromTemporaryCredentials, fromIni } from '@iamkit/credential-providers';
 * const provider = fromTemporaryCredentials({
 *   masterCredentials: fromIni({ profile: 'base' }),
 *   params: { RoleArn: 'arn:aws:iam::123456789012:role/deploy', ExternalId: 'partner-7', DurationSeconds: 900 },
 * });
 * ```
 * @public
 */
export function fromTemporaryCredentials(options: FromTemporaryCredentialsOptions): CachedProvider {
  if (typeof options !== 'object' || (options as unknown) === null) throw invalidOption('fromTemporaryCredentials', 'pass { params: { RoleArn, … } }.');
  const params: unknown = options.params;
  if (typeof params !== 'object' || params === null || typeof (params as { RoleArn?: unknown }).RoleArn !== 'string' || (params as { RoleArn: string }).RoleArn.trim() === '') {
    throw invalidOption('fromTemporaryCredentials', 'params.RoleArn must be the ARN of the role to assume, like arn:aws:iam::123456789012:role/name.');
  }
  noteIgnoredOptions('fromTemporaryCredentials', options, KNOWN, ['region', 'endpoint', 'maxAttempts', 'credentials']);
  const master = masterOf(options);
  let client: Promise<StsClient> | undefined;
  const sts = (): Promise<StsClient> =>
    (client ??= clientRegion(options.clientConfig).then((region) => newStsClient(options, region, typeof master === 'function' ? { provider: master } : { credentials: master })));

  const assume = async (callOptions?: CredentialProviderOptions): Promise<Credentials> => {
    const p = options.params;
    const tokenCode = await mfaCode(p, options.mfaCodeProvider);
    const { now, random } = resolveRuntime(options);
    const roleSessionName = p.RoleSessionName ?? (await loadWebIdentity()).generateRoleSessionName({ now, random });
    const assumeParams: AssumeRoleParams = {
      roleArn: p.RoleArn.trim(),
      roleSessionName,
      durationSeconds: p.DurationSeconds,
      externalId: p.ExternalId,
      serialNumber: p.SerialNumber,
      tokenCode,
      policy: p.Policy,
      policyArns: p.PolicyArns?.map((entry) => entry.arn ?? ''),
      tags: p.Tags?.map((tag) => ({ key: tag.Key ?? '', value: tag.Value ?? '' })),
      transitiveTagKeys: p.TransitiveTagKeys,
      sourceIdentity: p.SourceIdentity,
    };
    const result = await (await sts()).assumeRole(assumeParams, { signal: callOptions?.signal });
    return result.credentials;
  };
  return Object.assign(cacheSource(assume, options), { sourceName: SOURCE });
}

/**
 * The credentials that sign AssumeRole: fixed ones as they are; a provider through a cache (its own
 * if it has one); by default the shared default chain. A master that is not configured here is an
 * error of this provider, not a reason for an outer chain to move on.
 */
function masterOf(options: FromTemporaryCredentialsOptions): Credentials | CredentialProvider {
  const given = options.masterCredentials ?? options.clientConfig?.credentials;
  if (given !== undefined && typeof given !== 'function') {
    if (typeof given !== 'object' || typeof given.accessKeyId !== 'string' || typeof given.secretAccessKey !== 'string') {
      throw invalidOption('fromTemporaryCredentials', 'masterCredentials must be credentials ({ accessKeyId, secretAccessKey, sessionToken? }) or a provider function.');
    }
    return given;
  }
  const provider: CachedProvider =
    given === undefined
      ? fromNodeProviderChain(runtimeOf(options))
      : isCachedProvider(given)
        ? given
        : cacheSource(given, options);
  const guarded = async (callOptions?: CredentialProviderOptions): Promise<Credentials> => {
    try {
      return await provider(callOptions);
    } catch (error) {
      if (!isNotConfigured(error)) throw error;
      throw providersError(
        'ERR_PROVIDERS_SOURCE_UNAVAILABLE',
        SOURCE,
        `fromTemporaryCredentials(): the master credentials that should sign AssumeRole are not available here: ${error.message} Pass masterCredentials, or configure that source.`,
        error,
      );
    }
  };
  // The STS client invalidates rejected master credentials through this.
  return Object.assign(guarded, { invalidate: (accessKeyId?: string) => provider.invalidate(accessKeyId) });
}

async function mfaCode(params: TemporaryCredentialsParams, mfaCodeProvider: FromTemporaryCredentialsOptions['mfaCodeProvider']): Promise<string | undefined> {
  const serial = params.SerialNumber;
  if (serial === undefined) return params.TokenCode;
  if (mfaCodeProvider === undefined) {
    if (params.TokenCode !== undefined) return params.TokenCode;
    throw providersError(
      'ERR_PROVIDERS_MFA_REQUIRED',
      SOURCE,
      `fromTemporaryCredentials(): params.SerialNumber is ${serial}, so AssumeRole of ${params.RoleArn} needs an MFA code: pass mfaCodeProvider: (serial) => Promise<code>.`,
    );
  }
  let code: unknown;
  try {
    code = await mfaCodeProvider(serial);
  } catch (error) {
    if (isIamkitError(error)) throw error;
    const { message, cause } = scrubbedCause(error);
    throw providersError('ERR_PROVIDERS_MFA_CODE_FAILED', SOURCE, `fromTemporaryCredentials(): mfaCodeProvider for ${serial} failed: ${message}`, cause);
  }
  if (typeof code !== 'string') {
    throw providersError('ERR_PROVIDERS_MFA_CODE_FAILED', SOURCE, `fromTemporaryCredentials(): mfaCodeProvider for ${serial} returned ${code === null ? 'null' : typeof code}, not the code as a string.`);
  }
  return code.trim();
}
