import { inspect } from 'node:util';
import { maskAccessKeyId } from './redact.js';

/**
 * AWS credentials, in the shape the AWS SDK v3 (`AwsCredentialIdentity`) and the `mongodb`
 * driver (`AWSCredentials`) already use, so an iamkit provider plugs into either unchanged.
 *
 * @example
 * ```ts
 * import type { Credentials } from '@iamkit/credentials';
 * const creds: Credentials = { accessKeyId: 'AKID…', secretAccessKey: '…' };
 * ```
 * @public
 */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Present for temporary credentials (STS, container, IMDS, web identity). */
  readonly sessionToken?: string;
  /** When the credentials stop working; absent for long-term keys. */
  readonly expiration?: Date;
  /** The AWS account, when the source reports it. */
  readonly accountId?: string;
}

/**
 * Per-call options a provider accepts. The AWS SDK calls providers with an identity-properties
 * record; every field here is optional, so an iamkit provider is assignable where the SDK expects
 * one.
 *
 * @example
 * ```ts
 * await provider({ forceRefresh: true });
 * ```
 * @public
 */
export interface CredentialProviderOptions {
  /** Skip any cache and fetch from the source (still shared with concurrent forced calls). */
  readonly forceRefresh?: boolean;
  /** Abandons waiting; a shared in-flight fetch keeps running for the other callers. */
  readonly signal?: AbortSignal;
}

/**
 * A credential provider: `(options?) => Promise<Credentials>`. Every `fromX()` in iamkit returns
 * one, and it can be passed as `AWS_CREDENTIAL_PROVIDER` to the `mongodb` driver or as
 * `credentials` to an AWS SDK v3 client.
 *
 * @example
 * ```ts
 * const provider: CredentialProvider = async () => ({ accessKeyId: 'AKID…', secretAccessKey: '…' });
 * ```
 * @public
 */
export type CredentialProvider = (options?: CredentialProviderOptions) => Promise<Credentials>;

/**
 * Fields accepted by {@link createCredentials}.
 *
 * @example
 * ```ts
 * const init: CredentialsInit = { accessKeyId: 'ASIA…', secretAccessKey: '…', sessionToken: '…', expiration: new Date(expiresAt) };
 * ```
 * @public
 */
export interface CredentialsInit {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
  readonly expiration?: Date | undefined;
  readonly accountId?: string | undefined;
}

const SOURCE = Symbol.for('iamkit.credentials.source');
const REDACTED = '[redacted]' as const;

/**
 * Builds a frozen {@link Credentials} object that keeps its secrets out of `JSON.stringify`,
 * `util.inspect` and `console.log`, while the fields stay ordinary readable properties for the AWS
 * SDK and the `mongodb` driver. It also remembers which source produced it (see
 * {@link credentialSource}).
 *
 * @example
 * ```ts
 * const creds = createCredentials({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, 'env');
 * JSON.stringify(creds); // {"accessKeyId":"AKID…MPLE","secretAccessKey":"[redacted]",…}
 * creds.secretAccessKey; // 'secret'
 * ```
 * @public
 */
export function createCredentials(init: CredentialsInit, source?: string): Credentials {
  const creds: { -readonly [K in keyof Credentials]: Credentials[K] } = {
    accessKeyId: init.accessKeyId,
    secretAccessKey: init.secretAccessKey,
  };
  if (init.sessionToken !== undefined && init.sessionToken !== '') creds.sessionToken = init.sessionToken;
  if (init.expiration !== undefined) creds.expiration = new Date(init.expiration.getTime());
  if (init.accountId !== undefined && init.accountId !== '') creds.accountId = init.accountId;
  // Non-enumerable, so spreading or copying the object yields exactly the SDK's shape.
  Object.defineProperties(creds, {
    [SOURCE]: { value: source, enumerable: false },
    toJSON: { value: () => describeCredentials(creds), enumerable: false },
    [inspect.custom]: { value: () => describeCredentials(creds), enumerable: false },
  });
  return Object.freeze(creds);
}

/**
 * The name of the source that produced credentials made by {@link createCredentials}
 * (`'env'`, `'container'`, `'imds'`, …), or `undefined` for credentials from elsewhere.
 *
 * @example
 * ```ts
 * credentialSource(await fromEnv()()); // 'env'
 * ```
 * @public
 */
export function credentialSource(credentials: Credentials): string | undefined {
  const value: unknown = (credentials as unknown as Record<symbol, unknown>)[SOURCE];
  return typeof value === 'string' ? value : undefined;
}

/**
 * A secret-free summary of credentials, safe for logs, diagnostics events and error messages: the
 * access key id masked but recognisable, whether a token is present, the expiry and the source.
 *
 * @example
 * ```ts
 * describeCredentials(creds);
 * // { accessKeyId: 'ASIA…MPLE', secretAccessKey: '[redacted]', sessionToken: '[redacted]', expiration: '2026-…', source: 'container' }
 * ```
 * @public
 */
export function describeCredentials(credentials: Credentials): CredentialsSummary {
  const summary: { -readonly [K in keyof CredentialsSummary]: CredentialsSummary[K] } = {
    accessKeyId: maskAccessKeyId(credentials.accessKeyId),
    secretAccessKey: REDACTED,
  };
  if (credentials.sessionToken !== undefined) summary.sessionToken = REDACTED;
  if (credentials.expiration !== undefined) summary.expiration = credentials.expiration.toISOString();
  if (credentials.accountId !== undefined) summary.accountId = credentials.accountId;
  const source = credentialSource(credentials);
  if (source !== undefined) summary.source = source;
  return summary;
}

/**
 * The secret-free view returned by {@link describeCredentials}.
 *
 * @example
 * ```ts
 * const summary: CredentialsSummary = describeCredentials(creds); // safe to log
 * ```
 * @public
 */
export interface CredentialsSummary {
  readonly accessKeyId: string;
  readonly secretAccessKey: '[redacted]';
  readonly sessionToken?: '[redacted]';
  readonly expiration?: string;
  readonly accountId?: string;
  readonly source?: string;
}
