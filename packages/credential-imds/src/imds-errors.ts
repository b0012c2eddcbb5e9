/**
 * The codes `@iamkit/credential-imds` raises besides the shared ones
 * (`ERR_CREDENTIALS_NOT_CONFIGURED` when `AWS_EC2_METADATA_DISABLED=true`, `ERR_CREDENTIALS_THROTTLED`,
 * `ERR_CREDENTIALS_INVALID`, `ERR_CREDENTIALS_EXPIRED`, `ERR_HTTP_*`, `ERR_CONFIG_INVALID`,
 * `ERR_ABORTED`).
 *
 * @example
 * ```ts
 * if (isIamkitError(error, 'ERR_IMDS_HOP_LIMIT' satisfies ImdsErrorCode)) console.error(error.message);
 * ```
 * @public
 */
export type ImdsErrorCode =
  /** The IMDSv2 token request timed out: from a container, almost always the hop limit; off EC2, no IMDS at all. */
  | 'ERR_IMDS_HOP_LIMIT'
  /** The token request was refused with 400 (a TTL outside 1–21600 s). */
  | 'ERR_IMDS_TOKEN_REJECTED'
  /** IMDS does not do IMDSv2 here (token request 403/404/405) and the IMDSv1 fallback is disabled. */
  | 'ERR_IMDS_V1_DISABLED'
  /** A GET was refused with 401 even with a fresh session token. */
  | 'ERR_IMDS_UNAUTHORIZED'
  /** 403: IMDS is turned off for this instance, or blocks the request. */
  | 'ERR_IMDS_FORBIDDEN'
  /** The instance has no IAM role (no instance profile attached). */
  | 'ERR_IMDS_NO_ROLE'
  /** The role named by `AWS_EC2_INSTANCE_PROFILE_NAME` (or found earlier) has no credentials here. */
  | 'ERR_IMDS_ROLE_NOT_FOUND'
  /** IMDS answered the credentials path with an error `Code` (e.g. `AssumeRoleUnauthorizedAccess`). */
  | 'ERR_IMDS_CREDENTIALS_UNAVAILABLE'
  /** 5xx from IMDS after every retry. */
  | 'ERR_IMDS_UNAVAILABLE'
  /** Another 4xx that retrying cannot fix. */
  | 'ERR_IMDS_REQUEST_REJECTED';
