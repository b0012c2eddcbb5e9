import type { CredentialProvider, Credentials } from '@iamkit/credentials';

/**
 * The AWS SDK's name for credentials (`@smithy/types` `AwsCredentialIdentity`): the same shape as
 * iamkit's `Credentials` of `@iamkit/credentials`, so code importing the SDK's type keeps compiling.
 *
 * @example
 * ```ts
 * import type { AwsCredentialIdentity } from '@aws-sdk/credential-providers'; // aliased to iamkit
 * const creds: AwsCredentialIdentity = await fromNodeProviderChain()();
 * ```
 * @public
 */
export type AwsCredentialIdentity = Credentials;

/**
 * The AWS SDK's name for a credential provider (`AwsCredentialIdentityProvider`): every `from*`
 * here returns one, usable as `credentials` of an AWS SDK v3 client or as the `mongodb` driver's
 * `AWS_CREDENTIAL_PROVIDER`.
 *
 * @example
 * ```ts
 * const provider: AwsCredentialIdentityProvider = fromIni({ profile: 'dev' });
 * ```
 * @public
 */
export type AwsCredentialIdentityProvider = CredentialProvider;
