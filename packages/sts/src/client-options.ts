import type { Clock, CredentialProvider, Credentials, RandomSource, Sleep } from '@iamkit/credentials';
import type { Dispatcher } from 'undici';
import type { StsEndpointOptions } from './endpoint.js';

/**
 * Options of `createStsClient`. Everything external is injectable: `env`, the clock, the random
 * source for retry jitter, the undici `dispatcher`, the retry `sleep`.
 *
 * @example
 * ```ts
 * const sts = createStsClient({ region: 'eu-west-1', provider: cached(fromEnv()), maxAttempts: 4 });
 * ```
 * @public
 */
export interface StsClientOptions extends StsEndpointOptions {
  /** Fixed credentials for signed actions. */
  readonly credentials?: Pick<Credentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'> | undefined;
  /** A credential provider (called once per signed call; wrap it in `cached()`). */
  readonly provider?: CredentialProvider | undefined;
  /** Default `Date.now`. */
  readonly now?: Clock | undefined;
  /** Retry jitter; default `Math.random`. */
  readonly random?: RandomSource | undefined;
  /** An undici dispatcher (Agent, ProxyAgent, MockAgent); default a shared keep-alive Agent. */
  readonly dispatcher?: Dispatcher | undefined;
  /** Default 1000 (applies to the default dispatcher only). */
  readonly connectTimeoutMs?: number | undefined;
  /** Default 5000. */
  readonly headersTimeoutMs?: number | undefined;
  /** Default 5000. */
  readonly bodyTimeoutMs?: number | undefined;
  /** Attempts per call, the first included, for throttling, 5xx and network failures. Default 3. */
  readonly maxAttempts?: number | undefined;
  /** Cap of the first retry's full-jitter delay; doubles per attempt. Default 100 ms. */
  readonly retryBaseDelayMs?: number | undefined;
  /** Largest delay between attempts. Default 2000 ms. */
  readonly retryMaxDelayMs?: number | undefined;
  /** Injected sleep for retries (tests). */
  readonly sleep?: Sleep | undefined;
  /** The clock offset to start with, in ms (added to `now()` when signing). Default 0. */
  readonly clockOffsetMs?: number | undefined;
  /** Correct the clock offset from STS's answer to a clock error and retry once. Default true. */
  readonly correctClockSkew?: boolean | undefined;
  /** The `User-Agent` header. Default `iamkit-sts`. */
  readonly userAgent?: string | undefined;
}

/**
 * Per-call options.
 *
 * @example
 * ```ts
 * await sts.assumeRole({ roleArn }, { credentials: sourceCredentials, signal: AbortSignal.timeout(10_000) });
 * ```
 * @public
 */
export interface StsCallOptions {
  /** Sign this call with these credentials instead of the client's (role chaining). */
  readonly credentials?: Pick<Credentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'> | undefined;
  readonly signal?: AbortSignal | undefined;
}

/**
 * A clock correction the client made.
 *
 * @example
 * ```ts
 * const correction: StsClockCorrection = { at: '2026-01-01T00:00:00.000Z', skewMs: 1_200_000, measuredFrom: 'date-header' };
 * ```
 * @public
 */
export interface StsClockCorrection {
  /** When, by the local clock. */
  readonly at: string;
  readonly skewMs: number;
  readonly measuredFrom: 'message' | 'date-header';
}

/**
 * A secret-free snapshot of a client, for diagnostics and `iamkit doctor`.
 *
 * @example
 * ```ts
 * const { endpoint, clockOffsetMs, lastRequestId }: StsClientState = sts.peek();
 * ```
 * @public
 */
export interface StsClientState {
  readonly endpoint: string;
  readonly region: string;
  readonly signingRegion: string;
  readonly regionSource: string;
  readonly endpointSource: string;
  /** Added to the local clock when signing: STS's time minus this machine's, as last measured. */
  readonly clockOffsetMs: number;
  readonly clockCorrections: number;
  readonly lastClockCorrection: StsClockCorrection | undefined;
  /** Requests sent (attempts included). */
  readonly requests: number;
  readonly failures: number;
  readonly lastRequestId: string | undefined;
  readonly lastError: { readonly code: string; readonly stsCode: string | undefined; readonly action: string | undefined } | undefined;
}

/**
 * Defaults of {@link StsClientOptions}.
 *
 * @example
 * ```ts
 * STS_CLIENT_DEFAULTS.maxAttempts; // 3
 * ```
 * @public
 */
export const STS_CLIENT_DEFAULTS = Object.freeze({
  maxAttempts: 3,
  retryBaseDelayMs: 100,
  retryMaxDelayMs: 2_000,
  connectTimeoutMs: 1_000,
  headersTimeoutMs: 5_000,
  bodyTimeoutMs: 5_000,
  userAgent: 'iamkit-sts',
});
