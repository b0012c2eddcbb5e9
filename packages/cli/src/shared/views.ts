import { isIamkitError, type CredentialsSummary, type IamkitErrorJSON } from '@iamkit/credentials';

/**
 * Credentials as the CLI shows them: never the secret or the session token — the access key id
 * masked but recognisable (`ASIA…MPLE`), temporary or long-term, the expiry and the time left.
 *
 * @example
 * ```ts
 * const view: CredentialsView = { source: 'container', accessKeyId: 'ASIA…MPLE', kind: 'temporary', expiration: '2026-01-01T06:00:00.000Z', expiresInMs: 21_540_000, accountId: null };
 * ```
 * @public
 */
export interface CredentialsView {
  /** The source that produced them (`env`, `ini`, `web-identity`, `container`, `imds`, …). */
  readonly source: string | null;
  /** Masked: the first and last four characters. */
  readonly accessKeyId: string;
  /** `temporary`: a session (`ASIA…`, with a session token); `long-term`: an IAM user's keys. */
  readonly kind: 'temporary' | 'long-term';
  /** ISO 8601, or null for credentials that do not expire. */
  readonly expiration: string | null;
  /** Milliseconds left when checked (negative: already expired). */
  readonly expiresInMs: number | null;
  /** When the source reports it. */
  readonly accountId: string | null;
}

/**
 * An error as the CLI reports it: the iamkit code, the message (which names the fix), and whether
 * it was throttling — a 429 is never shown as "missing credentials".
 *
 * @example
 * ```ts
 * const view: ErrorView = { code: 'ERR_CREDENTIALS_THROTTLED', message: 'container: … answered HTTP 429 …', source: 'container', retryable: true, status: 429, throttled: true };
 * ```
 * @public
 */
export interface ErrorView {
  readonly code: string;
  readonly message: string;
  readonly source: string | null;
  readonly retryable: boolean;
  /** The HTTP status, when an HTTP answer caused it. */
  readonly status: number | null;
  /** The endpoint answered "too many requests" (HTTP 429, STS `Throttling`). */
  readonly throttled: boolean;
}

export function credentialsView(summary: CredentialsSummary, now: number): CredentialsView {
  const expiresAt = summary.expiration === undefined ? undefined : Date.parse(summary.expiration);
  return {
    source: summary.source ?? null,
    accessKeyId: summary.accessKeyId,
    kind: summary.sessionToken !== undefined || summary.accessKeyId.startsWith('ASIA') ? 'temporary' : 'long-term',
    expiration: summary.expiration ?? null,
    expiresInMs: expiresAt === undefined || Number.isNaN(expiresAt) ? null : expiresAt - now,
    accountId: summary.accountId ?? null,
  };
}

const THROTTLE_CODES = new Set(['ERR_CREDENTIALS_THROTTLED', 'ERR_STS_THROTTLING']);

export function errorView(error: unknown): ErrorView {
  const json: Partial<IamkitErrorJSON> = isIamkitError(error) ? error.toJSON() : typeof error === 'object' && error !== null && 'code' in error ? (error as IamkitErrorJSON) : { code: 'ERR_UNKNOWN', message: error instanceof Error ? error.message : String(error), retryable: false };
  const code = json.code ?? 'ERR_UNKNOWN';
  return {
    code,
    message: json.message ?? '',
    source: json.source ?? null,
    retryable: json.retryable ?? false,
    status: json.status ?? null,
    throttled: THROTTLE_CODES.has(code) || json.status === 429,
  };
}
