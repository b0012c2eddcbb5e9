import { IamkitError, type HttpRequestOptions, type RuntimeOptions, type Sleep } from '@iamkit/credentials';
import { PID1_ENVIRON_PATH } from './pid1-environment.js';

/**
 * Options of {@link fromContainerMetadata}. Every default is in {@link CONTAINER_DEFAULTS}. The
 * `aws…` names and `timeout` / `maxRetries` are those of the AWS SDK's `fromHttp` /
 * `fromContainerMetadata`, accepted so that code moving over keeps working; the iamkit names win
 * when both are given.
 *
 * @example
 * ```ts
 * fromContainerMetadata({ env: agent.env, maxAttempts: 3, headersTimeoutMs: 500 });
 * ```
 * @public
 */
export interface FromContainerMetadataOptions extends RuntimeOptions {
  /**
   * Where `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` points. Default `http://169.254.170.2`, the ECS
   * agent as every task sees it; tests point it at an emulator.
   */
  readonly relativeUriBase?: string | undefined;
  /**
   * When neither URI variable is set in this process, read `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`
   * from PID 1's environment (`/proc/1/environ`): a shell opened with `docker exec` or ECS Exec does
   * not inherit it. Off by default; when off and the variable is found there, the not-configured
   * error says so.
   */
  readonly lookInPid1Environment?: boolean | undefined;
  /** Default `/proc/1/environ`. */
  readonly pid1EnvironPath?: string | undefined;
  /** An undici dispatcher (Agent, Pool, ProxyAgent); default: the shared keep-alive Agent. */
  readonly dispatcher?: HttpRequestOptions['dispatcher'];
  /** TCP connect timeout of the default dispatcher. Default 1 s. */
  readonly connectTimeoutMs?: number | undefined;
  /** Time allowed for the response headers, per attempt. Default 2 s. */
  readonly headersTimeoutMs?: number | undefined;
  /** Longest pause allowed while reading the body. Default 2 s. */
  readonly bodyTimeoutMs?: number | undefined;
  /** Attempts per fetch, the first included. Default 6. */
  readonly maxAttempts?: number | undefined;
  /** Attempt n waits a random time in [0, min(maxDelayMs, baseDelayMs × 2^(n−1))]. Default 250 ms. */
  readonly baseDelayMs?: number | undefined;
  /** Default 4 s. */
  readonly maxDelayMs?: number | undefined;
  /** No retry starts later than this after the fetch began. Default 10 s. */
  readonly deadlineMs?: number | undefined;
  /** Injected in tests so retries need no real waiting. */
  readonly sleep?: Sleep | undefined;
  /** AWS SDK name: used instead of `AWS_CONTAINER_CREDENTIALS_FULL_URI`. */
  readonly awsContainerCredentialsFullUri?: string | undefined;
  /** AWS SDK name: used instead of `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`. */
  readonly awsContainerCredentialsRelativeUri?: string | undefined;
  /** AWS SDK name: used instead of `AWS_CONTAINER_AUTHORIZATION_TOKEN`. */
  readonly awsContainerAuthorizationToken?: string | undefined;
  /** AWS SDK name: used instead of `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`. */
  readonly awsContainerAuthorizationTokenFile?: string | undefined;
  /** AWS SDK name: sets `headersTimeoutMs` and `bodyTimeoutMs`. */
  readonly timeout?: number | undefined;
  /** AWS SDK name: retries after the first attempt (`maxAttempts` = `maxRetries` + 1). */
  readonly maxRetries?: number | undefined;
}

/**
 * The defaults of {@link FromContainerMetadataOptions}.
 *
 * Why these numbers: the ECS agent allows 40 requests/s with a burst of 60 **per client IP and
 * path**, so every container of an awsvpc task shares one budget, and it sends no `Retry-After`.
 * When 100 processes cold-start together, 60 get through and 40 are throttled; full-jitter
 * backoff starting at 250 ms and doubling to 4 s spreads the retries so each wave asks for about
 * what the bucket refills meanwhile (10 tokens per 250 ms). Six attempts (≈ 8 s of backoff at most,
 * ≈ 4 s on average) absorb a cold start of a few hundred processes behind one agent; the 10 s
 * deadline keeps a dead endpoint from stalling callers for longer. A `Retry-After` (Pod Identity,
 * proxies) is a floor for the next wait.
 *
 * @example
 * ```ts
 * CONTAINER_DEFAULTS.maxAttempts; // 6
 * ```
 * @public
 */
export const CONTAINER_DEFAULTS = Object.freeze({
  relativeUriBase: 'http://169.254.170.2',
  connectTimeoutMs: 1_000,
  headersTimeoutMs: 2_000,
  bodyTimeoutMs: 2_000,
  maxAttempts: 6,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  deadlineMs: 10_000,
});

export interface ResolvedContainerOptions {
  readonly relativeUriBase: URL;
  readonly lookInPid1Environment: boolean;
  readonly pid1EnvironPath: string;
  readonly connectTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly bodyTimeoutMs: number;
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly deadlineMs: number;
}

export function resolveContainerOptions(options: FromContainerMetadataOptions): ResolvedContainerOptions {
  const timeout = options.timeout === undefined ? undefined : duration('timeout', options.timeout);
  const maxRetries = options.maxRetries === undefined ? undefined : count('maxRetries', options.maxRetries, 0);
  return {
    relativeUriBase: baseUrl(options.relativeUriBase ?? CONTAINER_DEFAULTS.relativeUriBase),
    lookInPid1Environment: options.lookInPid1Environment === true,
    pid1EnvironPath: options.pid1EnvironPath ?? PID1_ENVIRON_PATH,
    connectTimeoutMs: duration('connectTimeoutMs', options.connectTimeoutMs ?? CONTAINER_DEFAULTS.connectTimeoutMs),
    headersTimeoutMs: duration('headersTimeoutMs', options.headersTimeoutMs ?? timeout ?? CONTAINER_DEFAULTS.headersTimeoutMs),
    bodyTimeoutMs: duration('bodyTimeoutMs', options.bodyTimeoutMs ?? timeout ?? CONTAINER_DEFAULTS.bodyTimeoutMs),
    maxAttempts: count('maxAttempts', options.maxAttempts ?? (maxRetries === undefined ? CONTAINER_DEFAULTS.maxAttempts : maxRetries + 1), 1),
    baseDelayMs: duration('baseDelayMs', options.baseDelayMs ?? CONTAINER_DEFAULTS.baseDelayMs),
    maxDelayMs: duration('maxDelayMs', options.maxDelayMs ?? CONTAINER_DEFAULTS.maxDelayMs),
    deadlineMs: duration('deadlineMs', options.deadlineMs ?? CONTAINER_DEFAULTS.deadlineMs),
  };
}

function baseUrl(value: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '') {
    throw invalidOption('relativeUriBase', 'is not an http(s) URL without user info; set it like http://127.0.0.1:51679');
  }
  return url;
}

function duration(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw invalidOption(name, 'must be a finite number of milliseconds, 0 or more');
  return value;
}

function count(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw invalidOption(name, `must be an integer, ${min} or more`);
  return value;
}

function invalidOption(name: string, problem: string): IamkitError {
  return new IamkitError({ code: 'ERR_CONFIG_INVALID', source: 'container', message: `fromContainerMetadata(): option ${name} ${problem}.` });
}
