import { resolveRuntime } from '@iamkit/credentials';
import type { StsClient, StsClientOptions } from '@iamkit/sts';
import { loadSts } from './lazy-modules.js';
import type { ProviderClientConfig, ProviderRuntimeOptions } from './provider-options.js';

/** What the STS clients of a provider are made from: its runtime and its `clientConfig`. */
type StsClientSettings = ProviderRuntimeOptions & { readonly clientConfig?: ProviderClientConfig | undefined };

/** The region of `clientConfig`, resolved (the SDK allows an async provider of it). */
export async function clientRegion(clientConfig: ProviderClientConfig | undefined): Promise<string | undefined> {
  const region = clientConfig?.region;
  const value = typeof region === 'function' ? await region() : region;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * A new STS client for `region` with the provider's runtime, dispatcher and `clientConfig`
 * (endpoint, attempts). `signer` is the master credentials of `fromTemporaryCredentials`; role
 * assumers of a profile pass their source credentials per call instead.
 */
export async function newStsClient(options: StsClientSettings, region: string | undefined, signer: Pick<StsClientOptions, 'provider' | 'credentials'> = {}): Promise<StsClient> {
  const { createStsClient } = await loadSts();
  const { env, now, random } = resolveRuntime(options);
  return createStsClient({
    ...signer,
    region,
    endpoint: options.clientConfig?.endpoint,
    maxAttempts: options.clientConfig?.maxAttempts,
    env,
    now,
    random,
    dispatcher: options.dispatcher,
  });
}

/**
 * One STS client per region, created on first use and kept (with its clock-skew correction). The
 * region of a role assumer: the profile's `region`, else `clientConfig.region`, else the client's
 * own order (`AWS_REGION`, `AWS_DEFAULT_REGION`, `us-east-1` with an `iamkit:sts:notice` event).
 */
export function stsClients(options: StsClientSettings): (profileRegion?: string) => Promise<StsClient> {
  const clients = new Map<string, Promise<StsClient>>();
  return async (profileRegion) => {
    const region = profileRegion ?? (await clientRegion(options.clientConfig));
    const key = region ?? '';
    let client = clients.get(key);
    if (client === undefined) {
      client = newStsClient(options, region);
      clients.set(key, client);
    }
    return client;
  };
}
