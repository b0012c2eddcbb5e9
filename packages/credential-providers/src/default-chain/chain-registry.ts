import { createHash } from 'node:crypto';
import type { CachedProvider, Env } from '@iamkit/credentials';

/**
 * The variables that decide what the default chain does. Secret ones only count by presence: the
 * key must never be a way to recover a secret (and it is hashed besides).
 */
const RELEVANT = [
  'AWS_PROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'HOME',
  'USERPROFILE',
  'HOMEDRIVE',
  'HOMEPATH',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_EC2_METADATA_SERVICE_ENDPOINT',
  'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE',
  'AWS_EC2_METADATA_V1_DISABLED',
  'AWS_EC2_INSTANCE_PROFILE_NAME',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_STS_REGIONAL_ENDPOINTS',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_STS',
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
  'AWS_USE_FIPS_ENDPOINT',
] as const;
const PRESENCE_ONLY = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CONTAINER_AUTHORIZATION_TOKEN'] as const;

const MAX_SHARED = 32;
const shared = new Map<string, CachedProvider>();

// Functions and objects (an injected env, clock, file reader, dispatcher, MFA callback) are told
// apart by identity, through ids that do not keep them alive.
const ids = new WeakMap<object, number>();
let nextId = 1;
function identity(value: object): string {
  let id = ids.get(value);
  if (id === undefined) ids.set(value, (id = nextId++));
  return `#${id}`;
}

/** A stable text for an option value: primitives as JSON, functions and objects by identity, plain records by their entries. */
export function normalizeOption(value: unknown): unknown {
  if (value === undefined || value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof URL) return value.href;
  if (typeof value === 'function') return identity(value);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, normalizeOption(v)]),
    );
  }
  return identity(value);
}

/**
 * The registry key of a default chain: its normalized options and the snapshot of the variables
 * that decide what it does (an injected `env` also counts by identity: it may be changed later).
 */
export function registryKey(options: Readonly<Record<string, unknown>>, env: Env, injectedEnv: boolean): string {
  const snapshot: Record<string, string | boolean> = {};
  for (const name of RELEVANT) {
    const value = env[name];
    if (value !== undefined) snapshot[name] = value;
  }
  for (const name of PRESENCE_ONLY) {
    if (env[name] !== undefined && env[name] !== '') snapshot[name] = true;
  }
  const { env: _env, ...rest } = options;
  const text = JSON.stringify([normalizeOption(rest), snapshot, injectedEnv ? identity(env) : 'process.env']);
  return createHash('sha256').update(text).digest('base64url');
}

/**
 * One cached chain per key for the whole process: the `mongodb` driver calls
 * `fromNodeProviderChain()` once per MongoClient, and every client must share one cache. At most
 * 32 keys are kept; the least recently used is dropped first (its users keep their provider, a new
 * caller with that key gets a new one).
 */
export function sharedChain(key: string, create: () => CachedProvider): CachedProvider {
  const existing = shared.get(key);
  if (existing !== undefined) {
    shared.delete(key);
    shared.set(key, existing);
    return existing;
  }
  const created = create();
  if (shared.size >= MAX_SHARED) {
    const oldest = shared.keys().next().value;
    if (oldest !== undefined) shared.delete(oldest);
  }
  shared.set(key, created);
  return created;
}

/** How many chains the registry holds (for tests and diagnostics). */
export function sharedChainCount(): number {
  return shared.size;
}
