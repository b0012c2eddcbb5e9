import type { CredentialProvider, Env } from '@iamkit/credentials';
import { fromContainerMetadata } from '@iamkit/credential-container';

/**
 * What drivers and hand-written providers did before iamkit: fetch from the container endpoint for
 * every authentication — no cache, no sharing, two attempts with a short jittered pause. The
 * driver calls it once per new pooled connection.
 */
export function naiveProvider(env: Env): CredentialProvider {
  return fromContainerMetadata({ env, maxAttempts: 2, baseDelayMs: 100, maxDelayMs: 100 });
}
