// The AWS SDK's @aws-sdk/credential-providers names, backed by iamkit; a project can alias
// "@aws-sdk/credential-providers" to this package (see the README).
export type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from './aws-types.js';
export type { ProviderCacheOptions, ProviderClientConfig, ProviderRuntimeOptions, SdkOnlyOptions } from './provider-options.js';
export type { ProvidersErrorCode } from './providers-errors.js';
export type { ProvidersNoticeEvent, ProvidersNoticeKind } from './providers-diagnostics.js';
export { PROVIDERS_NOTICE_CHANNEL } from './providers-diagnostics.js';
// Sources.
export type { FromEnvOptions } from './from-env.js';
export { fromEnv } from './from-env.js';
export type { FromIniOptions } from './from-ini.js';
export { fromIni } from './from-ini.js';
export type { FromProcessOptions } from './from-process.js';
export { fromProcess } from './from-process.js';
export type { FromTokenFileOptions, FromWebTokenOptions } from './from-web-identity.js';
export { fromTokenFile, fromWebToken } from './from-web-identity.js';
export type { FromContainerMetadataOptions } from './from-container-metadata.js';
export { fromContainerMetadata, fromHttp } from './from-container-metadata.js';
export type { FromInstanceMetadataOptions } from './from-instance-metadata.js';
export { fromInstanceMetadata } from './from-instance-metadata.js';
export type { FromTemporaryCredentialsOptions, TemporaryCredentialsParams } from './from-temporary-credentials.js';
export { fromTemporaryCredentials } from './from-temporary-credentials.js';
// Chains.
export type { FromNodeProviderChainOptions } from './default-chain/default-chain-options.js';
export { fromNodeProviderChain } from './default-chain/from-node-provider-chain.js';
export { defaultChainSources } from './default-chain/default-chain-sources.js';
export type { CredentialChain } from './create-credential-chain.js';
export { createCredentialChain } from './create-credential-chain.js';
