import type { IssuedCredentials } from '../common/credential-rotation.js';
import type { RateLimit } from '../common/emulator-options.js';
import { compactJson, type EmulatorResponse, goHttpError } from '../common/emulator-response.js';
import type { EmulatorRequest } from '../common/emulator-request.js';
import { formatIsoSeconds } from '../common/time-format.js';
import { KeyedRateLimiter } from '../common/token-bucket.js';

/** What the ECS routes read on every request. */
export interface EcsState {
  readonly credentialsId: string;
  readonly roleArn: string;
  readonly authorizationToken: string | undefined;
  readonly ready: () => boolean;
  readonly credentials: () => IssuedCredentials;
}

/** tollbooth's answer when the limit is reached: no trailing newline, unlike Go's http.Error. */
export const ECS_THROTTLE_BODY = 'You have reached maximum request limit.';

/**
 * The ECS agent's credential routes behind its tollbooth limiter: the limiter keys on (client IP,
 * URL path) and, as tollbooth 4 does, adds its `X-Rate-Limit-*` headers to every answer.
 */
export function createEcsRoutes(state: EcsState, rateLimit: RateLimit | undefined, now: () => number) {
  const limiter = rateLimit === undefined ? undefined : new KeyedRateLimiter({ ...rateLimit, now });

  const limitHeaders = (request: EmulatorRequest): Record<string, string> => {
    if (rateLimit === undefined) return {};
    const forwardedFor = request.headers['x-forwarded-for'];
    return {
      'X-Rate-Limit-Duration': '1',
      'X-Rate-Limit-Limit': rateLimit.rate.toFixed(2),
      'X-Rate-Limit-Request-Forwarded-For': Array.isArray(forwardedFor) ? (forwardedFor[0] ?? '') : (forwardedFor ?? ''),
      'X-Rate-Limit-Request-Remote-Addr': request.remoteAddr,
    };
  };

  const throttle = (request: EmulatorRequest): EmulatorResponse => ({
    status: 429,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', ...limitHeaders(request) },
    body: ECS_THROTTLE_BODY,
    rateLimited: true,
  });

  const route = (request: EmulatorRequest): EmulatorResponse => {
    // tollbooth keys on the IP (RemoteAddr first) and r.URL.Path, so every id on /v1/credentials
    // shares one bucket, and every /v2/credentials/<id> has its own.
    if (limiter !== undefined && !limiter.allow(`${request.clientAddress}|${request.pathname}`)) return throttle(request);
    const headers = limitHeaders(request);
    const target = credentialsTarget(request);
    if (target === undefined) return goHttpError(404, '404 page not found', headers);
    const prefix = `CredentialsV${target.version}Request: `;
    const error = (status: number, code: string, message: string): EmulatorResponse =>
      compactJson(status, { code, message: prefix + message }, headers);

    if (state.authorizationToken !== undefined && request.headers.authorization !== state.authorizationToken) {
      return error(401, 'Unauthorized', 'Authorization header missing or not accepted');
    }
    if (target.id === '') return error(400, 'NoIdInRequest', 'No Credential ID in the request');
    if (target.id !== state.credentialsId) return error(400, 'InvalidIdInRequest', 'Credentials not found');
    if (!state.ready()) return error(503, 'CredentialsUninitialized', 'Credentials uninitialized for ID');

    const { credentials } = state.credentials();
    const json: Record<string, unknown> = {
      RoleArn: state.roleArn,
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
    };
    if (credentials.sessionToken !== undefined) json.Token = credentials.sessionToken;
    if (credentials.expiration !== undefined) json.Expiration = formatIsoSeconds(credentials.expiration);
    return compactJson(200, json, headers);
  };

  return { route, throttle };
}

function credentialsTarget(request: EmulatorRequest): { version: 1 | 2; id: string } | undefined {
  if (request.pathname === '/v1/credentials') return { version: 1, id: request.searchParams.get('id') ?? '' };
  const v2 = '/v2/credentials/';
  if (request.pathname.startsWith(v2)) return { version: 2, id: safeDecode(request.pathname.slice(v2.length)) };
  return undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
