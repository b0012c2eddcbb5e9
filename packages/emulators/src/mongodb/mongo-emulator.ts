import { createServer, type Socket } from 'node:net';
import { inspect } from 'node:util';
import type { Clock } from '@iamkit/credentials';
import { createHttpStsVerifier, createMongoAwsServer, type MongoAwsServer, type RandomBytes, type StsVerifier } from '@iamkit/mongodb-aws-sasl';
import { type Document } from 'bson';
import { listenError, optionError } from '../common/errors.js';
import { formatHost } from '../common/emulator-request.js';
import { MemoryStore } from './memory-store.js';
import { serveConnection } from './mongo-connection.js';
import type { MongoContext } from './mongo-context.js';
import { MongoFaultInjector, type MongoFaults } from './mongo-faults.js';
import { MongoCommandLog, MongoCounters } from './mongo-log.js';

/**
 * Options of {@link startMongo}.
 *
 * @example
 * ```ts
 * const options: MongoEmulatorOptions = { sts: { verify: createLocalStsVerifier({ identities }) }, users: ['arn:aws:iam::123456789012:user/Alice'] };
 * ```
 * @public
 */
export interface MongoEmulatorOptions {
  /** Interface to listen on; default `127.0.0.1`. */
  readonly host?: string | undefined;
  /** Default 0 (a free port). */
  readonly port?: number | undefined;
  /**
   * Where the rebuilt STS request goes: `{ url }` POSTs it there over HTTP as mongod does (the
   * iamkit STS emulator, or a real endpoint; `retryCount` is mongod's awsSTSRetryCount, default
   * 2), or `{ verify }` hands it to any verifier (e.g. `createLocalStsVerifier`).
   */
  readonly sts: { readonly url: string | URL; readonly retryCount?: number | undefined } | { readonly verify: StsVerifier; readonly url?: string | URL | undefined };
  /** `h` sent to clients (and the `Host` sent to STS). Default: the host of `sts.url` without port, else `sts.amazonaws.com`. */
  readonly stsHost?: string | undefined;
  /** The `$external` users: IAM user ARNs, or `arn:…:sts::…:assumed-role/<role>/*`. */
  readonly users?: Iterable<string> | undefined;
  /** mongod's authFailedDelay: how long a failed authentication waits before its code-18 reply. Default 0. */
  readonly authFailedDelayMs?: number | undefined;
  /** The clock for `localTime` and the logs; default `Date.now`. */
  readonly now?: Clock | undefined;
  /** Where the server nonce's random bytes come from; default `crypto.randomBytes`. */
  readonly randomBytes?: RandomBytes | undefined;
  /** Advertised in hello; default 21 (MongoDB 7.0), which the drivers 6.x and 7.x both accept. */
  readonly maxWireVersion?: number | undefined;
}

/**
 * A running MongoDB emulator.
 *
 * @example
 * ```ts
 * await using mongo = await startMongo({ sts: { verify }, users: [arn] });
 * const client = new MongoClient(mongo.uri, { authMechanismProperties: { AWS_CREDENTIAL_PROVIDER: provider } });
 * ```
 * @public
 */
export interface MongoEmulator extends AsyncDisposable {
  readonly emulator: 'mongodb';
  /** `mongodb://127.0.0.1:PORT/?authMechanism=MONGODB-AWS&authSource=$external` */
  readonly uri: string;
  readonly host: string;
  readonly port: number;
  /** `h`, as clients receive it. */
  readonly stsHost: string;
  readonly counters: MongoCounters;
  /** Every command received (names and outcomes only). */
  readonly commands: MongoCommandLog;
  readonly faults: MongoFaults;
  /** The `$external` users; change it with `addUser` / `removeUser`. */
  readonly users: ReadonlySet<string>;
  addUser(name: string): void;
  removeUser(name: string): boolean;
  /** The documents of `<db>.<collection>`, decoded (copies). */
  documents(db: string, collection: string): Document[];
  readonly closed: boolean;
  close(): Promise<void>;
}

function resolve(options: MongoEmulatorOptions): { host: string; port: number; server: MongoAwsServer; authFailedDelayMs: number; maxWireVersion: number; users: Set<string> } {
  if (typeof options !== 'object' || (options as unknown) === null || typeof options.sts !== 'object' || (options.sts as unknown) === null) {
    throw optionError('mongodb', 'sts', 'is required: { url } of an STS endpoint, or { verify } (e.g. createLocalStsVerifier from @iamkit/mongodb-aws-sasl)');
  }
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (typeof host !== 'string' || host === '') throw optionError('mongodb', 'host', 'must be a non-empty host name or IP address');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw optionError('mongodb', 'port', 'must be an integer from 0 to 65535 (0 picks a free port)');
  const authFailedDelayMs = options.authFailedDelayMs ?? 0;
  if (!(Number.isFinite(authFailedDelayMs) && authFailedDelayMs >= 0)) throw optionError('mongodb', 'authFailedDelayMs', 'must be a finite number of milliseconds, 0 or more');
  const maxWireVersion = options.maxWireVersion ?? 21;
  if (!(Number.isInteger(maxWireVersion) && maxWireVersion >= 9)) throw optionError('mongodb', 'maxWireVersion', 'must be an integer, 9 (MongoDB 4.4, the first with MONGODB-AWS) or more');
  const users = new Set(options.users ?? []);
  const sts = options.sts;
  const verify = 'verify' in sts && typeof sts.verify === 'function' ? sts.verify : createHttpStsVerifier({ retryCount: 'retryCount' in sts ? sts.retryCount : undefined });
  if (!('verify' in sts) && (sts as { url?: unknown }).url === undefined) throw optionError('mongodb', 'sts.url', 'must be the STS endpoint URL');
  let server: MongoAwsServer;
  try {
    server = createMongoAwsServer({ verify, stsUrl: sts.url, stsHost: options.stsHost, users: (user) => users.has(user), randomBytes: options.randomBytes });
  } catch (error) {
    throw optionError('mongodb', options.stsHost === undefined ? 'sts.url' : 'stsHost', `is not usable: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { host, port, server, authFailedDelayMs, maxWireVersion, users };
}

/**
 * Starts a MongoDB wire-protocol server on loopback that does the server half of MONGODB-AWS as
 * mongod Enterprise does, for testing drivers and credential providers for real: OP_MSG (checksums,
 * document sequences, moreToCome) and the legacy OP_QUERY handshake; `hello`/`isMaster` as a
 * standalone 7.0; `saslStart`/`saslContinue` through `@iamkit/mongodb-aws-sasl`'s server half (every
 * failure answered with code 18 after `authFailedDelayMs`, the reason kept in
 * `counters.authFailures`); code 13 for commands on unauthenticated connections; `ping`,
 * `buildInfo`, `connectionStatus`, `endSessions`, `logout` and in-memory `insert`, `find`,
 * `getMore`, `killCursors`, `drop`.
 *
 * @example
 * ```ts
 * import { createLocalStsVerifier } from '@iamkit/mongodb-aws-sasl';
 * const verify = createLocalStsVerifier({ identities: [{ ...credentials, arn: 'arn:aws:iam::123456789012:user/Alice' }] });
 * await using mongo = await startMongo({ sts: { verify }, users: ['arn:aws:iam::123456789012:user/Alice'] });
 * const client = new MongoClient(mongo.uri, { authMechanismProperties: { AWS_CREDENTIAL_PROVIDER: async () => credentials } });
 * await client.db('app').collection('items').insertOne({ a: 1 });
 * ```
 * @public
 */
export async function startMongo(options: MongoEmulatorOptions): Promise<MongoEmulator> {
  const resolved = resolve(options);
  const pauses = new Map<NodeJS.Timeout, () => void>();
  let closing: Promise<void> | undefined;
  const context: MongoContext = {
    now: options.now ?? Date.now,
    server: resolved.server,
    users: resolved.users,
    store: new MemoryStore(),
    counters: new MongoCounters(),
    commands: new MongoCommandLog(),
    faults: new MongoFaultInjector(),
    authFailedDelayMs: resolved.authFailedDelayMs,
    maxWireVersion: resolved.maxWireVersion,
    delay: (ms) =>
      new Promise<void>((done) => {
        if (closing !== undefined) {
          done();
          return;
        }
        const timer = setTimeout(() => {
          pauses.delete(timer);
          done();
        }, ms);
        pauses.set(timer, done);
      }),
  };
  const sockets = new Set<Socket>();
  let connectionIds = 0;
  let requestIds = 0;
  const server = createServer((socket) => {
    sockets.add(socket);
    context.counters.opened();
    socket.on('error', () => undefined);
    socket.once('close', () => {
      sockets.delete(socket);
      context.counters.closed();
    });
    serveConnection(context, socket, ++connectionIds, () => ++requestIds);
  });
  const address = formatHost(resolved.host);
  await new Promise<void>((done, reject) => {
    const onError = (error: unknown): void => {
      reject(listenError('mongodb', `${address}:${resolved.port}`, error));
    };
    server.once('error', onError);
    server.listen({ host: resolved.host, port: resolved.port }, () => {
      server.off('error', onError);
      done();
    });
  });
  const bound = server.address();
  const port = typeof bound === 'object' && bound !== null ? bound.port : resolved.port;
  return new MongoEmulatorHandle(context, resolved.host, port, address, () => {
    closing ??= new Promise<void>((done) => {
      for (const [timer, wake] of pauses) {
        clearTimeout(timer);
        wake();
      }
      pauses.clear();
      server.close(() => {
        done();
      });
      for (const socket of sockets) socket.destroy();
    });
    return closing;
  }, () => closing !== undefined);
}

class MongoEmulatorHandle implements MongoEmulator {
  readonly emulator = 'mongodb';
  readonly uri: string;
  readonly host: string;
  readonly port: number;
  readonly #context: MongoContext;
  readonly #close: () => Promise<void>;
  readonly #isClosed: () => boolean;

  constructor(context: MongoContext, host: string, port: number, address: string, close: () => Promise<void>, isClosed: () => boolean) {
    this.#context = context;
    this.host = host;
    this.port = port;
    this.uri = `mongodb://${address}:${port}/?authMechanism=MONGODB-AWS&authSource=$external`;
    this.#close = close;
    this.#isClosed = isClosed;
  }

  get stsHost(): string {
    return this.#context.server.stsHost;
  }

  get counters(): MongoCounters {
    return this.#context.counters;
  }

  get commands(): MongoCommandLog {
    return this.#context.commands;
  }

  get faults(): MongoFaults {
    return this.#context.faults;
  }

  get users(): ReadonlySet<string> {
    return new Set(this.#context.users);
  }

  addUser(name: string): void {
    this.#context.users.add(name);
  }

  removeUser(name: string): boolean {
    return this.#context.users.delete(name);
  }

  documents(db: string, collection: string): Document[] {
    return this.#context.store.documents(`${db}.${collection}`);
  }

  get closed(): boolean {
    return this.#isClosed();
  }

  close(): Promise<void> {
    return this.#close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  toJSON(): Record<string, unknown> {
    return { emulator: this.emulator, uri: this.uri, stsHost: this.stsHost, closed: this.closed, users: [...this.#context.users], counters: this.counters.snapshot(), activeFaults: this.faults.active.length };
  }

  [inspect.custom](depth: number, options: object): string {
    return `MongoEmulator ${inspect(this.toJSON(), { ...options, depth: depth < 0 ? 0 : depth })}`;
  }
}
