import { resolveRuntime } from '@iamkit/credentials';
import type { StsClient } from '@iamkit/sts';
import { loadSts } from './lazy-modules.js';
import type { ProviderClientConfig, ProviderRuntimeOptions } from './provider-options.js';

/** The region of `clientConfig`, resolved (the SDK allows an async provider of it). */
export async function clientRegion(clientConfig: ProviderClientConfig | undefined): Promise<string | undefined> {
  const region = clientConfig?.region;
  const value = typeof region === 'function' ? await region() : region;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * One STS client per region, created on first use and kept (with its clock-skew correction). The
 * region of a role assumer: the profile's `region`, else `clientConfig.region`, else the client's
 * own order (`AWS_REGION`, `AWS_DEFAULT_REGION`, `us-east-1` with an `iamkit:sts:notice` event).
 */
export function stsClients(options: ProviderRuntimeOptions & { readonly clientConfig?: ProviderClientConfig | undefined }): (profileRegion?: string) => Promise<StsClient> {
  const clients = new Map<string, Promise<StsClient>>();
  return async (profileRegion) => {
    const region = profileRegion ?? (await clientRegion(options.clientConfig));
    const key = region ?? '';
    let client = clients.get(key);
    if (client === undefined) {
      client = loadSts().then(({ createStsClient }) => {
        const { env, now, random } = resolveRuntime(options);
        return createStsClient({
          region,
          endpoint: options.clientConfig?.endpoint,
          maxAttempts: options.clientConfig?.maxAttempts,
          env,
          now,
          random,
          dispatcher: options.dispatcher,
        });
      });
      clients.set(key, client);
    }
    return client;
  };
}
