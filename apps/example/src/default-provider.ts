import { cached, chain, type CachedProvider, type Env } from '@iamkit/credentials';
import { fromContainerMetadata } from '@iamkit/credential-container';
import { fromEnv } from '@iamkit/credential-env';
import { fromInstanceMetadata } from '@iamkit/credential-imds';

/**
 * The service's credential chain, cached once per process: environment keys (read fresh at every
 * call, never stored), then the ECS/EKS container endpoint, then EC2 IMDS.
 *
 * When `@iamkit/credential-providers` lands, this becomes `fromNodeProviderChain({ env })`, which
 * adds shared config files, `credential_process` and web identity, and is shared per process.
 */
export function defaultCredentialProvider(env: Env): CachedProvider {
  return cached(chain(fromEnv({ env }), fromContainerMetadata({ env }), fromInstanceMetadata({ env })), { name: 'default-chain' });
}
