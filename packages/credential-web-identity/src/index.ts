export type { FromTokenFileOptions } from './from-token-file.js';
export { fromTokenFile } from './from-token-file.js';
export type { FromWebTokenOptions } from './from-web-token.js';
export { fromWebToken } from './from-web-token.js';
export type { ReadWebIdentityTokenOptions } from './read-web-identity-token.js';
export { readWebIdentityToken } from './read-web-identity-token.js';
export { generateRoleSessionName } from './session-name.js';
export type { WebIdentityErrorCode } from './web-identity-errors.js';
export type { WebIdentityClientConfig, WebIdentityOptions, WebIdentityStsOptions } from './web-identity-options.js';
