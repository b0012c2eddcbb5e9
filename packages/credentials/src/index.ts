export type { Credentials, CredentialProvider, CredentialProviderOptions, CredentialsInit, CredentialsSummary } from './credentials.js';
export { createCredentials, credentialSource, describeCredentials } from './credentials.js';
export type { CredentialsErrorCode, IamkitErrorJSON, IamkitErrorOptions } from './errors.js';
export { IamkitError, isIamkitError, toIamkitError } from './errors.js';
export type { NotConfiguredDetails } from './not-configured.js';
export { NotConfiguredError, isNotConfigured, notConfigured } from './not-configured.js';
export { maskAccessKeyId, scrubSecrets } from './redact.js';
export type { Clock, Env, RandomSource, ReadTextFile, RuntimeOptions } from './runtime.js';
export { resolveEnv, resolveRuntime } from './env.js';
