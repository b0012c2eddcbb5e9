import type { Clock, RandomSource } from '@iamkit/credentials';
import { BASE64URL_ALPHABET, randomString } from '../common/random-string.js';

/**
 * Options of {@link createServiceAccountToken}.
 *
 * @example
 * ```ts
 * createServiceAccountToken({ now: clock.now, lifetimeMs: 10 * 60_000, namespace: 'shop', serviceAccount: 'orders' });
 * ```
 * @public
 */
export interface ServiceAccountTokenOptions {
  /** Default `Date.now`. */
  readonly now?: Clock | undefined;
  /** Default 24 hours (kubelet's projected tokens last 24 h and are rotated before 80% of that). */
  readonly lifetimeMs?: number | undefined;
  /** Default `pods.eks.amazonaws.com`, the audience Pod Identity tokens carry. */
  readonly audience?: string | undefined;
  readonly namespace?: string | undefined;
  readonly serviceAccount?: string | undefined;
  readonly random?: RandomSource | undefined;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A fake projected service-account token in JWT form, as kubelet writes it to
 * `/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token`: it parses like
 * a real one (the Pod Identity agent only parses it and checks `exp`/`nbf`), but its signature is
 * random bytes. Write it to a token file for `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`.
 *
 * @example
 * ```ts
 * import { createServiceAccountToken, startPodIdentityAgent } from '@iamkit/emulators';
 * const token = createServiceAccountToken({ namespace: 'shop', serviceAccount: 'orders' });
 * await writeFile(tokenFile, token);
 * await using agent = await startPodIdentityAgent({ tokens: [token], tokenFile });
 * ```
 * @public
 */
export function createServiceAccountToken(options: ServiceAccountTokenOptions = {}): string {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const issuedAt = Math.floor(now() / 1000);
  const expiresAt = Math.floor((now() + (options.lifetimeMs ?? DAY_MS)) / 1000);
  const namespace = options.namespace ?? 'default';
  const serviceAccount = options.serviceAccount ?? 'default';
  const header = { alg: 'RS256', kid: 'iamkit-emulator' };
  const claims = {
    aud: [options.audience ?? 'pods.eks.amazonaws.com'],
    exp: expiresAt,
    iat: issuedAt,
    iss: 'https://oidc.eks.us-east-1.amazonaws.com/id/IAMKITEMULATOR0000000000000000000',
    'kubernetes.io': {
      namespace,
      pod: { name: `${serviceAccount}-pod`, uid: randomString('0123456789abcdef', 32, random) },
      serviceaccount: { name: serviceAccount, uid: randomString('0123456789abcdef', 32, random) },
    },
    nbf: issuedAt,
    sub: `system:serviceaccount:${namespace}:${serviceAccount}`,
  };
  // An RS256 signature is 256 bytes: 342 base64url characters.
  return `${encodeSegment(header)}.${encodeSegment(claims)}.${randomString(BASE64URL_ALPHABET, 342, random)}`;
}

function encodeSegment(value: object): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** The outcome of the agent's token checks: `undefined` when it passes. */
export interface TokenProblem {
  /** `parse` → "cannot be parsed", `claims` → "failed basic claim validations". */
  readonly stage: 'parse' | 'claims';
  /** The reason in the words of golang-jwt v5. */
  readonly reason: string;
}

// The algorithms golang-jwt v5 registers; any other `alg` is "unavailable".
const KNOWN_ALGS = new Set(['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512', 'EdDSA', 'none']);

/**
 * What the Pod Identity agent checks before calling EKS Auth: the token parses as a JWT
 * (golang-jwt's `ParseUnverified`: three segments, base64url JSON header and claims, a known
 * `alg`) and its registered claims pass `exp` and `nbf` at `nowMs`. The signature is not checked.
 */
export function checkServiceAccountToken(token: string, nowMs: number): TokenProblem | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return malformed('token contains an invalid number of segments');
  const header = decodeSegment(parts[0] ?? '');
  if (header === undefined) return malformed('could not base64 decode header');
  if (!isJsonObjectOrNull(header)) return malformed('could not JSON decode header');
  const claimsText = decodeSegment(parts[1] ?? '');
  if (claimsText === undefined) return malformed('could not base64 decode claim');
  const claims = parseClaims(claimsText);
  if (claims === undefined) return malformed('could not JSON decode claim');
  const alg = (JSON.parse(header) as Record<string, unknown> | null)?.alg;
  if (typeof alg !== 'string') return { stage: 'parse', reason: 'token is unverifiable: signing method (alg) is unspecified' };
  if (!KNOWN_ALGS.has(alg)) return { stage: 'parse', reason: 'token is unverifiable: signing method (alg) is unavailable' };
  // NumericDate keeps whole seconds; a token is expired from its `exp` second on.
  const nowSeconds = nowMs / 1000;
  if (claims.exp !== undefined && !(nowSeconds < claims.exp)) return { stage: 'claims', reason: 'token has invalid claims: token is expired' };
  if (claims.nbf !== undefined && nowSeconds < claims.nbf) return { stage: 'claims', reason: 'token has invalid claims: token is not valid yet' };
  return undefined;
}

function malformed(reason: string): TokenProblem {
  return { stage: 'parse', reason: `token is malformed: ${reason}` };
}

function decodeSegment(segment: string): string | undefined {
  // Go's base64.RawURLEncoding: the URL alphabet, no padding, no length that leaves 6 stray bits.
  if (!/^[A-Za-z0-9_-]*$/.test(segment) || segment.length % 4 === 1) return undefined;
  return Buffer.from(segment, 'base64url').toString('utf8');
}

function isJsonObjectOrNull(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return value === null || (typeof value === 'object' && !Array.isArray(value));
  } catch {
    return false;
  }
}

// jwt.RegisteredClaims: string claims must be strings, `aud` a string or list of strings, and
// the dates numbers; anything else fails the JSON decode.
function parseClaims(text: string): { exp?: number; nbf?: number } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) return undefined;
  const claims = value as Record<string, unknown>;
  for (const name of ['iss', 'sub', 'jti']) {
    if (claims[name] !== undefined && claims[name] !== null && typeof claims[name] !== 'string') return undefined;
  }
  const aud = claims.aud;
  if (aud !== undefined && aud !== null && typeof aud !== 'string' && !(Array.isArray(aud) && aud.every((a) => typeof a === 'string'))) return undefined;
  const out: { exp?: number; nbf?: number } = {};
  for (const name of ['exp', 'nbf', 'iat'] as const) {
    const date = claims[name];
    if (date === undefined || date === null) continue;
    if (typeof date !== 'number') return undefined;
    if (name !== 'iat') out[name] = Math.trunc(date);
  }
  return out;
}
