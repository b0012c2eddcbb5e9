import type { IssuedCredentials } from '../common/credential-rotation.js';
import type { RateLimit } from '../common/emulator-options.js';
import { type EmulatorResponse, NO_RESPONSE, type RouteResult } from '../common/emulator-response.js';
import type { EmulatorRequest } from '../common/emulator-request.js';
import { formatIsoSeconds } from '../common/time-format.js';
import { TokenBucket } from '../common/token-bucket.js';
import type { SessionTokens } from './imds-tokens.js';

/** What the IMDS routes read on every request; the mutable fields are the handle's switches. */
export interface ImdsState {
  v1: 'allowed' | 'refused';
  hopLimitExceeded: boolean;
  readonly roleName: string | undefined;
  readonly extendedApi: boolean;
  readonly includeAccountId: boolean;
  readonly roleListingNewline: boolean;
  readonly accountId: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly tokens: SessionTokens;
  readonly credentials: () => IssuedCredentials;
}

export const TOKEN_PATH = '/latest/api/token';
const TTL_HEADER = 'x-aws-ec2-metadata-token-ttl-seconds';
const MAX_TTL_SECONDS = 21_600;
const CREDENTIALS_PREFIX = '/latest/meta-data/iam/security-credentials';
const EXTENDED_PREFIX = '/latest/meta-data/iam/security-credentials-extended';
const META_DATA_PREFIX = '/latest/meta-data/';

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  429: 'Too Many Requests',
};

/** IMDS answers errors with a small XHTML page, not JSON. */
export function imdsError(status: number): EmulatorResponse {
  const title = `${status} - ${REASONS[status] ?? 'Error'}`;
  const body = [
    '<?xml version="1.0" encoding="iso-8859-1"?>',
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"',
    '         "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
    '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">',
    ' <head>',
    `  <title>${title}</title>`,
    ' </head>',
    ' <body>',
    `  <h1>${title}</h1>`,
    ' </body>',
    '</html>',
    '',
  ].join('\n');
  return { status, headers: { 'Content-Type': 'text/html', Server: 'EC2ws' }, body };
}

/** IMDS writes its JSON documents padded: two-space indent and `"Key" : value`. */
export function imdsJson(json: Readonly<Record<string, unknown>>): string {
  const lines = Object.entries(json).map(([key, value]) => `  ${JSON.stringify(key)} : ${JSON.stringify(value)}`);
  return `{\n${lines.join(',\n')}\n}`;
}

function text(body: string, headers: Readonly<Record<string, string>> = {}): EmulatorResponse {
  return { status: 200, headers: { 'Content-Type': 'text/plain', Server: 'EC2ws', ...headers }, body };
}

function json(value: Readonly<Record<string, unknown>>): EmulatorResponse {
  return { ...text(imdsJson(value)), json: value };
}

/** The IMDSv2 token handshake and the instance-profile credential paths. */
export function createImdsRoutes(
  state: ImdsState,
  rateLimit: RateLimit | undefined,
  now: () => number,
): { route: (request: EmulatorRequest) => RouteResult; throttle: () => EmulatorResponse } {
  const bucket = rateLimit === undefined ? undefined : new TokenBucket({ ...rateLimit, now });
  const throttle = (): EmulatorResponse => ({ ...imdsError(429), rateLimited: true });

  const putToken = (request: EmulatorRequest): RouteResult => {
    // With hop limit 1 the answer dies one hop short of a container: the client sees nothing.
    if (state.hopLimitExceeded) return NO_RESPONSE;
    if (request.headers['x-forwarded-for'] !== undefined) return imdsError(403);
    const raw = request.headers[TTL_HEADER];
    const ttl = typeof raw === 'string' && /^\d{1,6}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
    if (!(ttl >= 1 && ttl <= MAX_TTL_SECONDS)) return imdsError(400);
    return text(state.tokens.issue(ttl, now()), { 'X-Aws-Ec2-Metadata-Token-Ttl-Seconds': String(ttl) });
  };

  const authorized = (request: EmulatorRequest): boolean => {
    const token = request.headers['x-aws-ec2-metadata-token'];
    // A token that is present but unknown or expired is refused even where IMDSv1 is allowed.
    if (token !== undefined) return typeof token === 'string' && state.tokens.valid(token, now());
    return state.v1 === 'allowed';
  };

  const credentialsDocument = (extended: boolean): EmulatorResponse => {
    const { credentials, issuedAt } = state.credentials();
    const doc: Record<string, unknown> = {
      Code: 'Success',
      LastUpdated: formatIsoSeconds(issuedAt),
      Type: 'AWS-HMAC',
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
    };
    if (credentials.sessionToken !== undefined) doc.Token = credentials.sessionToken;
    if (credentials.expiration !== undefined) doc.Expiration = formatIsoSeconds(credentials.expiration);
    if (extended || state.includeAccountId) doc.AccountId = credentials.accountId ?? state.accountId;
    return json(doc);
  };

  const credentialPaths = (pathname: string, prefix: string, extended: boolean): EmulatorResponse | undefined => {
    if (pathname !== prefix && !pathname.startsWith(`${prefix}/`)) return undefined;
    if (extended && !state.extendedApi) return imdsError(404);
    const role = pathname.slice(prefix.length + 1);
    if (state.roleName === undefined) return imdsError(404);
    if (role === '') return text(state.roleListingNewline ? `${state.roleName}\n` : state.roleName);
    return role === state.roleName ? credentialsDocument(extended) : imdsError(404);
  };

  const get = (request: EmulatorRequest): EmulatorResponse => {
    const { pathname } = request;
    const answer = credentialPaths(pathname, EXTENDED_PREFIX, true) ?? credentialPaths(pathname, CREDENTIALS_PREFIX, false);
    if (answer !== undefined) return answer;
    if (pathname === '/latest/meta-data/iam/info' && state.roleName !== undefined) {
      const { issuedAt } = state.credentials();
      return json({
        Code: 'Success',
        LastUpdated: formatIsoSeconds(issuedAt),
        InstanceProfileArn: `arn:aws:iam::${state.accountId}:instance-profile/${state.roleName}`,
        InstanceProfileId: 'AIPAIAMKITEMULATOR000',
      });
    }
    const key = pathname.startsWith(META_DATA_PREFIX) ? pathname.slice(META_DATA_PREFIX.length) : undefined;
    if (key !== undefined && Object.hasOwn(state.metadata, key)) return text(state.metadata[key] ?? '');
    return imdsError(404);
  };

  const route = (request: EmulatorRequest): RouteResult => {
    if (bucket !== undefined && !bucket.take()) return throttle();
    if (request.method === 'PUT') {
      if (request.pathname === TOKEN_PATH) return putToken(request);
      // Versioned token paths (/2021-03-23/api/token) are refused outright.
      return /^\/[^/]+\/api\/token\/?$/.test(request.pathname) ? imdsError(403) : imdsError(405);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return imdsError(405);
    if (!authorized(request)) return imdsError(401);
    return get(request);
  };

  return { route, throttle };
}
