import { createCredentials, type Clock, type Credentials, type RandomSource } from '@iamkit/credentials';
import { optionError } from './errors.js';
import { BASE64_ALPHABET, KEY_ID_ALPHABET, randomString } from './random-string.js';

/**
 * Options of {@link issueCredentials}.
 *
 * @example
 * ```ts
 * issueCredentials({ lifetimeMs: -60_000, now: clock.now }); // already expired
 * ```
 * @public
 */
export interface IssueCredentialsOptions {
  /**
   * How long the credentials stay valid, from `now()`. Default 6 hours. Zero or negative values
   * give credentials that have already expired, for testing how clients refuse them.
   */
  readonly lifetimeMs?: number | undefined;
  /** The clock; default `Date.now`. */
  readonly now?: Clock | undefined;
  /** Random source for the key material; default `Math.random`. Inject one for reproducible keys. */
  readonly random?: RandomSource | undefined;
  /** Added as `accountId` when given. */
  readonly accountId?: string | undefined;
}

/** Six hours, the lifetime of ECS task-role and EC2 instance-profile credentials. @internal */
export const DEFAULT_LIFETIME_MS = 6 * 60 * 60 * 1000;

// Real session tokens are long base64 blobs that start with this prefix ("!\n\torigin_ec" encoded);
// clients that size buffers or log prefixes see the same shape here.
const TOKEN_PREFIX = 'IQoJb3JpZ2luX2Vj';
const TOKEN_LENGTH = 420;

/**
 * Fake temporary AWS credentials in the real format: an `ASIA…` access key id of 20 characters, a
 * 40-character secret, a long session token, and an expiration in whole seconds (as STS, ECS and
 * IMDS report it). The result keeps its secrets out of `JSON.stringify` and `util.inspect`.
 *
 * @example
 * ```ts
 * import { issueCredentials } from '@iamkit/emulators';
 * const creds = issueCredentials({ lifetimeMs: 15 * 60_000, now: () => Date.parse('2026-01-01T00:00:00Z') });
 * creds.accessKeyId;            // 'ASIA…' (20 characters)
 * creds.expiration?.toISOString(); // '2026-01-01T00:15:00.000Z'
 * ```
 * @public
 */
export function issueCredentials(options: IssueCredentialsOptions = {}): Credentials {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const lifetimeMs = options.lifetimeMs ?? DEFAULT_LIFETIME_MS;
  if (!Number.isFinite(lifetimeMs)) {
    throw optionError('issueCredentials', 'lifetimeMs', `must be a finite number of milliseconds, got ${String(lifetimeMs)}`);
  }
  // Whole seconds, because that is all ECS, IMDS and STS carry: a client that parses the wire
  // format must end up with exactly this Date.
  const expiration = new Date(Math.floor((now() + lifetimeMs) / 1000) * 1000);
  return createCredentials(
    {
      accessKeyId: `ASIA${randomString(KEY_ID_ALPHABET, 16, random)}`,
      secretAccessKey: randomString(BASE64_ALPHABET, 40, random),
      sessionToken: TOKEN_PREFIX + randomString(BASE64_ALPHABET, TOKEN_LENGTH - TOKEN_PREFIX.length, random),
      expiration,
      accountId: options.accountId,
    },
    'emulator',
  );
}
