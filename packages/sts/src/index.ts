// The client.
export type { StsClient } from './client.js';
export { createStsClient } from './client.js';
export type { StsCallOptions, StsClientOptions, StsClientState, StsClockCorrection } from './client-options.js';
export { STS_CLIENT_DEFAULTS } from './client-options.js';
export type { AssumeRoleParams, AssumeRoleWithWebIdentityParams, StsTag } from './params.js';
export type { AssumedRoleUser, AssumeRoleResult, AssumeRoleWithWebIdentityResult, CallerIdentity } from './results.js';
// Endpoints and regions.
export type { StsEndpoint, StsEndpointOptions, StsEndpointSource, StsRegionSource } from './endpoint.js';
export { STS_LEGACY_GLOBAL_REGIONS, resolveStsEndpoint } from './endpoint.js';
// Errors and their explanation.
export type { StsErrorCode, StsErrorInit } from './sts-error.js';
export { NON_RECOVERABLE_STS_CODES, StsError, isStsError, stsErrorCode } from './sts-error.js';
export type { StsExplanation } from './explain.js';
export { explainStsError, formatStsExplanation } from './explain.js';
export type { StsSkew } from './explain-topic.js';
export type { SkewFromMessage } from './clock-skew.js';
export { skewFromMessage } from './clock-skew.js';
// Diagnostics.
export type { StsClockSkewEvent, StsFailureEvent, StsNoticeEvent, StsRequestEvent, StsResponseEvent } from './diagnostics.js';
export { STS_CLOCK_SKEW_CHANNEL, STS_FAILURE_CHANNEL, STS_NOTICE_CHANNEL, STS_REQUEST_CHANNEL, STS_RESPONSE_CHANNEL } from './diagnostics.js';
