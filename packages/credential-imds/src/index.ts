export { fromInstanceMetadata } from './from-instance-metadata.js';
export type { FromInstanceMetadataOptions } from './imds-options.js';
export { IMDS_DEFAULTS } from './imds-options.js';
export type { ImdsErrorCode } from './imds-errors.js';
export type { ImdsNoticeEvent, ImdsNoticeKind, ImdsRetryEvent } from './imds-diagnostics.js';
export { IMDS_NOTICE_CHANNEL, IMDS_RETRY_CHANNEL } from './imds-diagnostics.js';
