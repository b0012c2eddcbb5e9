import { fromEnv as envSource } from '@iamkit/credential-env';
import { isIamkitError, notConfigured, resolveEnv, type CredentialProvider, type CredentialProviderOptions, type Env, type IamkitError } from '@iamkit/credentials';
import { iniProvider } from '../from-ini.js';
import { imdsSourceOptions } from '../from-instance-metadata.js';
import { lazyProvider, loadContainer, loadImds, loadWebIdentity } from '../lazy-modules.js';
import { runtimeOf } from '../provider-options.js';
import { publishNotice } from '../providers-diagnostics.js';
import { clientRegion } from '../sts-clients.js';
import type { FromNodeProviderChainOptions } from './default-chain-options.js';
import type { ChainStep } from './sticky-chain.js';

const CONTAINER_VARS = ['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI'] as const;
// Failures that mean "there is no instance metadata service here" when IMDS is only the last resort.
const UNREACHABLE = new Set(['ERR_HTTP_CONNECTION', 'ERR_HTTP_TIMEOUT', 'ERR_IMDS_HOP_LIMIT']);

/**
 * The default chain's sources, in order: env, ini (shared files, which also run `credential_process`
 * profiles), web identity, container, IMDS — see `fromNodeProviderChain` for why.
 */
export function defaultChainSteps(options: FromNodeProviderChainOptions): ChainStep[] {
  const runtime = runtimeOf(options);
  return [
    { name: 'env', provider: envStep(options) },
    { name: 'ini', provider: iniProvider(options) },
    { name: 'web-identity', provider: webIdentityStep(options) },
    {
      name: 'container',
      provider: lazyProvider('container', async () =>
        (await loadContainer()).fromContainerMetadata({
          ...runtime,
          headersTimeoutMs: options.timeout,
          bodyTimeoutMs: options.timeout,
          maxAttempts: options.maxRetries === undefined ? undefined : options.maxRetries + 1,
        }),
      ),
    },
    { name: 'imds', provider: imdsStep(options) },
  ];
}

/**
 * The sources of the default chain, in the order {@link fromNodeProviderChain} tries them (`env`,
 * `ini`, `web-identity`, `container`, `imds`), with the same rules (env skipped when a profile is
 * chosen, IMDS never asked in a container and "not configured" when nothing answers) — but
 * uncached, unshared and not sticky, each named by `sourceName`. For diagnostics: give them to
 * `runChain()` of `@iamkit/credentials` to see, per source, whether it is configured here, what it
 * returned or why it failed, and which one the chain would pick. Use `fromNodeProviderChain()` to
 * get credentials.
 *
 * @example
 * ```ts
 * import { runChain } from '@iamkit/credentials';
 * import { defaultChainSources } from '@iamkit/credential-providers';
 * const report = await runChain(defaultChainSources({ profile: 'dev' }));
 * for (const a of report.attempts) console.log(a.source, a.outcome, a.reason);
 * ```
 * @public
 */
export function defaultChainSources(options: FromNodeProviderChainOptions = {}): (CredentialProvider & { readonly sourceName: string })[] {
  return defaultChainSteps(options).map((step) =>
    Object.assign((callOptions?: CredentialProviderOptions) => step.provider(callOptions), { sourceName: step.name }),
  );
}

/** Environment keys, unless a profile is chosen (the AWS SDK's rule: the profile wins). */
function envStep(options: FromNodeProviderChainOptions): CredentialProvider {
  const env = envSource({ env: options.env, now: options.now });
  let announced = false;
  return (callOptions) => {
    const vars = resolveEnv(options.env);
    const option = options.profile?.trim();
    const profile = option !== undefined && option !== '' ? option : vars.AWS_PROFILE?.trim();
    if (profile === undefined || profile === '') return env(callOptions);
    const chosenBy = option !== undefined && option !== '' ? 'the profile option' : 'AWS_PROFILE';
    if (!announced && hasValue(vars, 'AWS_ACCESS_KEY_ID')) {
      announced = true;
      publishNotice({
        kind: 'env-skipped',
        function: 'fromNodeProviderChain',
        message: `fromNodeProviderChain(): AWS_ACCESS_KEY_ID is set but ignored, because ${chosenBy} selects profile '${profile}' (as in the AWS SDK); unset one of them to make it unambiguous.`,
      });
    }
    return Promise.reject(
      notConfigured({ source: 'env', reason: `skipped because ${chosenBy} selects profile '${profile}', which wins over AWS_ACCESS_KEY_ID as in the AWS SDK`, configureWith: [] }),
    );
  };
}

/** `fromTokenFile` with the chain's options, created on first use (the region may be async). */
function webIdentityStep(options: FromNodeProviderChainOptions): CredentialProvider {
  let provider: Promise<CredentialProvider> | undefined;
  return async (callOptions) => {
    provider ??= Promise.all([clientRegion(options.clientConfig), loadWebIdentity()]).then(([region, { fromTokenFile }]) =>
      fromTokenFile({
        ...runtimeOf(options),
        webIdentityTokenFile: options.webIdentityTokenFile,
        roleArn: options.roleArn,
        roleSessionName: options.roleSessionName,
        clientConfig: { region, endpoint: options.clientConfig?.endpoint },
        sts: { maxAttempts: options.clientConfig?.maxAttempts },
      }),
    );
    return (await provider)(callOptions);
  };
}

/**
 * IMDS as the last resort: never in a container (the container variables are set), skipped with
 * `AWS_EC2_METADATA_DISABLED=true`, and — since nothing else was configured — an endpoint that does
 * not answer (off EC2) counts as "not configured", so the final error lists every source.
 */
function imdsStep(options: FromNodeProviderChainOptions): CredentialProvider {
  const settings = imdsSourceOptions({
    ...runtimeOf(options),
    profile: options.profile,
    filepath: options.filepath,
    configFilepath: options.configFilepath,
    timeout: options.timeout,
    maxRetries: options.maxRetries,
  });
  const imds = lazyProvider('imds', async () => (await loadImds()).fromInstanceMetadata(settings));
  return async (callOptions) => {
    const env = resolveEnv(options.env);
    const container = CONTAINER_VARS.find((name) => hasValue(env, name));
    if (container !== undefined) {
      throw notConfigured({ source: 'imds', reason: `${container} is set, so this is a container and IMDS is never asked`, configureWith: [] });
    }
    try {
      return await imds(callOptions);
    } catch (error) {
      if (!isIamkitError(error) || !UNREACHABLE.has(error.code)) throw error;
      throw notConfigured({ source: 'imds', reason: `no instance metadata service answered: ${shortReason(error)}`, configureWith: ['an instance profile (on EC2)', 'AWS_EC2_METADATA_DISABLED=true (to skip this check off EC2)'] });
    }
  };
}

function hasValue(env: Env, name: string): boolean {
  const value = env[name];
  return value !== undefined && value.trim() !== '';
}

// The first sentence of the error: the full IMDS explanation is long, the list wants one line.
function shortReason(error: IamkitError): string {
  const text = error.message.replace(/^imds: /, '');
  const end = text.search(/\.\s/);
  return `${end === -1 ? text : text.slice(0, end)} (${error.code})`;
}
