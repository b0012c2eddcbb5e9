import type { IssuedCredentials } from '../common/credential-rotation.js';
import type { RateLimit } from '../common/emulator-options.js';
import { compactJson, type EmulatorResponse, goHttpError } from '../common/emulator-response.js';
import type { EmulatorRequest } from '../common/emulator-request.js';
import { formatRfc3339Nanos } from '../common/time-format.js';
import { TokenBucket } from '../common/token-bucket.js';
import { checkServiceAccountToken } from './service-account-token.js';

/** What the Pod Identity routes read on every request. */
export interface PodIdentityState {
  /** Host names the agent answers to; `undefined` accepts any Host. */
  readonly allowedHosts: readonly string[] | undefined;
  /** Whether EKS Auth would accept this (parsable, unexpired) token. */
  readonly accepts: (token: string) => boolean;
  readonly accountId: string;
  readonly credentials: () => IssuedCredentials;
  readonly requestId: () => string;
}

export const CREDENTIALS_PATH = '/v1/credentials';

/**
 * The Pod Identity agent's `/v1/credentials` handler: one global token bucket in front of it (and
 * only it), then the Host check, the token checks, and the credentials, with every error written
 * by Go's `http.Error`.
 */
export function createPodIdentityRoutes(
  state: PodIdentityState,
  rateLimit: RateLimit | undefined,
  now: () => number,
): { route: (request: EmulatorRequest) => EmulatorResponse; throttle: () => EmulatorResponse } {
  const bucket = rateLimit === undefined ? undefined : new TokenBucket({ ...rateLimit, now });
  const throttle = (): EmulatorResponse => ({ ...goHttpError(429, 'Too Many Requests'), rateLimited: true });

  const route = (request: EmulatorRequest): EmulatorResponse => {
    if (request.pathname !== CREDENTIALS_PATH) return goHttpError(404, '404 page not found');
    if (bucket !== undefined && !bucket.take()) return throttle();

    const host = targetHost(request.headers.host ?? '');
    if (state.allowedHosts !== undefined && !state.allowedHosts.includes(host)) {
      return goHttpError(403, `Access Denied. Called agent through invalid address, please use either [${state.allowedHosts.join(' ')}] address not ${host}`);
    }
    const token = request.headers.authorization ?? '';
    if (token === '') return goHttpError(400, 'Service account token cannot be empty');
    const problem = checkServiceAccountToken(token, now());
    if (problem !== undefined) {
      const what = problem.stage === 'parse' ? 'cannot be parsed' : 'failed basic claim validations';
      return goHttpError(400, `Service account token ${what}: ${problem.reason}`);
    }
    if (!state.accepts(token)) {
      // What EKS Auth's refusal looks like once the agent has formatted it.
      return goHttpError(403, `[${state.requestId()}]: (AccessDeniedException): The service account token is not accepted for this cluster, fault: client`);
    }

    const { credentials, expirationNanos } = state.credentials();
    const json: Record<string, unknown> = { AccessKeyId: credentials.accessKeyId, SecretAccessKey: credentials.secretAccessKey };
    if (credentials.sessionToken !== undefined) json.Token = credentials.sessionToken;
    json.AccountId = credentials.accountId ?? state.accountId;
    if (credentials.expiration !== undefined) json.Expiration = formatRfc3339Nanos(credentials.expiration, expirationNanos);
    return compactJson(200, json);
  };

  return { route, throttle };
}

// The agent compares req.Host without its port, and IPv6 literals without brackets.
function targetHost(host: string): string {
  const bracketed = /^\[([^\]]*)\](?::\d*)?$/.exec(host);
  if (bracketed !== null) return bracketed[1] ?? '';
  const colon = host.indexOf(':');
  return colon >= 0 && !host.includes(':', colon + 1) ? host.slice(0, colon) : host;
}
