export type { MongoAwsErrorCode, MongoAwsErrorOptions } from './errors.js';
export { MongoAwsError } from './errors.js';
export type { RandomBytes } from './random-bytes.js';
// The client half.
export { GS2_CB_FLAG_N, MONGODB_AWS_MECHANISM } from './conversation/constants.js';
export type { ClientFirst, ClientFirstOptions } from './conversation/client-first.js';
export { createClientFirst, encodeClientFirst } from './conversation/client-first.js';
export type { ServerFirst } from './conversation/server-first.js';
export { parseServerFirst } from './conversation/server-first.js';
export { checkStsHost, deriveStsRegion } from './conversation/sts-host.js';
export type { StsRequest, StsRequestParts } from './conversation/sts-request.js';
export { buildStsRequest, GET_CALLER_IDENTITY_BODY } from './conversation/sts-request.js';
export type { ClientFinal, ClientFinalOptions, ClientFinalSigner } from './conversation/client-final.js';
export { createClientFinal } from './conversation/client-final.js';
export type { ClientConversationOptions, MongoAwsClientConversation } from './conversation/client-conversation.js';
export { startClientConversation } from './conversation/client-conversation.js';
// The server half.
export type {
  MongoAwsServer,
  MongoAwsServerConversation,
  MongoAwsServerOptions,
  ServerStepFailure,
  ServerStepResult,
  ServerStepSuccess,
} from './server/server-conversation.js';
export { createMongoAwsServer } from './server/server-conversation.js';
export type { AuthenticationFailedReply } from './server/auth-reply.js';
export { AUTHENTICATION_FAILED_REPLY } from './server/auth-reply.js';
export { checkClientAuthorization, MONGOD_SIGNED_HEADER_ALLOW_LIST } from './server/authorization-checks.js';
export { arnToMongoUser } from './server/arn-to-user.js';
export { DEFAULT_STS_URL, stsHostFromUrl } from './server/sts-endpoint.js';
export type { StsVerdict, StsVerifier } from './server/sts-verifier.js';
export type { HttpStsVerifierOptions } from './server/http-sts-verifier.js';
export { createHttpStsVerifier } from './server/http-sts-verifier.js';
export type { LocalStsIdentity, LocalStsVerifierOptions } from './server/local-sts-verifier.js';
export { createLocalStsVerifier } from './server/local-sts-verifier.js';
