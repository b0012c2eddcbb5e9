import {
  type CredentialProvider,
  type Credentials,
  type Env,
  IamkitError,
  type RuntimeOptions,
  createCredentials,
  maskAccessKeyId,
  notConfigured,
  parseExpiration,
  resolveRuntime,
  scrubSecrets,
} from '@iamkit/credentials';

/**
 * The codes {@link fromEnv} raises besides `ERR_CREDENTIALS_NOT_CONFIGURED` (no keys set) and
 * `ERR_CREDENTIALS_EXPIRED` (`AWS_CREDENTIAL_EXPIRATION` is in the past).
 *
 * @example
 * ```ts
 * if (isIamkitError(error, 'ERR_ENV_PARTIAL' satisfies EnvErrorCode)) console.error(error.message);
 * ```
 * @public
 */
export type EnvErrorCode =
  /** Some of the variables are set and a required one is missing. */
  | 'ERR_ENV_PARTIAL'
  /** `AWS_CREDENTIAL_EXPIRATION` is not an RFC 3339 timestamp. */
  | 'ERR_ENV_EXPIRATION_INVALID';

/**
 * Options of {@link fromEnv}: the injectable `env` (default `process.env`) and clock `now`
 * (default `Date.now`, used to reject expired credentials).
 *
 * @example
 * ```ts
 * fromEnv({ env: { AWS_ACCESS_KEY_ID: 'AKID…', AWS_SECRET_ACCESS_KEY: '…' } });
 * ```
 * @public
 */
export type FromEnvOptions = Pick<RuntimeOptions, 'env' | 'now'>;

const SOURCE = 'env';
const KEY_VARS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const;

/**
 * Credentials from the environment: `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`, optionally
 * `AWS_SESSION_TOKEN`, `AWS_CREDENTIAL_EXPIRATION` (RFC 3339) and `AWS_ACCOUNT_ID`.
 *
 * The variables are read on every call — never cached — so a rotated key is picked up at once
 * (the MongoDB drivers' rule for environment credentials). With neither key set the source is
 * not configured; with only some variables set it fails with `ERR_ENV_PARTIAL`, naming the
 * missing one, rather than letting a chain fall through to another identity.
 * `AWS_SECURITY_TOKEN` is not read, as in the AWS SDK for JavaScript.
 *
 * @example
 * ```ts
 * import { fromEnv } from '@iamkit/credential-env';
 * const provider = fromEnv();
 * const { accessKeyId } = await provider();
 * ```
 * @public
 */
export function fromEnv(options: FromEnvOptions = {}): CredentialProvider {
  return () =>
    new Promise<Credentials>((resolve) => {
      // Re-resolved per call: the default is the live process.env.
      const { env, now } = resolveRuntime(options);
      resolve(readEnvCredentials(env, now()));
    });
}

function readEnvCredentials(env: Env, nowMs: number): Credentials {
  const accessKeyId = read(env, 'AWS_ACCESS_KEY_ID');
  const secretAccessKey = read(env, 'AWS_SECRET_ACCESS_KEY');
  const sessionToken = read(env, 'AWS_SESSION_TOKEN');
  const expirationText = read(env, 'AWS_CREDENTIAL_EXPIRATION');

  if (accessKeyId === undefined && secretAccessKey === undefined) {
    const stray = sessionToken === undefined ? (expirationText === undefined ? undefined : 'AWS_CREDENTIAL_EXPIRATION') : 'AWS_SESSION_TOKEN';
    if (stray !== undefined) {
      throw partial(
        `${stray} is set but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not: set both (it only works with the key pair it was issued with), or unset ${stray}.`,
      );
    }
    throw notConfigured({ source: SOURCE, reason: 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set', configureWith: [...KEY_VARS] });
  }
  if (secretAccessKey === undefined) {
    throw partial('AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not: set AWS_SECRET_ACCESS_KEY too, or unset AWS_ACCESS_KEY_ID to use another credential source.');
  }
  if (accessKeyId === undefined) {
    throw partial('AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not: set AWS_ACCESS_KEY_ID too, or unset AWS_SECRET_ACCESS_KEY to use another credential source.');
  }

  const expiration = expirationText === undefined ? undefined : parseExpirationVar(expirationText);
  if (expiration !== undefined && expiration.getTime() <= nowMs) {
    throw new IamkitError({
      code: 'ERR_CREDENTIALS_EXPIRED',
      source: SOURCE,
      message: `the credentials in AWS_ACCESS_KEY_ID (${maskAccessKeyId(accessKeyId)}) expired at ${expiration.toISOString()} according to AWS_CREDENTIAL_EXPIRATION: export fresh credentials, or unset the AWS_* credential variables to use another source.`,
    });
  }
  return createCredentials({ accessKeyId, secretAccessKey, sessionToken, expiration, accountId: read(env, 'AWS_ACCOUNT_ID') }, SOURCE);
}

function parseExpirationVar(text: string): Date {
  const expiration = parseExpiration(text);
  if (expiration !== undefined) return expiration;
  // Not a secret, but people paste the wrong thing into the wrong variable: only echo what could
  // be a date.
  const shown = /^[\w:.,+\- ]{1,40}$/.test(text) && scrubSecrets(text) === text ? ` (got "${text}")` : '';
  throw new IamkitError({
    code: 'ERR_ENV_EXPIRATION_INVALID',
    source: SOURCE,
    message: `AWS_CREDENTIAL_EXPIRATION is not an RFC 3339 timestamp${shown}: set it like 2026-05-01T12:00:00Z, or unset it.`,
  });
}

function partial(message: string): IamkitError {
  return new IamkitError({ code: 'ERR_ENV_PARTIAL', source: SOURCE, message });
}

/** A variable's value, trimmed; empty counts as unset (`AWS_SESSION_TOKEN=` is a common leftover). */
function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}
