import { chain, createCredentials, credentialSource, IamkitError, resolveRuntime, type Clock, type CredentialProvider, type CredentialProviderOptions, type Credentials } from '@iamkit/credentials';

/**
 * What {@link createCredentialChain} returns: a provider, plus the AWS SDK's `expireAfter`.
 *
 * @example
 * ```ts
 * const provider: CredentialChain = createCredentialChain(fromEnv(), fromIni()).expireAfter(15 * 60_000);
 * ```
 * @public
 */
export interface CredentialChain extends CredentialProvider {
  /**
   * Gives credentials that have no expiration (static keys) one of `milliseconds` from when they
   * were fetched, so a cache around the chain asks again after that. More than 5 minutes: the
   * cache hands out credentials only while more than 5 minutes from expiry.
   */
  expireAfter(milliseconds: number): CredentialChain;
}

const FIVE_MINUTES = 5 * 60_000;

/**
 * The AWS SDK's `createCredentialChain(...providers)`: tries the providers in order and returns the
 * first one's credentials. Unlike the SDK, it moves on **only** when a provider is not configured
 * here: a provider that is configured and fails (throttled, access denied) stops the chain with its
 * error, so a failure never falls through to another identity. The chain does not cache: pass
 * cached providers (every `from*` here except `fromEnv` is), or wrap it in `cached()`.
 *
 * @example
 * ```ts
 * import { createCredentialChain, fromEnv, fromIni } from '@iamkit/credential-providers';
 * const provider = createCredentialChain(fromEnv(), fromIni({ profile: 'dev' })).expireAfter(15 * 60_000);
 * ```
 * @public
 */
export function createCredentialChain(...providers: CredentialProvider[]): CredentialChain {
  const run = chain(...providers);
  return withExpiry(run, undefined, Date.now);
}

function withExpiry(run: CredentialProvider, expireAfterMs: number | undefined, now: Clock): CredentialChain {
  const provider = async (options?: CredentialProviderOptions): Promise<Credentials> => {
    const credentials = await run(options);
    if (expireAfterMs === undefined || credentials.expiration !== undefined) return credentials;
    return createCredentials({ ...credentials, expiration: new Date(now() + expireAfterMs) }, credentialSource(credentials));
  };
  return Object.assign(provider, {
    expireAfter(milliseconds: number): CredentialChain {
      if (typeof milliseconds !== 'number' || !Number.isFinite(milliseconds) || milliseconds <= FIVE_MINUTES) {
        throw new IamkitError({
          code: 'ERR_CONFIG_INVALID',
          source: 'providers',
          message: 'createCredentialChain(): expireAfter(milliseconds) needs more than 300000 (5 minutes): credentials are handed out only while more than 5 minutes from expiry.',
        });
      }
      return withExpiry(run, milliseconds, resolveRuntime().now);
    },
  });
}
