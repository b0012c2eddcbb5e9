/**
 * The algorithm name that starts every SigV4 Authorization header and string to sign.
 *
 * @example
 * ```ts
 * import { SIGV4_ALGORITHM } from '@iamkit/sigv4';
 * header.startsWith(SIGV4_ALGORITHM); // true for a SigV4 Authorization header
 * ```
 * @public
 */
export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';
