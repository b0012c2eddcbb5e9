import { fromEnv as envSource } from '@iamkit/credential-env';
import type { CredentialSourceName, IniExecutors } from '@iamkit/credential-ini';
import type { CachedProvider, CredentialProvider, Credentials } from '@iamkit/credentials';
import { cacheSource } from './cache-source.js';
import { noteIgnoredOptions } from './ignored-options.js';
import { layerCache } from './ini-layer-cache.js';
import { lazyProvider, loadContainer, loadImds, loadIni, loadWebIdentity } from './lazy-modules.js';
import { RUNTIME_OPTION_NAMES, runtimeOf, type ProviderClientConfig, type ProviderRuntimeOptions, type SdkOnlyOptions } from './provider-options.js';
import { clientRegion, stsClients } from './sts-clients.js';

/**
 * Options of {@link fromIni}: the AWS SDK's (`profile`, `filepath`, `configFilepath`,
 * `mfaCodeProvider`, `clientConfig`, `ignoreCache`), the `credential_process` limits, and the
 * iamkit runtime options.
 *
 * @example
 * ```ts
 * fromIni({ profile: 'prod', mfaCodeProvider: (serial) => prompt(`MFA code for ${serial}: `), clientConfig: { region: 'eu-west-1' } });
 * ```
 * @public
 */
export interface FromIniOptions extends ProviderRuntimeOptions, SdkOnlyOptions {
  /** The profile; default `AWS_PROFILE`, then `default`. */
  readonly profile?: string | undefined;
  /** The credentials file; default `AWS_SHARED_CREDENTIALS_FILE`, then `~/.aws/credentials`. */
  readonly filepath?: string | undefined;
  /** The config file; default `AWS_CONFIG_FILE`, then `~/.aws/config`. */
  readonly configFilepath?: string | undefined;
  /** The SDK's file-cache switch; iamkit reads the files on every fetch anyway. */
  readonly ignoreCache?: boolean | undefined;
  /** The current code of the MFA device named by `mfa_serial`; asked only when that role is assumed. */
  readonly mfaCodeProvider?: ((mfaSerial: string) => Promise<string>) | undefined;
  /** STS for role assumption: `region` after the profile's own `region`, and `endpoint`. */
  readonly clientConfig?: ProviderClientConfig | undefined;
  /** `credential_process` timeout; default 60 s. */
  readonly processTimeoutMs?: number | undefined;
  /** `credential_process` output cap; default 64 KiB. */
  readonly processMaxOutputBytes?: number | undefined;
}

export const INI_OPTION_NAMES = [
  ...RUNTIME_OPTION_NAMES,
  'profile',
  'filepath',
  'configFilepath',
  'ignoreCache',
  'mfaCodeProvider',
  'clientConfig',
  'processTimeoutMs',
  'processMaxOutputBytes',
] as const;
export const CLIENT_CONFIG_NAMES = ['region', 'endpoint', 'maxAttempts'] as const;

/**
 * Credentials from a profile of `~/.aws/config` and `~/.aws/credentials`, with every profile kind
 * resolved: static keys, `credential_process`, `web_identity_token_file`, and role chains —
 * `role_arn` with `source_profile` (followed to any depth, cycles reported) or `credential_source`
 * (`Environment`, `Ec2InstanceMetadata`, `EcsContainer`), with `role_session_name`, `external_id`,
 * `duration_seconds`, `mfa_serial` (through `mfaCodeProvider`) and the profile's `region` for STS.
 *
 * The result is cached, and so is every layer below the top role: refreshing a depth-2 chain costs
 * one AssumeRole per expired layer, not a re-run of the whole chain (and asks for an MFA code only
 * when that role is really assumed again). The STS region of a role is the profile's `region`,
 * else `clientConfig.region`, else `AWS_REGION`, `AWS_DEFAULT_REGION`, else `us-east-1` (said on
 * `iamkit:sts:notice`).
 *
 * @example
 * ```ts
 * import { fromIni } from '@iamkit/credential-providers';
 * // [profile prod]  role_arn = arn:aws:iam::123456789012:role/admin
 * //                 source_profile = base
 * //                 mfa_serial = arn:aws:iam::123456789012:mfa/me
 * const provider = fromIni({ profile: 'prod', mfaCodeProvider: async (serial) => askUser(serial) });
 * const credentials = await provider();
 * ```
 * @public
 */
export function fromIni(options: FromIniOptions = {}): CachedProvider {
  noteIgnoredOptions('fromIni', options, INI_OPTION_NAMES, CLIENT_CONFIG_NAMES);
  return cacheSource(iniProvider(options), options);
}

/** The uncached ini source with every executor wired; the default chain uses it too. */
export function iniProvider(options: FromIniOptions): CredentialProvider {
  const runtime = runtimeOf(options);
  const sts = stsClients({ ...runtime, clientConfig: options.clientConfig });
  const sources = credentialSources(options);

  const executors: IniExecutors = {
    assumeRole: async (source, params) => {
      const client = await sts(params.region);
      const result = await client.assumeRole(
        {
          roleArn: params.roleArn,
          roleSessionName: params.roleSessionName,
          externalId: params.externalId,
          durationSeconds: params.durationSeconds,
          serialNumber: params.serialNumber,
          tokenCode: params.tokenCode,
        },
        { credentials: source, signal: params.signal },
      );
      return result.credentials;
    },
    assumeRoleWithWebIdentity: async (params) => {
      const region = params.region ?? (await clientRegion(options.clientConfig));
      const { fromTokenFile } = await loadWebIdentity();
      return fromTokenFile({
        ...runtime,
        webIdentityTokenFile: params.webIdentityTokenFile,
        roleArn: params.roleArn,
        roleSessionName: params.roleSessionName,
        tokenFileSetting: `web_identity_token_file of profile '${params.profile}'`,
        clientConfig: { region, endpoint: options.clientConfig?.endpoint },
        sts: { maxAttempts: options.clientConfig?.maxAttempts },
      })({ signal: params.signal });
    },
    credentialSource: (name) => sources(name),
    mfaCodeProvider: options.mfaCodeProvider,
    sourceCredentials: layerCache(options),
  };
  return lazyProvider('ini', async () =>
    (await loadIni()).fromIni({
      ...runtime,
      ...executors,
      profile: options.profile,
      filepath: options.filepath,
      configFilepath: options.configFilepath,
      processTimeoutMs: options.processTimeoutMs,
      processMaxOutputBytes: options.processMaxOutputBytes,
    }),
  );
}

/** `credential_source` providers, created on first use; the remote ones cached (env never is). */
function credentialSources(options: FromIniOptions): (name: CredentialSourceName) => Promise<Credentials> {
  const made = new Map<CredentialSourceName, CredentialProvider>();
  const runtime = runtimeOf(options);
  const make = (name: CredentialSourceName): CredentialProvider => {
    switch (name) {
      case 'Environment':
        return envSource({ env: options.env, now: options.now });
      case 'EcsContainer':
        return cacheSource(lazyProvider('container', async () => (await loadContainer()).fromContainerMetadata(runtime)), options);
      case 'Ec2InstanceMetadata':
        return cacheSource(
          lazyProvider('imds', async () =>
            (await loadImds()).fromInstanceMetadata({ ...runtime, profile: options.profile, filepath: options.filepath, configFilepath: options.configFilepath }),
          ),
          options,
        );
    }
  };
  return (name) => {
    let provider = made.get(name);
    if (provider === undefined) made.set(name, (provider = make(name)));
    return provider();
  };
}
