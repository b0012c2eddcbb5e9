import { fromNodeProviderChain } from '@iamkit/credential-providers';
import type { CachedProvider, Env } from '@iamkit/credentials';

/**
 * The service's credentials: the default chain of `@iamkit/credential-providers` (environment keys,
 * read fresh at every call and never stored; shared config files and `credential_process`; web
 * identity; the ECS/EKS container endpoint; then EC2 IMDS), one cached chain per process for the
 * same settings — every MongoClient of the service shares it.
 */
export function defaultCredentialProvider(env: Env): CachedProvider {
  return fromNodeProviderChain({ env });
}
