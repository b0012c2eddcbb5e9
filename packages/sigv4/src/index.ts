export type { ParsedAuthorization } from './authorization.js';
export { parseAuthorizationHeader } from './authorization.js';
export {
  DEFAULT_PRESIGN_EXPIRES,
  DEFAULT_UNSIGNABLE_HEADERS,
  EMPTY_PAYLOAD_SHA256,
  MAX_PRESIGN_EXPIRES,
  SIGNING_KEY_CACHE_SIZE,
  SIGV4_ALGORITHM,
  UNSIGNED_PAYLOAD,
} from './constants.js';
export type { SigV4Credentials } from './credentials.js';
export { deriveSigningKey, hmacSha256, sha256Hex } from './crypto.js';
export type { AmzDate, SigningDate } from './date.js';
export { formatAmzDate } from './date.js';
export type { SigV4ErrorCode } from './errors.js';
export { SigV4Error, isSigV4Error } from './errors.js';
export type { HeaderValue, HeadersInput } from './headers.js';
export type { RequestBody } from './payload.js';
export { presignRequest, signRequest } from './sign-request.js';
export type { AsyncSigner, SignOverrides, Signer, SignerOptions, SigV4CredentialProvider } from './signer.js';
export { createSigner } from './signer.js';
export type {
  PresignKnobs,
  PresignOptions,
  PresignedRequest,
  SignableRequest,
  SignatureDetails,
  SignedRequest,
  SignOptions,
  SigningKnobs,
} from './types.js';
export { uriEncode } from './uri-encode.js';
export type { FailedVerification, SignatureVerification, VerifiedSignature, VerifyOptions } from './verify.js';
export { verifySignature } from './verify.js';
