import { resolveEnv, type CachedProvider } from '@iamkit/credentials';
import { cacheSource } from '../cache-source.js';
import { CLIENT_CONFIG_NAMES, INI_OPTION_NAMES } from '../from-ini.js';
import { noteIgnoredOptions } from '../ignored-options.js';
import { registryKey, sharedChain } from './chain-registry.js';
import type { FromNodeProviderChainOptions } from './default-chain-options.js';
import { defaultChainSteps } from './default-chain-sources.js';
import { stickyChain } from './sticky-chain.js';

const KNOWN = [...INI_OPTION_NAMES, 'roleArn', 'roleSessionName', 'webIdentityTokenFile', 'timeout', 'maxRetries', 'shared'];

/**
 * The default credential chain, cached and shared per process — what the `mongodb` driver calls for
 * `MONGODB-AWS` and what AWS SDK v3 clients use when given no credentials:
 *
 * 1. **env**: `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`), read fresh and
 *    never cached — skipped when `AWS_PROFILE` or the `profile` option is set, as in the AWS SDK;
 * 2. **ini**: the profile of `~/.aws/config` / `~/.aws/credentials` — static keys, role chains,
 *    `web_identity_token_file`, `credential_process`;
 * 3. **web-identity**: `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` (EKS IRSA);
 * 4. **container**: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` / `_FULL_URI` (ECS, EKS Pod Identity);
 * 5. **imds**: EC2 instance metadata — only when nothing else is configured, never in a container,
 *    never with `AWS_EC2_METADATA_DISABLED=true`, with short timeouts.
 *
 * This is the AWS SDK's order (shared files before web identity); MongoDB's driver specification
 * lists env, web identity, ECS, EC2, which this order keeps, so the identity a process gets is the
 * one it got with the SDK. A source that is configured but fails stops the chain with its error;
 * when none is configured, the error lists every source, why it did not apply, and what to set on
 * ECS, EKS, EC2, Lambda and a laptop.
 *
 * **Sticky**: once a source produced credentials, every refresh asks that source only — the
 * identity never changes silently (environment variables that appear later are ignored) until
 * `invalidate()` drops the cached credentials (after an authentication failure, say): that starts
 * over from the top, with a fresh cache (no failure backoff; `stats()` counts from zero again).
 *
 * **Shared**: calls with the same options and the same relevant environment return the same
 * provider, so any number of MongoClients (or SDK clients) in a process share one cache — one
 * credential request per lifetime. The registry keeps at most 32 chains. `shared: false` makes a
 * private one.
 *
 * @example
 * ```ts
 * import { fromNodeProviderChain } from '@iamkit/credential-providers';
 * const provider = fromNodeProviderChain();
 * const { accessKeyId, expiration } = await provider();
 * provider.invalidate(accessKeyId); // after the server rejected them
 * ```
 * @public
 */
export function fromNodeProviderChain(options: FromNodeProviderChainOptions = {}): CachedProvider {
  noteIgnoredOptions('fromNodeProviderChain', options, KNOWN, CLIENT_CONFIG_NAMES);
  if (options.shared === false) return createChain(options);
  const key = registryKey(options as Readonly<Record<string, unknown>>, resolveEnv(options.env), options.env !== undefined);
  return sharedChain(key, () => createChain(options));
}

function createChain(options: FromNodeProviderChainOptions): CachedProvider {
  const chain = stickyChain(defaultChainSteps(options));
  const newCache = (): CachedProvider => cacheSource(chain.provider, options);
  let cache = newCache();
  const provider: CachedProvider = Object.assign((callOptions?: Parameters<CachedProvider>[0]) => cache(callOptions), {
    invalidate: (accessKeyId?: string): boolean => {
      const dropped = cache.invalidate(accessKeyId);
      // Starting over — only when the rejected credentials were really dropped (or everything
      // was), never for a stale key — forgets the deciding source and any failure backoff, so the
      // next fetch asks the chain from the top at once.
      if (dropped || accessKeyId === undefined) {
        chain.reset();
        cache = newCache();
      }
      return dropped;
    },
    peek: () => cache.peek(),
    stats: () => cache.stats(),
  });
  return Object.assign(provider, { sourceName: 'default-chain' });
}
