// The MONGODB-AWS conversation (client and server halves) lives in @iamkit/mongodb-aws-sasl so that
// @iamkit/emulators can use its server half without depending on the credential chain; it is
// re-exported here, name by name, so users need one package.
export type {
  AuthenticationFailedReply,
  ClientConversationOptions,
  ClientFinal,
  ClientFinalOptions,
  ClientFinalSigner,
  ClientFirst,
  ClientFirstOptions,
  HttpStsVerifierOptions,
  LocalStsIdentity,
  LocalStsVerifierOptions,
  MongoAwsClientConversation,
  MongoAwsErrorCode,
  MongoAwsErrorOptions,
  MongoAwsServer,
  MongoAwsServerConversation,
  MongoAwsServerOptions,
  RandomBytes,
  ServerFirst,
  ServerStepFailure,
  ServerStepResult,
  ServerStepSuccess,
  StsRequest,
  StsRequestParts,
  StsVerdict,
  StsVerifier,
} from '@iamkit/mongodb-aws-sasl';
export {
  AUTHENTICATION_FAILED_REPLY,
  DEFAULT_STS_URL,
  GET_CALLER_IDENTITY_BODY,
  GS2_CB_FLAG_N,
  MONGODB_AWS_MECHANISM,
  MONGOD_SIGNED_HEADER_ALLOW_LIST,
  MongoAwsError,
  arnToMongoUser,
  buildStsRequest,
  checkClientAuthorization,
  checkStsHost,
  createClientFinal,
  createClientFirst,
  createHttpStsVerifier,
  createLocalStsVerifier,
  createMongoAwsServer,
  deriveStsRegion,
  encodeClientFirst,
  parseServerFirst,
  startClientConversation,
  stsHostFromUrl,
} from '@iamkit/mongodb-aws-sasl';
// The `mongodb` driver adapter.
export type { MongoAwsAdapterErrorCode } from './adapter-errors.js';
export type { MongoAwsProvider } from './mongo-aws-provider.js';
export { createMongoAwsProvider } from './mongo-aws-provider.js';
export type { MongoAwsProviderOptions } from './provider-options.js';
export type { MongoAwsAuthFailure, MongoAwsHandout, MongoAwsProviderStats } from './provider-stats.js';
export type { MongoAwsClientOptions } from './mongo-aws-options.js';
export { mongoAwsOptions } from './mongo-aws-options.js';
export type { MongoAwsEventSource, PoolEvent } from './driver-events.js';
export type { MongoAwsAuthFailureEvent } from './adapter-diagnostics.js';
export { AUTH_FAILURE_CHANNEL } from './adapter-diagnostics.js';
// Explained errors.
export type { ExplainMongoAwsErrorOptions, MongoAwsExplanation } from './explain/explain-mongo-aws-error.js';
export { explainMongoAwsError } from './explain/explain-mongo-aws-error.js';
export type { MongoAwsErrorTopic } from './explain/topics.js';
export { MongoAwsAuthError, wrapMongoAwsError } from './wrap-mongo-aws-error.js';
