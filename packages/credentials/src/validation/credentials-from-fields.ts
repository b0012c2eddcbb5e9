import { createCredentials, type Credentials } from '../credentials.js';
import { IamkitError } from '../errors.js';
import type { Clock } from '../runtime.js';
import { formatDuration } from '../format-duration.js';
import { parseExpiration } from './parse-expiration.js';

/**
 * The raw fields a source read (from JSON, XML, an ini file or env vars), not yet checked. Values
 * are `unknown` because they come straight from parsed input.
 *
 * @example
 * ```ts
 * const fields: CredentialFields = { accessKeyId: body.AccessKeyId, secretAccessKey: body.SecretAccessKey, sessionToken: body.Token, expiration: body.Expiration };
 * ```
 * @public
 */
export interface CredentialFields {
  readonly accessKeyId?: unknown;
  readonly secretAccessKey?: unknown;
  readonly sessionToken?: unknown;
  readonly expiration?: unknown;
  readonly accountId?: unknown;
}

/**
 * Options of {@link credentialsFromFields}.
 *
 * @example
 * ```ts
 * credentialsFromFields(fields, { source: 'imds', fieldNames: { sessionToken: 'Token' }, requireSessionToken: true, requireExpiration: true });
 * ```
 * @public
 */
export interface CredentialsFromFieldsOptions {
  /** The source name, recorded on the credentials and in every error (`'container'`, `'imds'`, …). */
  readonly source: string;
  /** Where the fields came from, for messages, e.g. `'the response of GET http://169.254.170.2/v2/credentials/…'`. */
  readonly origin?: string | undefined;
  /** How the source spells each field (`AccessKeyId`, `Token`, `aws_session_token`), for messages. */
  readonly fieldNames?: Readonly<Partial<Record<keyof CredentialFields, string>>> | undefined;
  /** Temporary-credential sources (container, IMDS, STS) always send a token; a missing one is an error. */
  readonly requireSessionToken?: boolean | undefined;
  /** Temporary-credential sources always send an expiration; a missing one is an error. */
  readonly requireExpiration?: boolean | undefined;
  /** Defaults to `Date.now`. */
  readonly now?: Clock | undefined;
}

const DEFAULT_NAMES: Readonly<Record<keyof CredentialFields, string>> = {
  accessKeyId: 'accessKeyId',
  secretAccessKey: 'secretAccessKey',
  sessionToken: 'sessionToken',
  expiration: 'expiration',
  accountId: 'accountId',
};

// Whitespace or control characters: a trailing newline from a file, a pasted tab. They make
// signatures fail with opaque errors and, in a header value, could split the header.
const UNSAFE = /[\s\p{Cc}]/u;

/**
 * Validates the fields a source read and returns frozen, secret-redacting {@link Credentials}
 * (see {@link createCredentials}). The sources that parse a service's answer (container, IMDS,
 * STS) build their credentials here, and the cache passes a hand-written provider's plain object
 * through here, so they reject the same mistakes the same way (env, ini and process check their
 * own text inputs, with messages that name the variable, file or command):
 *
 * - `accessKeyId` and `secretAccessKey` must be non-empty strings without whitespace or control
 *   characters (the same goes for `sessionToken` and `accountId` when present);
 * - `expiration` must parse with {@link parseExpiration} and lie in the future: credentials that
 *   have already expired are an `ERR_CREDENTIALS_EXPIRED` error (retryable), never a value;
 * - anything else malformed is `ERR_CREDENTIALS_INVALID`.
 *
 * Messages name the source and the field as the source spells it, never a secret value.
 *
 * @example
 * ```ts
 * const body = await parseJsonBody(response, { source: 'container' }) as Record<string, unknown>;
 * return credentialsFromFields(
 *   { accessKeyId: body.AccessKeyId, secretAccessKey: body.SecretAccessKey, sessionToken: body.Token, expiration: body.Expiration },
 *   { source: 'container', fieldNames: { accessKeyId: 'AccessKeyId', secretAccessKey: 'SecretAccessKey', sessionToken: 'Token', expiration: 'Expiration' }, requireExpiration: true },
 * );
 * ```
 * @public
 */
export function credentialsFromFields(fields: CredentialFields, options: CredentialsFromFieldsOptions): Credentials {
  const names = { ...DEFAULT_NAMES, ...options.fieldNames };
  const where = options.origin === undefined ? 'the credentials' : `the credentials in ${options.origin}`;
  const invalid = (message: string): IamkitError =>
    new IamkitError({ code: 'ERR_CREDENTIALS_INVALID', source: options.source, message: `${options.source}: ${where}: ${message}` });

  const required = (key: 'accessKeyId' | 'secretAccessKey'): string => {
    const value = optionalString(fields[key], names[key], invalid);
    if (value === undefined) throw invalid(`${names[key]} is missing or empty; a non-empty string is required.`);
    return value;
  };
  const accessKeyId = required('accessKeyId');
  const secretAccessKey = required('secretAccessKey');
  const sessionToken = optionalString(fields.sessionToken, names.sessionToken, invalid);
  const accountId = optionalString(fields.accountId, names.accountId, invalid);
  if (options.requireSessionToken === true && sessionToken === undefined) {
    throw invalid(`${names.sessionToken} is missing; temporary credentials from this source always carry one.`);
  }

  let expiration: Date | undefined;
  if (fields.expiration !== undefined && fields.expiration !== null && fields.expiration !== '') {
    expiration = parseExpiration(fields.expiration);
    if (expiration === undefined) {
      throw invalid(
        `${names.expiration} is not a timestamp iamkit can read (${describeValue(fields.expiration)}); expected RFC 3339 with a time zone, e.g. 2026-01-01T00:00:00Z, or epoch seconds.`,
      );
    }
  } else if (options.requireExpiration === true) {
    throw invalid(`${names.expiration} is missing; temporary credentials from this source always carry one.`);
  }

  if (expiration !== undefined) {
    const now = (options.now ?? Date.now)();
    if (expiration.getTime() <= now) {
      throw new IamkitError({
        code: 'ERR_CREDENTIALS_EXPIRED',
        source: options.source,
        retryable: true,
        message:
          `${options.source}: ${where} expired at ${expiration.toISOString()} (${formatDuration(now - expiration.getTime())} ago). ` +
          'The source handed out stale credentials; if this repeats, check this machine’s clock and that the source refreshes its credentials.',
      });
    }
  }
  return createCredentials({ accessKeyId, secretAccessKey, sessionToken, expiration, accountId }, options.source);
}

function optionalString(value: unknown, name: string, invalid: (message: string) => IamkitError): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalid(`${name} is ${describeType(value)}, not a string.`);
  const bad = UNSAFE.exec(value);
  if (bad !== null) {
    throw invalid(
      `${name} contains whitespace or a control character at position ${bad.index} of ${value.length}; remove it (a trailing newline from a file or a copy-paste?).`,
    );
  }
  return value;
}

function describeType(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

// Expiration values are not secret, but are still shown only briefly (a huge value stays readable).
function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number') return String(value);
  return describeType(value);
}
