/**
 * The codes `@iamkit/credential-container` raises besides the shared ones
 * (`ERR_CREDENTIALS_NOT_CONFIGURED`, `ERR_CREDENTIALS_THROTTLED`, `ERR_CREDENTIALS_INVALID`,
 * `ERR_CREDENTIALS_EXPIRED`, `ERR_HTTP_*`, `ERR_CONFIG_INVALID`, `ERR_ABORTED`).
 *
 * @example
 * ```ts
 * if (isIamkitError(error, 'ERR_CONTAINER_HOST_NOT_ALLOWED' satisfies ContainerErrorCode)) console.error(error.message);
 * ```
 * @public
 */
export type ContainerErrorCode =
  /** `AWS_CONTAINER_CREDENTIALS_FULL_URI` names an `http` host outside the allowlist, or uses a URL trick. */
  | 'ERR_CONTAINER_HOST_NOT_ALLOWED'
  /** A container URI variable (or option) is not a usable URL or path. */
  | 'ERR_CONTAINER_URI_INVALID'
  /** `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` cannot be read. */
  | 'ERR_CONTAINER_TOKEN_FILE'
  /** The authorization token is empty or contains CR/LF. */
  | 'ERR_CONTAINER_TOKEN_INVALID'
  /** The endpoint answered 401 or 403: the token, or the role association, is not accepted. */
  | 'ERR_CONTAINER_ACCESS_DENIED'
  /** The endpoint answered a 4xx that retrying cannot fix (400 `InvalidIdInRequest`, 404, …). */
  | 'ERR_CONTAINER_REQUEST_REJECTED'
  /** The endpoint answered 5xx (503 `CredentialsUninitialized` while the agent starts) after every retry. */
  | 'ERR_CONTAINER_UNAVAILABLE';
