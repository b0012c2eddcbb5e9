import { invalidOptions } from './adapter-errors.js';
import { createMongoAwsProvider, isMongoAwsProvider, type MongoAwsProvider } from './mongo-aws-provider.js';
import type { MongoAwsProviderOptions } from './provider-options.js';

/**
 * The `MongoClient` options {@link mongoAwsOptions} returns; spread them into your own.
 *
 * @example
 * ```ts
 * const options: MongoAwsClientOptions = mongoAwsOptions(provider);
 * new MongoClient(uri, { ...options, maxPoolSize: 100 });
 * ```
 * @public
 */
export interface MongoAwsClientOptions {
  readonly authMechanism: 'MONGODB-AWS';
  /** MONGODB-AWS users live in `$external` (the driver's default for the mechanism, stated anyway). */
  readonly authSource: '$external';
  readonly authMechanismProperties: { readonly AWS_CREDENTIAL_PROVIDER: MongoAwsProvider };
}

/**
 * `MongoClient` options for MONGODB-AWS with an iamkit provider: `authMechanism`, `authSource` and
 * `authMechanismProperties.AWS_CREDENTIAL_PROVIDER`. Pass a provider from
 * {@link createMongoAwsProvider} (so you can `attach()` the client to it), or its options to have
 * one made (then reach it as `authMechanismProperties.AWS_CREDENTIAL_PROVIDER`).
 *
 * The URI must carry no user name or password (the driver 7.x refuses them with MONGODB-AWS, and
 * 6.x would use them instead of the provider).
 *
 * @example
 * ```ts
 * const provider = createMongoAwsProvider({ provider: cached(chain(fromEnv(), fromContainerMetadata())) });
 * const client = new MongoClient('mongodb+srv://cluster0.example.mongodb.net/', { ...mongoAwsOptions(provider), maxPoolSize: 100 });
 * provider.attach(client);
 * ```
 * @public
 */
export function mongoAwsOptions(provider: MongoAwsProvider | MongoAwsProviderOptions): MongoAwsClientOptions {
  let resolved: MongoAwsProvider;
  if (isMongoAwsProvider(provider)) resolved = provider;
  else if (typeof provider === 'function') {
    throw invalidOptions(
      'mongoAwsOptions(provider): this function is not a provider from createMongoAwsProvider(); pass createMongoAwsProvider({ provider: yourProvider }), or { provider: yourProvider }.',
    );
  } else resolved = createMongoAwsProvider(provider);
  // Not frozen: the object is handed to the driver, which owns its options from then on.
  return { authMechanism: 'MONGODB-AWS', authSource: '$external', authMechanismProperties: { AWS_CREDENTIAL_PROVIDER: resolved } };
}
