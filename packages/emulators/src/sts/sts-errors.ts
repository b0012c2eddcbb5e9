/**
 * An error STS answers with: HTTP status, `Type` (`Sender` for the caller's mistakes, `Receiver`
 * for STS's own), `Code` and `Message`, exactly as they appear in `<ErrorResponse>`.
 *
 * @example
 * ```ts
 * const error: StsErrorDetails = { status: 403, type: 'Sender', code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' };
 * ```
 * @public
 */
export interface StsErrorDetails {
  readonly status: number;
  readonly type: 'Sender' | 'Receiver';
  readonly code: string;
  readonly message: string;
}

const sender = (status: number, code: string, message: string): StsErrorDetails => ({ status, type: 'Sender', code, message });

/**
 * STS's messages, word for word (trailing spaces included: STS ends some of them with one), for
 * assertions in tests.
 *
 * @example
 * ```ts
 * expect(error.stsMessage).toBe(STS_MESSAGES.invalidClientTokenId); // 'The security token included in the request is invalid.'
 * ```
 * @public
 */
export const STS_MESSAGES = Object.freeze({
  missingAuthenticationToken: 'Request is missing Authentication Token',
  invalidClientTokenId: 'The security token included in the request is invalid.',
  expiredToken: 'The security token included in the request is expired',
  signatureDoesNotMatch:
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  hostNotSigned: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
  throttling: 'Rate exceeded',
  badWebIdentityKey: "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
  incorrectAudience: 'Incorrect token audience',
  webIdentityDenied: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
  idpRejectedClaim: 'The identity provider (IdP) reported that authentication failed. This might be because the claim is invalid.',
  idpCommunicationError:
    'The request could not be fulfilled because the identity provider (IDP) that was asked to verify the incoming identity token could not be reached.',
  malformedPolicy: 'Syntax errors in policy.',
  invalidMfa: 'MultiFactorAuthentication failed with invalid MFA one time pass code. ',
  durationOverRoleMax: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
  durationOverChainLimit: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
});

/** The error answers the emulator builds, one function per STS error code. */
export const stsErrors = {
  missingAuthenticationToken: () => sender(403, 'MissingAuthenticationToken', STS_MESSAGES.missingAuthenticationToken),
  incompleteSignature: (message: string) => sender(400, 'IncompleteSignature', message),
  invalidClientTokenId: () => sender(403, 'InvalidClientTokenId', STS_MESSAGES.invalidClientTokenId),
  expiredToken: () => sender(400, 'ExpiredToken', STS_MESSAGES.expiredToken),
  signatureDoesNotMatch: (message: string = STS_MESSAGES.signatureDoesNotMatch) => sender(403, 'SignatureDoesNotMatch', message),
  accessDenied: (message: string) => sender(403, 'AccessDenied', message),
  validation: (message: string) => sender(400, 'ValidationError', message),
  invalidAction: (message: string) => sender(400, 'InvalidAction', message),
  missingAction: () => sender(400, 'MissingAction', 'Missing Action'),
  throttling: () => sender(400, 'Throttling', STS_MESSAGES.throttling),
  regionDisabled: (account: string) =>
    sender(
      403,
      'RegionDisabledException',
      `STS is not activated in this region for account:${account}. Your account administrator can activate STS in this region using the IAM Console.`,
    ),
  invalidIdentityToken: (message: string) => sender(400, 'InvalidIdentityToken', message),
  webIdentityTokenExpired: (nowSeconds: number, expSeconds: number) =>
    // Sic: STS prints no space before the second number.
    sender(400, 'ExpiredTokenException', `Token expired: current date/time ${nowSeconds} must be before the expiration date/time${expSeconds}`),
  idpRejectedClaim: () => sender(403, 'IDPRejectedClaim', STS_MESSAGES.idpRejectedClaim),
  idpCommunicationError: () => sender(400, 'IDPCommunicationError', STS_MESSAGES.idpCommunicationError),
  malformedPolicyDocument: (message: string = STS_MESSAGES.malformedPolicy) => sender(400, 'MalformedPolicyDocument', message),
  packedPolicyTooLarge: (percent: number) =>
    sender(400, 'PackedPolicyTooLarge', `Packed policy consumes ${percent}% of allotted space, please use smaller policy for this session.`),
  internalFailure: () => ({ status: 500, type: 'Receiver', code: 'InternalFailure', message: 'The request processing has failed because of an unknown error, exception or failure.' }) as const,
  serviceUnavailable: () => ({ status: 503, type: 'Receiver', code: 'ServiceUnavailable', message: 'Service is unable to handle request.' }) as const,
};

/**
 * The STS error codes {@link stsErrorFault} can produce, each with STS's status and message.
 *
 * @example
 * ```ts
 * const code: StsFaultCode = 'IDPCommunicationError';
 * ```
 * @public
 */
export type StsFaultCode =
  | 'MissingAuthenticationToken'
  | 'InvalidClientTokenId'
  | 'ExpiredToken'
  | 'SignatureDoesNotMatch'
  | 'AccessDenied'
  | 'Throttling'
  | 'RegionDisabledException'
  | 'InvalidIdentityToken'
  | 'ExpiredTokenException'
  | 'IDPRejectedClaim'
  | 'IDPCommunicationError'
  | 'MalformedPolicyDocument'
  | 'PackedPolicyTooLarge'
  | 'InternalFailure'
  | 'ServiceUnavailable';

/** STS's answer for a code, as {@link stsErrorFault} renders it. */
export function errorForCode(code: StsFaultCode, message: string | undefined, account: string): StsErrorDetails {
  const table: Record<StsFaultCode, () => StsErrorDetails> = {
    MissingAuthenticationToken: stsErrors.missingAuthenticationToken,
    InvalidClientTokenId: stsErrors.invalidClientTokenId,
    ExpiredToken: stsErrors.expiredToken,
    SignatureDoesNotMatch: () => stsErrors.signatureDoesNotMatch(),
    AccessDenied: () => stsErrors.accessDenied(`User: arn:aws:iam::${account}:user/Alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${account}:role/iamkit-emulator-role`),
    Throttling: stsErrors.throttling,
    RegionDisabledException: () => stsErrors.regionDisabled(account),
    InvalidIdentityToken: () => stsErrors.invalidIdentityToken(STS_MESSAGES.badWebIdentityKey),
    ExpiredTokenException: () => stsErrors.webIdentityTokenExpired(1_767_229_200, 1_767_225_600),
    IDPRejectedClaim: stsErrors.idpRejectedClaim,
    IDPCommunicationError: stsErrors.idpCommunicationError,
    MalformedPolicyDocument: () => stsErrors.malformedPolicyDocument(),
    PackedPolicyTooLarge: () => stsErrors.packedPolicyTooLarge(112),
    InternalFailure: stsErrors.internalFailure,
    ServiceUnavailable: stsErrors.serviceUnavailable,
  };
  const details = table[code]();
  return message === undefined ? details : { ...details, message };
}
