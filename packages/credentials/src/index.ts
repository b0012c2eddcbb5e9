export type { Credentials, CredentialProvider, CredentialProviderOptions, CredentialsInit, CredentialsSummary } from './credentials.js';
export { createCredentials, credentialSource, describeCredentials } from './credentials.js';
export type { CredentialsErrorCode, IamkitErrorJSON, IamkitErrorOptions } from './errors.js';
export { IamkitError, isIamkitError, toIamkitError } from './errors.js';
export type { NotConfiguredDetails } from './not-configured.js';
export { NotConfiguredError, isNotConfigured, notConfigured } from './not-configured.js';
export { maskAccessKeyId, scrubSecrets } from './redact.js';
export type { Clock, Env, RandomSource, ReadTextFile, RuntimeOptions } from './runtime.js';
export { resolveEnv, resolveRuntime } from './env.js';
// Credential validation shared by every source.
export { parseExpiration } from './validation/parse-expiration.js';
export type { CredentialFields, CredentialsFromFieldsOptions } from './validation/credentials-from-fields.js';
export { credentialsFromFields } from './validation/credentials-from-fields.js';
// The cache.
export type { CachedProvider } from './cache/cached.js';
export { cached } from './cache/cached.js';
export type { CacheOptions } from './cache/cache-options.js';
export { CACHE_DEFAULTS } from './cache/cache-options.js';
export type { CacheEntrySnapshot, CacheEntryState, CacheStats } from './cache/cache-stats.js';
export type {
  CacheBackoffEvent,
  CacheFetchEndEvent,
  CacheFetchErrorEvent,
  CacheFetchReason,
  CacheFetchStartEvent,
  CacheInvalidateEvent,
  CacheRefreshEvent,
  CacheStaleEvent,
} from './cache/cache-diagnostics.js';
export {
  BACKOFF_CHANNEL,
  FETCH_END_CHANNEL,
  FETCH_ERROR_CHANNEL,
  FETCH_START_CHANNEL,
  INVALIDATE_CHANNEL,
  REFRESH_CHANNEL,
  STALE_CHANNEL,
} from './cache/cache-diagnostics.js';
// The chain.
export { chain } from './chain/chain.js';
export { NoneConfiguredError } from './chain/none-configured-error.js';
export type { ChainAttempt, ChainOutcome, ChainReport, RunChainOptions } from './chain/run-chain.js';
export { runChain } from './chain/run-chain.js';
// HTTP for the remote sources.
export type { HttpRequestOptions, HttpResponse } from './http/http-request.js';
export { HTTP_DEFAULTS, httpRequest } from './http/http-request.js';
export type { HttpStatusErrorOptions } from './http/http-status-error.js';
export { httpStatusError } from './http/http-status-error.js';
export type { ParseJsonBodyOptions } from './http/json-body.js';
export { parseJsonBody } from './http/json-body.js';
export { parseRetryAfter } from './http/retry-after.js';
export type { RetryEvent, RetryOptions, Sleep } from './http/retry.js';
export { RETRY_DEFAULTS, withRetry } from './http/retry.js';
// Shared config files (~/.aws/config, ~/.aws/credentials): read by the ini, process, IMDS and STS sources.
export type { IniSectionType } from './shared-config/ini-syntax.js';
export type { IniSection, ParsedIni, ParseIniOptions } from './shared-config/parse-ini.js';
export { parseIni } from './shared-config/parse-ini.js';
export { SharedConfigParseError } from './shared-config/parse-error.js';
export type { IniSettings } from './shared-config/redacted-settings.js';
export { isSecretSetting } from './shared-config/redacted-settings.js';
export type { SharedConfigPathOptions, SharedConfigPaths } from './shared-config/config-paths.js';
export { homeDirectory, sharedConfigPaths } from './shared-config/config-paths.js';
export type { ProfileOrigin, SettingLocation, SharedConfig, SharedConfigFile, SharedConfigOptions } from './shared-config/load-shared-config.js';
export { loadSharedConfig } from './shared-config/load-shared-config.js';
export type { ProfileSelection } from './shared-config/select-profile.js';
export { describeLocation, describeMissingProfile, selectProfile } from './shared-config/select-profile.js';
