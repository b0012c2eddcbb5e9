import type { Credentials } from '@iamkit/credentials';
import { createMongoAwsProvider, explainMongoAwsError, mongoAwsOptions } from '@iamkit/mongodb-aws';
import { mongoExplanationView, type MongoExplanationView } from '../shared/explanation-views.js';
import { redactUri } from '../shared/redact.js';

/**
 * `doctor --mongodb <uri>`: one MONGODB-AWS authentication with the resolved credentials, through
 * `@iamkit/mongodb-aws`, and `explainMongoAwsError`'s reading of a failure.
 *
 * @example
 * ```ts
 * const mongodb: MongoCheck = { status: 'ok', uri: 'mongodb://db.example.com/', durationMs: 41, user: 'arn:aws:iam::123456789012:user/Alice', error: null, explanation: null, note: '' };
 * ```
 * @public
 */
export interface MongoCheck {
  /** `skipped`: no credentials to try. */
  readonly status: 'ok' | 'failed' | 'skipped';
  /** The connection string with any user info removed. */
  readonly uri: string;
  readonly durationMs: number | null;
  /** The `$external` user the server authenticated (from `connectionStatus`). */
  readonly user: string | null;
  readonly error: { readonly name: string; readonly message: string; readonly code: number | string | null } | null;
  readonly explanation: MongoExplanationView | null;
  readonly note: string;
}

interface MongoClientLike {
  db(name: string): { command(command: Record<string, unknown>): Promise<Record<string, unknown>> };
  close(): Promise<void>;
}
type MongoClientConstructor = new (uri: string, options: Record<string, unknown>) => MongoClientLike;

const DRIVER_MISSING =
  'doctor --mongodb needs the mongodb driver (6.15+ or 7.x) installed next to iamkit: npm install mongodb — and, for MONGODB-AWS, @aws-sdk/credential-providers (or its alias to @iamkit/credential-providers, see the @iamkit/mongodb-aws README).';

function clientClass(module: unknown): MongoClientConstructor | undefined {
  const candidate = (module as { MongoClient?: unknown; default?: { MongoClient?: unknown } } | undefined)?.MongoClient ?? (module as { default?: { MongoClient?: unknown } } | undefined)?.default?.MongoClient;
  return typeof candidate === 'function' ? (candidate as MongoClientConstructor) : undefined;
}

function authenticatedUser(status: Record<string, unknown>): string | null {
  const users = (status.authInfo as { authenticatedUsers?: { user?: unknown }[] } | undefined)?.authenticatedUsers;
  const user = users?.[0]?.user;
  return typeof user === 'string' ? user : null;
}

export function skippedMongo(uri: string, note: string): MongoCheck {
  return { status: 'skipped', uri: redactUri(uri), durationMs: null, user: null, error: null, explanation: null, note };
}

/** Authenticates one connection (ping, then connectionStatus) and closes the client. */
export async function checkMongodb(
  uri: string,
  credentials: Credentials,
  options: { readonly timeoutMs: number; readonly loadMongodb?: (() => Promise<unknown>) | undefined; readonly onProgress?: ((step: string) => void) | undefined },
): Promise<MongoCheck> {
  const shown = redactUri(uri);
  let MongoClient: MongoClientConstructor | undefined;
  try {
    MongoClient = clientClass(await (options.loadMongodb ?? (() => import('mongodb')))());
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { ...skippedMongo(uri, DRIVER_MISSING), status: 'failed', error: { name: 'Error', message: error instanceof Error ? error.message : String(error), code: typeof code === 'string' ? code : null } };
  }
  if (MongoClient === undefined) return { ...skippedMongo(uri, DRIVER_MISSING), status: 'failed', error: { name: 'Error', message: 'the mongodb module has no MongoClient', code: null } };

  // The credentials already resolved: this checks them, not another trip through the chain.
  const provider = createMongoAwsProvider({ provider: () => Promise.resolve(credentials) });
  options.onProgress?.(`Authenticating to MongoDB with MONGODB-AWS (${shown})…`);
  const started = performance.now();
  let client: MongoClientLike | undefined;
  try {
    client = new MongoClient(uri, {
      ...mongoAwsOptions(provider),
      appName: 'iamkit-doctor',
      maxPoolSize: 1,
      retryReads: false,
      retryWrites: false,
      serverSelectionTimeoutMS: options.timeoutMs,
      connectTimeoutMS: options.timeoutMs,
      socketTimeoutMS: options.timeoutMs * 2,
    });
    const admin = client.db('admin');
    await admin.command({ ping: 1 });
    const status = await admin.command({ connectionStatus: 1 });
    return { status: 'ok', uri: shown, durationMs: Math.round(performance.now() - started), user: authenticatedUser(status), error: null, explanation: null, note: '' };
  } catch (error) {
    const explanation = explainMongoAwsError(error, { provider });
    return {
      status: 'failed',
      uri: shown,
      durationMs: Math.round(performance.now() - started),
      user: null,
      error: { name: explanation.error.name, message: explanation.error.message, code: explanation.error.code ?? null },
      explanation: mongoExplanationView(explanation),
      note: '',
    };
  } finally {
    await client?.close().catch(() => undefined);
  }
}
