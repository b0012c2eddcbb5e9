import { inspect } from 'node:util';
import type { Credentials, CredentialsInit } from '@iamkit/credentials';
import type { Counters } from './counters.js';
import type { CredentialRotation } from './credential-rotation.js';
import type { EmulatorServer } from './emulator-server.js';
import type { Faults } from './faults.js';
import type { RequestLog } from './request-log.js';

/**
 * What every emulator handle offers: where it listens, what it saw, fault injection, and an
 * async `close()` that also ends keep-alive and deliberately hung sockets. `await using` works too.
 *
 * `util.inspect` and `JSON.stringify` of a handle show its address and counters, never the
 * credentials or tokens it hands out.
 *
 * @example
 * ```ts
 * await using imds = await startImds();
 * const provider = fromInstanceMetadata({ env: imds.env });
 * await provider();
 * expect(imds.counters.total).toBe(3);
 * ```
 * @public
 */
export interface EmulatorHandle extends AsyncDisposable {
  /** `'ecs-agent'`, `'pod-identity-agent'`, `'imds'`, … */
  readonly emulator: string;
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly requests: RequestLog;
  readonly counters: Counters;
  readonly faults: Faults;
  /** The environment variables a client needs to find this emulator (pass as an injected `env`). */
  readonly env: Readonly<Record<string, string>>;
  readonly closed: boolean;
  close(): Promise<void>;
}

/**
 * An emulator that hands out credentials, with the controls tests need: the credentials the next
 * request gets, forced rotation, and explicit credentials.
 *
 * @example
 * ```ts
 * const old = agent.credentials;
 * agent.rotate();
 * agent.setCredentials({ ...old, expiration: new Date(Date.now() - 1000) }); // serve expired keys
 * ```
 * @public
 */
export interface CredentialEmulatorHandle extends EmulatorHandle {
  /** The credentials the next request gets (rotating first if they are due). */
  readonly credentials: Credentials;
  /** How many credential sets have been issued or set so far (1 after the first request). */
  readonly rotations: number;
  /** Issues new keys now and returns them. */
  rotate(): Credentials;
  /**
   * Serves exactly these credentials — e.g. already expired ones — without automatic rotation,
   * until `rotate()` or the next `setCredentials()`. `expiration` defaults to now + lifetime.
   */
  setCredentials(init: CredentialsInit): Credentials;
}

/**
 * The shared implementation of {@link EmulatorHandle}: everything a handle shows of its
 * {@link EmulatorServer}, closing, and a secret-free `toJSON`/`util.inspect`.
 */
export abstract class EmulatorBase implements EmulatorHandle {
  abstract readonly emulator: string;
  abstract readonly env: Readonly<Record<string, string>>;
  protected readonly server: EmulatorServer;

  constructor(server: EmulatorServer) {
    this.server = server;
  }

  get url(): string {
    return this.server.url;
  }

  get host(): string {
    return this.server.host;
  }

  get port(): number {
    return this.server.port;
  }

  get requests(): RequestLog {
    return this.server.requests;
  }

  get counters(): Counters {
    return this.server.counters;
  }

  get faults(): Faults {
    return this.server.faults;
  }

  get closed(): boolean {
    return this.server.closed;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** A secret-free summary: what `util.inspect` and `JSON.stringify` show. */
  toJSON(): Record<string, unknown> {
    return {
      emulator: this.emulator,
      url: this.url,
      closed: this.closed,
      counters: this.counters.snapshot(),
      activeFaults: this.server.faults.active.length,
      ...this.describe(),
    };
  }

  [inspect.custom](depth: number, options: object): string {
    return `${this.inspectName()} ${inspect(this.toJSON(), { ...options, depth: depth < 0 ? 0 : depth })}`;
  }

  /** Emulator-specific, secret-free fields for {@link EmulatorBase.toJSON}. */
  protected describe(): Record<string, unknown> {
    return {};
  }

  /** What `util.inspect` names the handle. */
  protected inspectName(): string {
    return this.constructor.name;
  }
}

/** The shared implementation of {@link CredentialEmulatorHandle}. */
export abstract class CredentialEmulatorBase extends EmulatorBase implements CredentialEmulatorHandle {
  protected readonly rotation: CredentialRotation;

  constructor(server: EmulatorServer, rotation: CredentialRotation) {
    super(server);
    this.rotation = rotation;
  }

  get credentials(): Credentials {
    return this.rotation.current().credentials;
  }

  get rotations(): number {
    return this.rotation.count;
  }

  rotate(): Credentials {
    return this.rotation.rotate();
  }

  setCredentials(init: CredentialsInit): Credentials {
    return this.rotation.set(init);
  }
}
