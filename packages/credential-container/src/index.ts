export { fromContainerMetadata, fromHttp } from './from-container-metadata.js';
export type { FromContainerMetadataOptions } from './container-options.js';
export { CONTAINER_DEFAULTS } from './container-options.js';
export type { ContainerErrorCode } from './container-errors.js';
export type { ContainerNoticeEvent, ContainerNoticeKind, ContainerRetryEvent } from './container-diagnostics.js';
export { CONTAINER_NOTICE_CHANNEL, CONTAINER_RETRY_CHANNEL } from './container-diagnostics.js';
export { ALLOWED_HTTP_HOSTS, checkFullUri } from './full-uri.js';
