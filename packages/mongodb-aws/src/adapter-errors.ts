import { IamkitError } from '@iamkit/credentials';

/**
 * The codes the `mongodb` driver adapter raises (the SASL conversation's own codes are
 * `MongoAwsErrorCode`). All travel in an `IamkitError`, so `isIamkitError(error, code)` works.
 *
 * @example
 * ```ts
 * if (isIamkitError(error, 'ERR_MONGODB_AWS_AUTH_FAILED' satisfies MongoAwsAdapterErrorCode)) console.error(error.message);
 * ```
 * @public
 */
export type MongoAwsAdapterErrorCode =
  /** `createMongoAwsProvider` / `mongoAwsOptions` / `attach` got an option they cannot use. */
  | 'ERR_MONGODB_AWS_INVALID_OPTIONS'
  /** The server refused the authentication (code 18 `AuthenticationFailed`). */
  | 'ERR_MONGODB_AWS_AUTH_FAILED'
  /** The driver could not get credentials: the credential provider failed, was throttled or returned none. */
  | 'ERR_MONGODB_AWS_CREDENTIALS_UNAVAILABLE'
  /** The driver is not set up for MONGODB-AWS: a missing optional module, or credentials in the URI. */
  | 'ERR_MONGODB_AWS_DRIVER_SETUP'
  /** An error of the driver that `wrapMongoAwsError` does not recognise as a MONGODB-AWS failure. */
  | 'ERR_MONGODB_AWS_UNKNOWN';

/** An option error naming the option and what to pass instead. @internal */
export function invalidOptions(message: string): IamkitError<MongoAwsAdapterErrorCode> {
  return new IamkitError<MongoAwsAdapterErrorCode>({ code: 'ERR_MONGODB_AWS_INVALID_OPTIONS', source: 'mongodb-aws', message });
}
