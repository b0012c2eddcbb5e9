import type { Clock, Env, ReadTextFile } from '@iamkit/credentials';

/**
 * What every command that resolves credentials or calls STS takes (the global flags
 * `--profile`, `--region`, `--endpoint-url`, `--timeout`, and the injectable surroundings).
 *
 * @example
 * ```ts
 * const options: CommonOptions = { env: process.env, profile: 'dev', region: 'eu-west-1', timeoutMs: 5000 };
 * ```
 * @public
 */
export interface CommonOptions {
  /** Default `process.env`. */
  readonly env?: Env | undefined;
  /** A profile of the shared files (`--profile`); it also makes the chain skip environment keys, as `AWS_PROFILE` does. */
  readonly profile?: string | undefined;
  /** The STS region (`--region`); default `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's, `us-east-1`. */
  readonly region?: string | undefined;
  /** An STS endpoint URL (`--endpoint-url`); default `AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`, the regional endpoint. */
  readonly endpointUrl?: string | undefined;
  /** Time allowed per answer from a credential endpoint, STS or MongoDB (`--timeout`). Default: each credential source's own (container 2 s, IMDS 1 s), 5000 for STS and MongoDB. */
  readonly timeoutMs?: number | undefined;
  /** Retries after the first attempt for credential endpoints and STS (`--retries`). Default 2. */
  readonly retries?: number | undefined;
  /** Default `Date.now`. */
  readonly now?: Clock | undefined;
  /** Default: the file system. */
  readonly readFile?: ReadTextFile | undefined;
  /** Called with a short description of each network step (the CLI shows it as a spinner). */
  readonly onProgress?: ((step: string) => void) | undefined;
}

export const DEFAULT_TIMEOUT_MS = 5_000;
export const DEFAULT_RETRIES = 2;
