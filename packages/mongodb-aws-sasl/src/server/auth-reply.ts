/**
 * The reply mongod sends for every MONGODB-AWS failure, whatever the reason (the reason goes
 * only to its log).
 *
 * @example
 * ```ts
 * AUTHENTICATION_FAILED_REPLY; // { ok: 0, code: 18, codeName: 'AuthenticationFailed', errmsg: 'Authentication failed.' }
 * ```
 * @public
 */
export const AUTHENTICATION_FAILED_REPLY: AuthenticationFailedReply = Object.freeze({
  ok: 0,
  code: 18,
  codeName: 'AuthenticationFailed',
  errmsg: 'Authentication failed.',
});

/**
 * The shape of {@link AUTHENTICATION_FAILED_REPLY}.
 *
 * @example
 * ```ts
 * const reply: AuthenticationFailedReply = AUTHENTICATION_FAILED_REPLY;
 * ```
 * @public
 */
export interface AuthenticationFailedReply {
  readonly ok: 0;
  readonly code: 18;
  readonly codeName: 'AuthenticationFailed';
  readonly errmsg: 'Authentication failed.';
}
