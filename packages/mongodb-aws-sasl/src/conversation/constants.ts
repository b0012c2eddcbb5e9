/**
 * Protocol constants of MONGODB-AWS.
 *
 * @example
 * ```ts
 * const saslStart = { saslStart: 1, mechanism: MONGODB_AWS_MECHANISM, payload };
 * ```
 * @public
 */
export const MONGODB_AWS_MECHANISM = 'MONGODB-AWS';

/**
 * The gs2-cb-flag a client sends as `p`: ASCII `n` (no channel binding), an int32.
 *
 * @example
 * ```ts
 * GS2_CB_FLAG_N; // 110
 * ```
 * @public
 */
export const GS2_CB_FLAG_N = 110;

/** `y` (121): the client supports channel binding but thinks the server does not. Clients must not send it. @internal */
export const GS2_CB_FLAG_Y = 121;

/** Bytes of the client nonce `r`, and of each half of the server nonce `s`. @internal */
export const NONCE_BYTES = 32;
