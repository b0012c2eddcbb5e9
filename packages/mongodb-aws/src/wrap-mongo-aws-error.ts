import { IamkitError, isIamkitError, type IamkitErrorJSON } from '@iamkit/credentials';
import type { MongoAwsAdapterErrorCode } from './adapter-errors.js';
import { explainMongoAwsError, type ExplainMongoAwsErrorOptions, type MongoAwsExplanation } from './explain/explain-mongo-aws-error.js';

/**
 * A driver failure wrapped with its explanation, from {@link wrapMongoAwsError}: an `IamkitError`
 * whose message is the summary and the first checks, whose `explanation` holds everything, and
 * whose `cause` is the driver's error.
 *
 * @example
 * ```ts
 * catch (error) {
 *   const wrapped = wrapMongoAwsError(error, { provider });
 *   if (wrapped.code === 'ERR_MONGODB_AWS_AUTH_FAILED') console.error(wrapped.explanation.format());
 * }
 * ```
 * @public
 */
export class MongoAwsAuthError extends IamkitError<MongoAwsAdapterErrorCode> {
  override readonly name = 'MongoAwsAuthError';
  readonly explanation: MongoAwsExplanation;

  constructor(explanation: MongoAwsExplanation, cause: unknown) {
    const checks = explanation.checks.slice(0, 2).join(' ');
    super({
      code: explanation.code,
      source: 'mongodb-aws',
      message: checks === '' ? explanation.summary : `${explanation.summary} ${checks}`,
      retryable: explanation.topic === 'credentials-throttled' || (isIamkitError(cause) && cause.retryable),
      cause,
    });
    this.explanation = explanation;
  }

  override toJSON(): IamkitErrorJSON & { readonly explanation: MongoAwsExplanation } {
    return { ...super.toJSON(), explanation: this.explanation };
  }
}

/**
 * Wraps a `mongodb` driver error into a {@link MongoAwsAuthError} explained by
 * {@link explainMongoAwsError}: a stable code (`ERR_MONGODB_AWS_AUTH_FAILED`,
 * `ERR_MONGODB_AWS_CREDENTIALS_UNAVAILABLE`, `ERR_MONGODB_AWS_DRIVER_SETUP`,
 * `ERR_MONGODB_AWS_UNKNOWN`), a message that names what to check, the driver's error as `cause`.
 * An error already wrapped is returned as is.
 *
 * @example
 * ```ts
 * const orders = await client.db('shop').collection('orders').find().toArray().catch((error: unknown) => {
 *   throw wrapMongoAwsError(error, { provider });
 * });
 * ```
 * @public
 */
export function wrapMongoAwsError(error: unknown, options: ExplainMongoAwsErrorOptions = {}): MongoAwsAuthError {
  if (error instanceof MongoAwsAuthError) return error;
  return new MongoAwsAuthError(explainMongoAwsError(error, options), error);
}
