import { fromEnv as envSource } from '@iamkit/credential-env';
import type { CredentialProvider, RuntimeOptions } from '@iamkit/credentials';
import { noteIgnoredOptions } from './ignored-options.js';
import type { SdkOnlyOptions } from './provider-options.js';

/**
 * Options of {@link fromEnv}: the injectable `env` and `now`; the AWS SDK's `logger` is accepted and
 * ignored.
 *
 * @example
 * ```ts
 * fromEnv({ env: { AWS_ACCESS_KEY_ID: 'AKID…', AWS_SECRET_ACCESS_KEY: '…' } });
 * ```
 * @public
 */
export interface FromEnvOptions extends Pick<RuntimeOptions, 'env' | 'now'>, SdkOnlyOptions {}

/**
 * Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and optionally `AWS_SESSION_TOKEN`,
 * `AWS_CREDENTIAL_EXPIRATION`, `AWS_ACCOUNT_ID` (`@iamkit/credential-env`). Read on every call and
 * never cached (MongoDB's rule for environment credentials); half-set variables fail with
 * `ERR_ENV_PARTIAL`.
 *
 * @example
 * ```ts
 * import { fromEnv } from '@iamkit/credential-providers';
 * const { accessKeyId } = await fromEnv()();
 * ```
 * @public
 */
export function fromEnv(options: FromEnvOptions = {}): CredentialProvider {
  noteIgnoredOptions('fromEnv', options, ['env', 'now']);
  return Object.assign(envSource({ env: options.env, now: options.now }), { sourceName: 'env' });
}
