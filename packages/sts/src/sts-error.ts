import { IamkitError, isIamkitError, type IamkitErrorJSON } from '@iamkit/credentials';

/**
 * The codes this package raises. STS's own error codes map to `ERR_STS_<CODE>` in upper snake
 * case with a trailing `Exception` dropped (`InvalidClientTokenId` → `ERR_STS_INVALID_CLIENT_TOKEN_ID`,
 * `RegionDisabledException` → `ERR_STS_REGION_DISABLED`); both `ExpiredToken` (signed calls) and
 * `ExpiredTokenException` (web identity) are `ERR_STS_EXPIRED_TOKEN` — `stsCode` tells them apart.
 * The listed codes are the ones STS documents; any other STS code maps by the same rule.
 *
 * @example
 * ```ts
 * if (isStsError(error, 'ERR_STS_ACCESS_DENIED')) console.error('check the role trust policy');
 * ```
 * @public
 */
export type StsErrorCode =
  | 'ERR_STS_ACCESS_DENIED'
  | 'ERR_STS_EXPIRED_TOKEN'
  | 'ERR_STS_IDP_COMMUNICATION_ERROR'
  | 'ERR_STS_IDP_REJECTED_CLAIM'
  | 'ERR_STS_INCOMPLETE_SIGNATURE'
  | 'ERR_STS_INTERNAL_FAILURE'
  | 'ERR_STS_INVALID_ACTION'
  | 'ERR_STS_INVALID_CLIENT_TOKEN_ID'
  | 'ERR_STS_INVALID_IDENTITY_TOKEN'
  | 'ERR_STS_MALFORMED_POLICY_DOCUMENT'
  | 'ERR_STS_MISSING_AUTHENTICATION_TOKEN'
  | 'ERR_STS_PACKED_POLICY_TOO_LARGE'
  | 'ERR_STS_REGION_DISABLED'
  | 'ERR_STS_REQUEST_TIME_TOO_SKEWED'
  | 'ERR_STS_SERVICE_UNAVAILABLE'
  | 'ERR_STS_SIGNATURE_DOES_NOT_MATCH'
  | 'ERR_STS_THROTTLING'
  | 'ERR_STS_VALIDATION_ERROR'
  /** An error document without a code. */
  | 'ERR_STS_UNKNOWN'
  /** The response is not a complete, well-formed STS document, or lacks a required field. */
  | 'ERR_STS_MALFORMED_RESPONSE'
  /** A parameter of `assumeRole` / `assumeRoleWithWebIdentity` is invalid (checked before sending). */
  | 'ERR_STS_INVALID_PARAMETER'
  /** A signed action was called without `credentials` or a `provider`. */
  | 'ERR_STS_CREDENTIALS_REQUIRED';

/**
 * STS's answer to a request, as carried by an {@link StsError}.
 *
 * @example
 * ```ts
 * const details: StsErrorInit = { code: 'ERR_STS_THROTTLING', message: '…', stsCode: 'Throttling', stsMessage: 'Rate exceeded', status: 400, retryable: true };
 * ```
 * @public
 */
export interface StsErrorInit {
  readonly code: string;
  readonly message: string;
  /** STS's `Code`, e.g. `SignatureDoesNotMatch`. */
  readonly stsCode?: string | undefined;
  /** STS's `Message`, scrubbed of anything shaped like a secret. */
  readonly stsMessage?: string | undefined;
  /** `Sender` (the caller's mistake) or `Receiver` (STS's). */
  readonly stsType?: string | undefined;
  readonly requestId?: string | undefined;
  /** `GetCallerIdentity`, `AssumeRole`, `AssumeRoleWithWebIdentity`. */
  readonly action?: string | undefined;
  readonly status?: number | undefined;
  readonly retryable?: boolean | undefined;
  readonly retryAfterMs?: number | undefined;
  /**
   * STS's clock minus the clock this request was signed with, in milliseconds, when the answer
   * showed it (the `Date` header, or the times in a "Signature expired" message).
   */
  readonly clockSkewMs?: number | undefined;
  readonly cause?: unknown;
}

/**
 * An error from STS or from talking to it: an `IamkitError` (source `sts`) that also carries
 * STS's `stsCode`, `stsMessage`, `stsType` and `requestId`, the `action`, and the clock skew the
 * answer revealed. Pass it to `explainStsError` for causes and fixes.
 *
 * @example
 * ```ts
 * try {
 *   await sts.assumeRole({ roleArn });
 * } catch (error) {
 *   if (isStsError(error)) console.error(error.stsCode, error.requestId, formatStsExplanation(explainStsError(error)));
 * }
 * ```
 * @public
 */
export class StsError extends IamkitError {
  override readonly name: string = 'StsError';
  readonly stsCode: string | undefined;
  readonly stsMessage: string | undefined;
  readonly stsType: string | undefined;
  readonly requestId: string | undefined;
  readonly action: string | undefined;
  readonly clockSkewMs: number | undefined;

  constructor(init: StsErrorInit) {
    super({ code: init.code, source: 'sts', message: init.message, retryable: init.retryable, retryAfterMs: init.retryAfterMs, status: init.status, cause: init.cause });
    this.stsCode = init.stsCode;
    this.stsMessage = init.stsMessage;
    this.stsType = init.stsType;
    this.requestId = init.requestId;
    this.action = init.action;
    this.clockSkewMs = init.clockSkewMs;
  }

  /** The secret-free view of `IamkitError.toJSON()`, plus the STS fields. */
  override toJSON(): IamkitErrorJSON & { readonly stsCode?: string; readonly stsMessage?: string; readonly requestId?: string; readonly action?: string; readonly clockSkewMs?: number } {
    return {
      ...super.toJSON(),
      ...(this.stsCode === undefined ? {} : { stsCode: this.stsCode }),
      ...(this.stsMessage === undefined ? {} : { stsMessage: this.stsMessage }),
      ...(this.requestId === undefined ? {} : { requestId: this.requestId }),
      ...(this.action === undefined ? {} : { action: this.action }),
      ...(this.clockSkewMs === undefined ? {} : { clockSkewMs: this.clockSkewMs }),
    };
  }
}

/**
 * True for an error raised by `@iamkit/sts` (code `ERR_STS_…`) from any installed copy,
 * optionally for one code only.
 *
 * @example
 * ```ts
 * if (isStsError(error, 'ERR_STS_EXPIRED_TOKEN')) await provider({ forceRefresh: true });
 * ```
 * @public
 */
export function isStsError(value: unknown, code?: StsErrorCode): value is StsError {
  if (!isIamkitError(value) || !value.code.startsWith('ERR_STS_')) return false;
  return code === undefined || value.code === code;
}

/**
 * The iamkit code for an STS error code: `ERR_STS_` + the code in upper snake case, without a
 * trailing `Exception` (`IDPRejectedClaim` → `ERR_STS_IDP_REJECTED_CLAIM`).
 *
 * @example
 * ```ts
 * stsErrorCode('InvalidClientTokenId'); // 'ERR_STS_INVALID_CLIENT_TOKEN_ID'
 * ```
 * @public
 */
export function stsErrorCode(stsCode: string | undefined): string {
  const base = (stsCode ?? '').replace(/Exception$/, '');
  if (base === '') return 'ERR_STS_UNKNOWN';
  const snake = base
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return `ERR_STS_${snake === '' ? 'UNKNOWN' : snake}`;
}

/**
 * STS errors that retrying cannot fix: the cross-SDK refresh rules remember them briefly instead
 * of retrying (reference §8.4).
 *
 * @example
 * ```ts
 * NON_RECOVERABLE_STS_CODES.has('AccessDenied'); // true
 * ```
 * @public
 */
export const NON_RECOVERABLE_STS_CODES: ReadonlySet<string> = new Set([
  'AccessDenied',
  'IDPRejectedClaim',
  'InvalidIdentityToken',
  'MalformedPolicyDocument',
  'PackedPolicyTooLarge',
  'RegionDisabledException',
  'RegionDisabled',
]);

const RETRYABLE_CODES = new Set(['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException', 'IDPCommunicationError', 'InternalFailure', 'InternalError', 'ServiceUnavailable', 'RequestTimeout']);

/** Whether retrying can help: throttling, IdP unreachable, STS-side failures, any 5xx. */
export function isRetryableStsAnswer(stsCode: string | undefined, status: number): boolean {
  if (stsCode !== undefined && NON_RECOVERABLE_STS_CODES.has(stsCode)) return false;
  return status >= 500 || status === 429 || (stsCode !== undefined && RETRYABLE_CODES.has(stsCode));
}
