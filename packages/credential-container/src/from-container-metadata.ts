import {
  IamkitError,
  httpRequest,
  isIamkitError,
  resolveRuntime,
  type CredentialProvider,
  type CredentialProviderOptions,
  type Credentials,
  type Env,
  withRetry,
} from '@iamkit/credentials';
import { TOKEN, TOKEN_FILE, readAuthorizationToken, type TokenSettings } from './authorization-token.js';
import { containerChannels, type ContainerNoticeKind } from './container-diagnostics.js';
import { FULL_URI, RELATIVE_URI, resolveEndpoint, type ContainerEndpoint, type UriSettings } from './container-endpoint.js';
import { resolveContainerOptions, type FromContainerMetadataOptions } from './container-options.js';
import { credentialsFromResponse, statusError } from './container-response.js';

const SOURCE = 'container';

/**
 * Credentials from the container credentials endpoint: the ECS agent's task role
 * (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`, fetched from `http://169.254.170.2`) or any
 * `AWS_CONTAINER_CREDENTIALS_FULL_URI` — the EKS Pod Identity agent, a local credentials server —
 * with the token from `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (re-read on every attempt) or
 * `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
 *
 * - RELATIVE_URI wins when both URI variables are set (a `iamkit:container:notice` event says so).
 * - An `http` FULL_URI must name loopback, the ECS agent or the Pod Identity agent, written
 *   plainly; anything else must be `https` (`ERR_CONTAINER_HOST_NOT_ALLOWED`).
 * - Throttling (429), 5xx, timeouts and resets are retried with full-jitter exponential backoff
 *   honouring `Retry-After`, within `maxAttempts` and `deadlineMs` (see {@link CONTAINER_DEFAULTS});
 *   a 4xx that retrying cannot fix fails at once.
 * - With neither URI variable set it throws "not configured", so a `chain()` moves on.
 *
 * The provider does not cache: wrap it in `cached()` so that every client and connection shares
 * one fetch per credential lifetime.
 *
 * @example
 * ```ts
 * import { cached } from '@iamkit/credentials';
 * import { fromContainerMetadata } from '@iamkit/credential-container';
 * const provider = cached(fromContainerMetadata());
 * const { accessKeyId, expiration } = await provider();
 * ```
 * @public
 */
export function fromContainerMetadata(options: FromContainerMetadataOptions = {}): CredentialProvider {
  const config = resolveContainerOptions(options);
  const announced = new Set<ContainerNoticeKind>();
  const notice = (kind: ContainerNoticeKind, message: string): void => {
    if (announced.has(kind) || !containerChannels.notice.hasSubscribers) return;
    announced.add(kind);
    containerChannels.notice.publish({ source: SOURCE, kind, message });
  };

  const provider = async (callOptions?: CredentialProviderOptions): Promise<Credentials> => {
    // Re-resolved per call: the default env is the live process.env.
    const { env, now, random, readFile } = resolveRuntime(options);
    const endpoint = await resolveEndpoint(uriSettings(options, env), { options: config, readFile, notice });
    const tokens = tokenSettings(options, env);
    const signal = callOptions?.signal;
    return withRetry(
      async () => {
        const token = await readAuthorizationToken(tokens, readFile, notice);
        const headers: Record<string, string> = { accept: 'application/json' };
        if (token !== undefined) headers.authorization = token;
        const context = { endpoint, token, now };
        try {
          const response = await httpRequest({
            url: endpoint.url,
            source: SOURCE,
            headers,
            secrets: [token],
            dispatcher: options.dispatcher,
            connectTimeoutMs: config.connectTimeoutMs,
            headersTimeoutMs: config.headersTimeoutMs,
            bodyTimeoutMs: config.bodyTimeoutMs,
            signal,
          });
          if (response.status !== 200) throw statusError(response, context);
          return credentialsFromResponse(response, context);
        } catch (error) {
          throw withSetting(error, endpoint);
        }
      },
      {
        maxAttempts: config.maxAttempts,
        baseDelayMs: config.baseDelayMs,
        maxDelayMs: config.maxDelayMs,
        deadlineMs: config.deadlineMs,
        now,
        random,
        sleep: options.sleep,
        signal,
        source: SOURCE,
        onRetry: ({ error, attempt, delayMs }) => {
          if (containerChannels.retry.hasSubscribers) {
            containerChannels.retry.publish({ source: SOURCE, attempt, delayMs, code: error.code, status: error.status });
          }
        },
      },
    );
  };
  return Object.assign(provider, { sourceName: SOURCE });
}

/**
 * The same provider under the AWS SDK's newer name, for code that imports `fromHttp`: it accepts
 * the SDK's option names (`awsContainerCredentialsFullUri`, `timeout`, `maxRetries`, …).
 *
 * @example
 * ```ts
 * const provider = cached(fromHttp({ awsContainerCredentialsFullUri: 'http://127.0.0.1:8080/creds', timeout: 1000, maxRetries: 3 }));
 * ```
 * @public
 */
export const fromHttp: (options?: FromContainerMetadataOptions) => CredentialProvider = fromContainerMetadata;

function uriSettings(options: FromContainerMetadataOptions, env: Env): UriSettings {
  return {
    relative: setting(options.awsContainerCredentialsRelativeUri, 'awsContainerCredentialsRelativeUri', env, RELATIVE_URI),
    full: setting(options.awsContainerCredentialsFullUri, 'awsContainerCredentialsFullUri', env, FULL_URI),
  };
}

function tokenSettings(options: FromContainerMetadataOptions, env: Env): TokenSettings {
  return {
    token: setting(options.awsContainerAuthorizationToken, 'awsContainerAuthorizationToken', env, TOKEN),
    file: setting(options.awsContainerAuthorizationTokenFile, 'awsContainerAuthorizationTokenFile', env, TOKEN_FILE),
  };
}

// An option wins over its variable; blank values count as unset (`VAR=` is a common leftover).
function setting(option: string | undefined, optionName: string, env: Env, variable: string): { value: string; setting: string } | undefined {
  if (option !== undefined && option.trim() !== '') return { value: option, setting: `option ${optionName}` };
  const value = env[variable];
  return value === undefined || value.trim() === '' ? undefined : { value, setting: variable };
}

// The HTTP helper's errors name the URL; add which setting produced it, so the fix is obvious.
function withSetting(error: unknown, endpoint: ContainerEndpoint): unknown {
  if (!isIamkitError(error) || error.code === 'ERR_ABORTED' || error.message.includes(endpoint.setting)) return error;
  return new IamkitError({
    code: error.code,
    source: error.source,
    retryable: error.retryable,
    retryAfterMs: error.retryAfterMs,
    status: error.status,
    message: `${error.message} (The endpoint comes from ${endpoint.setting}.)`,
    cause: error.cause,
  });
}
