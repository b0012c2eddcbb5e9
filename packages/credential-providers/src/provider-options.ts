import type { CacheOptions, HttpRequestOptions, RuntimeOptions } from '@iamkit/credentials';

/**
 * The iamkit options every `from*` of this package takes besides the AWS SDK's: the injectable
 * runtime (`env`, `now`, `random`, `readFile`), the undici `dispatcher` for HTTP sources and STS,
 * and the cache's tuning.
 *
 * @example
 * ```ts
 * fromContainerMetadata({ env: agent.env, cache: { staticStability: { maxStaleMs: 10 * 60_000 } } });
 * ```
 * @public
 */
export interface ProviderRuntimeOptions extends RuntimeOptions {
  /** An undici dispatcher (Agent, ProxyAgent, MockAgent); default the shared keep-alive Agent. */
  readonly dispatcher?: HttpRequestOptions['dispatcher'];
  /** Options of the cache the provider is wrapped in (`now` and `random` come from above). */
  readonly cache?: ProviderCacheOptions | undefined;
}

/**
 * `CacheOptions` of `@iamkit/credentials` without the clock and random source, which every provider takes once
 * at the top level.
 *
 * @example
 * ```ts
 * const cache: ProviderCacheOptions = { mandatoryWindowMs: 10 * 60_000 };
 * ```
 * @public
 */
export type ProviderCacheOptions = Omit<CacheOptions, 'now' | 'random'>;

/**
 * The part of the AWS SDK's STS client configuration (`clientConfig`) iamkit uses for the STS
 * calls of role assumers and web identity. Other keys are ignored (a diagnostics event says so).
 *
 * @example
 * ```ts
 * fromNodeProviderChain({ clientConfig: { region: 'eu-west-1' } });
 * ```
 * @public
 */
export interface ProviderClientConfig {
  /** The STS region (a string, or the SDK's async provider of one); see each function for the order. */
  readonly region?: string | (() => string | Promise<string>) | undefined;
  /** An STS endpoint URL (tests, VPC endpoints). */
  readonly endpoint?: string | URL | undefined;
  /** Attempts per STS call (throttling, 5xx, network failures). Default 3. */
  readonly maxAttempts?: number | undefined;
}

/**
 * Options of the AWS SDK that iamkit accepts so that code written for the SDK compiles and runs,
 * but does not use. Passing one publishes an `ignored-options` event on
 * {@link PROVIDERS_NOTICE_CHANNEL} once per process and function.
 *
 * @example
 * ```ts
 * fromNodeProviderChain({ logger: console }); // accepted, ignored, announced once
 * ```
 * @public
 */
export interface SdkOnlyOptions {
  /** The SDK's logger; iamkit publishes diagnostics events instead. */
  readonly logger?: unknown;
  /** The SDK's parent client configuration. */
  readonly parentClientConfig?: unknown;
  /** The SDK's STS client plugins. */
  readonly clientPlugins?: unknown;
  /** The SDK's custom AssumeRole implementation; iamkit always uses `@iamkit/sts`. */
  readonly roleAssumer?: unknown;
  /** The SDK's custom AssumeRoleWithWebIdentity implementation; iamkit always uses `@iamkit/sts`. */
  readonly roleAssumerWithWebIdentity?: unknown;
}

/** Option names every function accepts and uses. */
export const RUNTIME_OPTION_NAMES = ['env', 'now', 'random', 'readFile', 'dispatcher', 'cache'] as const;

/**
 * The runtime and dispatcher of `options`, for a source or an inner chain: they share the caller's
 * surroundings but not its cache options or anything else it was given.
 */
export function runtimeOf(options: ProviderRuntimeOptions): Omit<ProviderRuntimeOptions, 'cache'> {
  return { env: options.env, now: options.now, random: options.random, readFile: options.readFile, dispatcher: options.dispatcher };
}
