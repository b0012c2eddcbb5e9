import { IamkitError, type IamkitErrorJSON } from '@iamkit/credentials';

/**
 * The codes `@iamkit/mongodb-aws` raises, client half and server half. They travel in a
 * {@link MongoAwsError} (an `IamkitError`), so `isIamkitError(error, 'ERR_MONGODB_AWS_BAD_NONCE')`
 * works.
 *
 * @example
 * ```ts
 * const serverMisbehaved: MongoAwsErrorCode[] = ['ERR_MONGODB_AWS_BAD_NONCE', 'ERR_MONGODB_AWS_BAD_HOST'];
 * ```
 * @public
 */
export type MongoAwsErrorCode =
  /** Client: the server nonce `s` is not 64 bytes of BinData subtype 0 starting with our nonce. Server: `r` is not 32 bytes. */
  | 'ERR_MONGODB_AWS_BAD_NONCE'
  /** The STS host `h` is empty, longer than 255 bytes, or has an empty label. */
  | 'ERR_MONGODB_AWS_BAD_HOST'
  /** A payload is not the BSON document the protocol defines: bad BSON, a missing, unknown, repeated or mistyped field. */
  | 'ERR_MONGODB_AWS_MALFORMED_PAYLOAD'
  /** Server: the gs2-cb-flag `p` is not `n` (110). */
  | 'ERR_MONGODB_AWS_BAD_FLAG'
  /** Server: the `a` (Authorization) value fails mongod's checks or the exact signed-header list. */
  | 'ERR_MONGODB_AWS_BAD_AUTHORIZATION'
  /** A conversation step out of order: a third step, a step after a failure, a client that answers twice. */
  | 'ERR_MONGODB_AWS_BAD_STEP'
  /** Server: STS (the verifier) rejected the signed request: wrong secret, expired token, nonce mismatch, … */
  | 'ERR_MONGODB_AWS_STS_REJECTED'
  /** Server: STS could not be asked: unreachable, 5xx after the retries, or an answer without an Arn. */
  | 'ERR_MONGODB_AWS_STS_FAILED'
  /** Server: the ARN STS returned is not an IAM user or an assumed role. */
  | 'ERR_MONGODB_AWS_BAD_ARN'
  /** Server: the principal is not a user in `$external`. */
  | 'ERR_MONGODB_AWS_UNKNOWN_USER'
  /** An option has a value this package cannot use. */
  | 'ERR_MONGODB_AWS_INVALID_OPTIONS';

/**
 * Constructor fields of {@link MongoAwsError}.
 *
 * @example
 * ```ts
 * new MongoAwsError({ code: 'ERR_MONGODB_AWS_BAD_FLAG', message: 'p must be 110', mongodCode: 51284 });
 * ```
 * @public
 */
export interface MongoAwsErrorOptions {
  readonly code: MongoAwsErrorCode;
  readonly message: string;
  /** mongod's numeric assertion code for the same check (§9.2 of the protocol), when it has one. */
  readonly mongodCode?: number | undefined;
  /** For STS answers: STS's own error code (`ExpiredToken`, `SignatureDoesNotMatch`, …). */
  readonly stsCode?: string | undefined;
  readonly status?: number | undefined;
  readonly retryable?: boolean | undefined;
  readonly cause?: unknown;
}

/**
 * The error of `@iamkit/mongodb-aws`: an `IamkitError` (source `mongodb-aws`) with a stable
 * {@link MongoAwsErrorCode}, plus mongod's numeric code (`mongodCode`) for the server-side checks
 * mongod also makes, and STS's code (`stsCode`) when STS said no. Messages name what was received
 * (never a secret, never a whole `Authorization` value) and what to change.
 *
 * @example
 * ```ts
 * try {
 *   conversation.respond(serverFirst, credentials);
 * } catch (error) {
 *   if (isIamkitError(error, 'ERR_MONGODB_AWS_BAD_HOST')) console.error(error.message);
 * }
 * ```
 * @public
 */
export class MongoAwsError extends IamkitError<MongoAwsErrorCode> {
  override readonly name = 'MongoAwsError';
  readonly mongodCode: number | undefined;
  readonly stsCode: string | undefined;

  constructor(options: MongoAwsErrorOptions) {
    super({ ...options, source: 'mongodb-aws' });
    this.mongodCode = options.mongodCode;
    this.stsCode = options.stsCode;
  }

  override toJSON(): IamkitErrorJSON & { readonly mongodCode?: number; readonly stsCode?: string } {
    const json = super.toJSON();
    return {
      ...json,
      ...(this.mongodCode === undefined ? {} : { mongodCode: this.mongodCode }),
      ...(this.stsCode === undefined ? {} : { stsCode: this.stsCode }),
    };
  }
}

/** Shorthand for the many throw sites. @internal */
export function mongoAwsError(code: MongoAwsErrorCode, message: string, extra: Omit<MongoAwsErrorOptions, 'code' | 'message'> = {}): MongoAwsError {
  return new MongoAwsError({ code, message, ...extra });
}
