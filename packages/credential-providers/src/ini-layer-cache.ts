import { createHash } from 'node:crypto';
import type { ProfilePlan, SourceCredentials } from '@iamkit/credential-ini';
import type { CachedProvider, Credentials } from '@iamkit/credentials';
import { cacheSource } from './cache-source.js';
import type { ProviderRuntimeOptions } from './provider-options.js';

const MAX_LAYERS = 32;

/**
 * A key that is equal for two plans exactly when they would produce the same credentials: every
 * setting of every layer, and for static keys the key id plus a hash of the secret (a changed secret
 * in the file is a new layer; the secret itself is never part of the key).
 */
export function planKey(plan: ProfilePlan): string {
  switch (plan.kind) {
    case 'static': {
      const { accessKeyId, secretAccessKey, sessionToken } = plan.credentials;
      const digest = createHash('sha256').update(`${secretAccessKey}\0${sessionToken ?? ''}`).digest('base64url');
      return `static(${accessKeyId},${digest})`;
    }
    case 'process':
      return `process(${JSON.stringify([plan.command, plan.accountId ?? null])})`;
    case 'credential-source':
      return `credential-source(${plan.name})`;
    case 'web-identity':
      return `web-identity(${JSON.stringify([plan.roleArn, plan.tokenFile, plan.roleSessionName ?? null, plan.region ?? null])})`;
    case 'assume-role':
      return `assume-role(${JSON.stringify([plan.roleArn, plan.roleSessionName ?? null, plan.externalId ?? null, plan.durationSeconds ?? null, plan.mfaSerial ?? null, plan.region ?? null])},${planKey(plan.source)})`;
  }
}

interface Layer {
  readonly provider: CachedProvider;
  fetch: () => Promise<Credentials>;
}

/**
 * The `sourceCredentials` hook of `@iamkit/credential-ini` that caches every layer of a role chain:
 * an assumed role, a web identity or a `credential_process` used as the source of another role gets
 * its own cache, keyed by {@link planKey}, so a refresh of the top role calls STS once while the
 * layers below are still valid. Static keys need no cache, and `credential_source` providers are
 * cached already. At most 32 layers are kept (the least recently used goes first).
 */
export function layerCache(options: Pick<ProviderRuntimeOptions, 'cache' | 'now' | 'random'>): SourceCredentials {
  const layers = new Map<string, Layer>();
  return (plan, fetch, signal) => {
    if (plan.kind === 'static' || plan.kind === 'credential-source') return fetch();
    const key = planKey(plan);
    let layer = layers.get(key);
    if (layer === undefined) {
      const created: Layer = { fetch, provider: cacheSource(() => created.fetch(), options) };
      layer = created;
      if (layers.size >= MAX_LAYERS) {
        const oldest = layers.keys().next().value;
        if (oldest !== undefined) layers.delete(oldest);
      }
    } else {
      // The latest run's fetch: the same plan, with this run's runtime.
      layer.fetch = fetch;
      layers.delete(key);
    }
    layers.set(key, layer);
    return layer.provider(signal === undefined ? undefined : { signal });
  };
}
