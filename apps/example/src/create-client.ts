import type { CredentialProvider, Env } from '@iamkit/credentials';
import { createMongoAwsProvider, mongoAwsOptions, type MongoAwsProvider } from '@iamkit/mongodb-aws';
import { MongoClient, type MongoClientOptions } from 'mongodb';
import { defaultCredentialProvider } from './default-provider.js';

/** Pool settings of the example service: a large pool whose connections open concurrently. */
export interface PoolOptions {
  readonly maxPoolSize: number;
  readonly serverSelectionTimeoutMS?: number | undefined;
}

/** Options of {@link createServiceClient}. */
export interface ServiceClientOptions extends PoolOptions {
  /**
   * What the driver calls instead of the provider itself — a wrapper that measures each call (the
   * demo's credential-wait figures). Default: the provider.
   */
  readonly measure?: CredentialProvider | undefined;
}

/** The driver options both demo runs share: everything but the credential provider. */
export function poolClientOptions(pool: PoolOptions): MongoClientOptions {
  return {
    maxPoolSize: pool.maxPoolSize,
    // The default (2) would open connections two at a time; a burst should open them all at once,
    // as a pool refilling after a failover does on a busy service.
    maxConnecting: pool.maxPoolSize,
    serverSelectionTimeoutMS: pool.serverSelectionTimeoutMS ?? 5000,
    appName: 'iamkit-example',
  };
}

/** The service's credential provider for MongoDB: the default chain on the shared iamkit cache. */
export function createServiceProvider(env: Env): MongoAwsProvider {
  return createMongoAwsProvider({ provider: defaultCredentialProvider(env) });
}

/**
 * How the example service builds its MongoClient: MONGODB-AWS with the iamkit provider, attached
 * so that a refused authentication clears the cache.
 */
export function createServiceClient(uri: string, provider: MongoAwsProvider, options: ServiceClientOptions): MongoClient {
  const aws = mongoAwsOptions(provider);
  const client = new MongoClient(uri, {
    ...poolClientOptions(options),
    ...aws,
    authMechanismProperties: { AWS_CREDENTIAL_PROVIDER: options.measure ?? aws.authMechanismProperties.AWS_CREDENTIAL_PROVIDER },
  });
  provider.attach(client);
  return client;
}
