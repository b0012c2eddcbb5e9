import { IamkitError, type HttpRequestOptions, type RuntimeOptions, type Sleep } from '@iamkit/credentials';

/**
 * Options of {@link fromInstanceMetadata}. Every default is in {@link IMDS_DEFAULTS}. Settings
 * that also have an environment variable or a profile key take the option first, then the
 * variable, then the profile (selected by `profile`, then `AWS_PROFILE`).
 *
 * @example
 * ```ts
 * fromInstanceMetadata({ env: imds.env, tokenTimeoutMs: 500, maxAttempts: 2 });
 * ```
 * @public
 */
export interface FromInstanceMetadataOptions extends RuntimeOptions {
  /** IMDS base URL; else `AWS_EC2_METADATA_SERVICE_ENDPOINT`, profile `ec2_metadata_service_endpoint`, then by mode. */
  readonly endpoint?: string | undefined;
  /** `IPv4` (`http://169.254.169.254`, default) or `IPv6` (`http://[fd00:ec2::254]`); else `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE`, profile `ec2_metadata_service_endpoint_mode`. */
  readonly endpointMode?: 'IPv4' | 'IPv6' | undefined;
  /** Whether to fall back to IMDSv1 when the token request is refused (403/404/405); else the inverse of `AWS_EC2_METADATA_V1_DISABLED` / profile `ec2_metadata_v1_disabled`. Default true. Never used after a timeout. */
  readonly v1Fallback?: boolean | undefined;
  /** The role to fetch, skipping the role lookup; else `AWS_EC2_INSTANCE_PROFILE_NAME`, profile `ec2_instance_profile_name`. */
  readonly instanceProfileName?: string | undefined;
  /** The shared-config profile to read the `ec2_metadata_*` keys from; default `AWS_PROFILE`, then `default`. */
  readonly profile?: string | undefined;
  /** The config file; default `AWS_CONFIG_FILE`, then `~/.aws/config`. */
  readonly configFilepath?: string | undefined;
  /** The credentials file; default `AWS_SHARED_CREDENTIALS_FILE`, then `~/.aws/credentials`. */
  readonly filepath?: string | undefined;
  /** An undici dispatcher; default: the shared keep-alive Agent. */
  readonly dispatcher?: HttpRequestOptions['dispatcher'];
  /** TCP connect timeout of the default dispatcher. Default 1 s. */
  readonly connectTimeoutMs?: number | undefined;
  /** Time allowed for the response headers of each GET. Default 1 s. */
  readonly headersTimeoutMs?: number | undefined;
  /** Longest pause allowed while reading a body. Default 1 s. */
  readonly bodyTimeoutMs?: number | undefined;
  /** Time allowed for the answer to the token PUT; when it passes, `ERR_IMDS_HOP_LIMIT`. Default 1 s. */
  readonly tokenTimeoutMs?: number | undefined;
  /** Lifetime asked for the session token, 1–21600 s. Default 21600 (6 h). */
  readonly tokenTtlSeconds?: number | undefined;
  /** Attempts per fetch, the first included. Default 3. */
  readonly maxAttempts?: number | undefined;
  /** Attempt n waits a random time in [0, min(maxDelayMs, baseDelayMs × 2^(n−1))]. Default 100 ms. */
  readonly baseDelayMs?: number | undefined;
  /** Default 1 s. */
  readonly maxDelayMs?: number | undefined;
  /** No retry starts later than this after the fetch began. Default 5 s. */
  readonly deadlineMs?: number | undefined;
  /** Injected in tests so retries need no real waiting. */
  readonly sleep?: Sleep | undefined;
}

/**
 * The defaults of {@link FromInstanceMetadataOptions}. IMDS answers in milliseconds on EC2, so a
 * second is plenty, and short timeouts keep a machine that is not EC2 (or a container behind a hop
 * limit of 1) from stalling start-up: the AWS SDKs' multi-second hangs are what users complain
 * about. IMDS throttles by dropping packets rather than with 429s, so timeouts of the GETs are
 * retried (3 attempts, full jitter up to 1 s, within 5 s, as the Go SDK does); a timeout of the
 * token request is not, because it means "no answer will come" (`ERR_IMDS_HOP_LIMIT`).
 *
 * @example
 * ```ts
 * IMDS_DEFAULTS.tokenTimeoutMs; // 1000
 * ```
 * @public
 */
export const IMDS_DEFAULTS = Object.freeze({
  ipv4Endpoint: 'http://169.254.169.254',
  ipv6Endpoint: 'http://[fd00:ec2::254]',
  connectTimeoutMs: 1_000,
  headersTimeoutMs: 1_000,
  bodyTimeoutMs: 1_000,
  tokenTimeoutMs: 1_000,
  tokenTtlSeconds: 21_600,
  maxAttempts: 3,
  baseDelayMs: 100,
  maxDelayMs: 1_000,
  deadlineMs: 5_000,
});

export interface ResolvedImdsOptions {
  readonly connectTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly bodyTimeoutMs: number;
  readonly tokenTimeoutMs: number;
  readonly tokenTtlSeconds: number;
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly deadlineMs: number;
}

export function resolveImdsOptions(options: FromInstanceMetadataOptions): ResolvedImdsOptions {
  const ttl = options.tokenTtlSeconds ?? IMDS_DEFAULTS.tokenTtlSeconds;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 21_600) throw invalidOption('tokenTtlSeconds', 'must be an integer from 1 to 21600');
  const attempts = options.maxAttempts ?? IMDS_DEFAULTS.maxAttempts;
  if (!Number.isInteger(attempts) || attempts < 1) throw invalidOption('maxAttempts', 'must be an integer, 1 or more');
  return {
    connectTimeoutMs: duration('connectTimeoutMs', options.connectTimeoutMs ?? IMDS_DEFAULTS.connectTimeoutMs),
    headersTimeoutMs: duration('headersTimeoutMs', options.headersTimeoutMs ?? IMDS_DEFAULTS.headersTimeoutMs),
    bodyTimeoutMs: duration('bodyTimeoutMs', options.bodyTimeoutMs ?? IMDS_DEFAULTS.bodyTimeoutMs),
    tokenTimeoutMs: duration('tokenTimeoutMs', options.tokenTimeoutMs ?? IMDS_DEFAULTS.tokenTimeoutMs),
    tokenTtlSeconds: ttl,
    maxAttempts: attempts,
    baseDelayMs: duration('baseDelayMs', options.baseDelayMs ?? IMDS_DEFAULTS.baseDelayMs),
    maxDelayMs: duration('maxDelayMs', options.maxDelayMs ?? IMDS_DEFAULTS.maxDelayMs),
    deadlineMs: duration('deadlineMs', options.deadlineMs ?? IMDS_DEFAULTS.deadlineMs),
  };
}

function duration(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw invalidOption(name, 'must be a finite number of milliseconds, 0 or more');
  return value;
}

function invalidOption(name: string, problem: string): IamkitError {
  return new IamkitError({ code: 'ERR_CONFIG_INVALID', source: 'imds', message: `fromInstanceMetadata(): option ${name} ${problem}.` });
}
