import { IamkitError } from '@iamkit/credentials';

/**
 * The codes `@iamkit/credential-web-identity` raises, besides `ERR_CREDENTIALS_NOT_CONFIGURED`
 * (neither `AWS_WEB_IDENTITY_TOKEN_FILE` nor `AWS_ROLE_ARN` is set), `ERR_CONFIG_INVALID` (an
 * unusable option) and the errors of `@iamkit/sts` (`ERR_STS_INVALID_IDENTITY_TOKEN`, …), which
 * keep STS's explanation.
 *
 * @example
 * ```ts
 * if (isIamkitError(error, 'ERR_WEB_IDENTITY_PARTIAL' satisfies WebIdentityErrorCode)) console.error(error.message);
 * ```
 * @public
 */
export type WebIdentityErrorCode =
  /** One of the token file and the role ARN is set and the other is not. */
  | 'ERR_WEB_IDENTITY_PARTIAL'
  /** The token file does not exist or cannot be read. */
  | 'ERR_WEB_IDENTITY_TOKEN_FILE'
  /** The token file is empty (or holds only whitespace), or the token supplied is empty. */
  | 'ERR_WEB_IDENTITY_TOKEN_EMPTY'
  /** The `webIdentityToken` function of `fromWebToken` threw or returned something that is not a string. */
  | 'ERR_WEB_IDENTITY_TOKEN_CALLBACK';

export const SOURCE = 'web-identity';

export function webIdentityError(code: WebIdentityErrorCode, message: string, options: { retryable?: boolean; cause?: unknown } = {}): IamkitError<WebIdentityErrorCode> {
  return new IamkitError({ code, source: SOURCE, message: `${SOURCE}: ${message}`, retryable: options.retryable, cause: options.cause });
}

export function invalidOption(fn: string, message: string): IamkitError {
  return new IamkitError({ code: 'ERR_CONFIG_INVALID', source: SOURCE, message: `${fn}(): ${message}` });
}
