import { optionError } from '../common/errors.js';
import { STS_MESSAGES, stsErrors, type StsErrorDetails } from './sts-errors.js';

/**
 * Which web identity tokens the STS emulator accepts, standing in for the OIDC provider's
 * signature check. A JWT's `iss`, `aud` and `exp` are checked as STS does; an opaque token only
 * for membership.
 *
 * @example
 * ```ts
 * const token = createServiceAccountToken({ audience: 'sts.amazonaws.com' });
 * await startSts({ webIdentity: { tokens: [token], audience: 'sts.amazonaws.com' } });
 * ```
 * @public
 */
export interface StsWebIdentityOptions {
  /**
   * Tokens whose signature counts as valid; `'any'` accepts every well-formed JWT. Default none:
   * add them later with `acceptWebIdentityToken()`.
   */
  readonly tokens?: readonly string[] | 'any' | undefined;
  /** The one OIDC provider registered in the account: a JWT from another `iss` is refused. */
  readonly issuer?: string | undefined;
  /** The client id registered for the provider: a JWT whose `aud` lacks it is refused. */
  readonly audience?: string | undefined;
}

/** What STS learns from an accepted token, for the answer and the role's trust conditions. */
export interface WebIdentityClaims {
  readonly subject: string;
  readonly audience: string;
  readonly issuer: string | undefined;
  /** `Provider` in the answer: the issuer without its scheme, or the `ProviderId` sent. */
  readonly provider: string;
}

interface JwtClaims {
  readonly iss?: string;
  readonly sub?: string;
  readonly aud: readonly string[];
  readonly exp?: number;
}

function decodeJwt(token: string): JwtClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[1] === undefined || !/^[A-Za-z0-9_-]+$/.test(parts[1])) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const claims = value as Record<string, unknown>;
  const aud = typeof claims.aud === 'string' ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud.filter((a): a is string => typeof a === 'string') : [];
  return {
    ...(typeof claims.iss === 'string' ? { iss: claims.iss } : {}),
    ...(typeof claims.sub === 'string' ? { sub: claims.sub } : {}),
    aud,
    ...(typeof claims.exp === 'number' ? { exp: claims.exp } : {}),
  };
}

// A plain boolean (not a type guard), so `readonly string[]` keeps its element type.
function isList(value: unknown): boolean {
  return Array.isArray(value);
}

/** The emulator's stand-in for the account's OIDC providers. */
export class WebIdentityTokens {
  readonly #tokens = new Set<string>();
  readonly #any: boolean;
  readonly #issuer: string | undefined;
  readonly #audience: string | undefined;

  constructor(options: StsWebIdentityOptions = {}) {
    const { tokens } = options;
    this.#any = tokens === 'any';
    if (tokens !== undefined && tokens !== 'any') {
      if (!isList(tokens)) throw optionError('sts', 'webIdentity.tokens', "must be an array of tokens or 'any'");
      for (const token of tokens) this.accept(token);
    }
    this.#issuer = options.issuer;
    this.#audience = options.audience;
  }

  accept(token: string): void {
    if (typeof token !== 'string' || token.length < 4) throw optionError('sts', 'webIdentity token', 'must be a string of at least 4 characters');
    this.#tokens.add(token);
  }

  revoke(token: string): boolean {
    return this.#tokens.delete(token);
  }

  secrets(): string[] {
    return [...this.#tokens];
  }

  /**
   * STS's checks, in order: the issuer has a registered provider, the audience matches, the
   * token has not expired, and its signature verifies (here: it is an accepted token).
   */
  check(token: string, nowMs: number, providerId: string | undefined): WebIdentityClaims | StsErrorDetails {
    const jwt = decodeJwt(token);
    if (jwt !== undefined) {
      if (this.#issuer !== undefined && jwt.iss !== this.#issuer) {
        return stsErrors.invalidIdentityToken(`No OpenIDConnect provider found in your account for ${jwt.iss ?? ''}`);
      }
      if (this.#audience !== undefined && !jwt.aud.includes(this.#audience)) return stsErrors.invalidIdentityToken(STS_MESSAGES.incorrectAudience);
      const nowSeconds = Math.floor(nowMs / 1000);
      if (jwt.exp !== undefined && nowSeconds >= jwt.exp) return stsErrors.webIdentityTokenExpired(nowSeconds, Math.trunc(jwt.exp));
    }
    const accepted = this.#tokens.has(token) || (this.#any && jwt !== undefined);
    if (!accepted) return stsErrors.invalidIdentityToken(STS_MESSAGES.badWebIdentityKey);
    const issuer = jwt?.iss;
    return {
      subject: jwt?.sub ?? 'iamkit-emulator-subject',
      audience: jwt?.aud[0] ?? this.#audience ?? 'sts.amazonaws.com',
      issuer,
      provider: providerId ?? (issuer === undefined ? 'iamkit-emulator' : issuer.replace(/^https?:\/\//, '')),
    };
  }
}
