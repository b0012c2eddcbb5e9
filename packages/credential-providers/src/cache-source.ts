import { cached, type CachedProvider, type CredentialProvider } from '@iamkit/credentials';
import type { ProviderRuntimeOptions } from './provider-options.js';

/** Whether `provider` already is a cache (from any iamkit copy): it is not wrapped again. */
export function isCachedProvider(provider: unknown): provider is CachedProvider {
  if (typeof provider !== 'function') return false;
  const p = provider as unknown as Record<string, unknown>;
  return typeof p.invalidate === 'function' && typeof p.peek === 'function' && typeof p.stats === 'function';
}

/** Wraps a source in the shared cache with the caller's clock, random source and cache options. */
export function cacheSource(provider: CredentialProvider, options: Pick<ProviderRuntimeOptions, 'cache' | 'now' | 'random'>): CachedProvider {
  const wrapped = cached(provider, { ...options.cache, now: options.now, random: options.random });
  const sourceName = (provider as { sourceName?: unknown }).sourceName;
  return typeof sourceName === 'string' ? Object.assign(wrapped, { sourceName }) : wrapped;
}
