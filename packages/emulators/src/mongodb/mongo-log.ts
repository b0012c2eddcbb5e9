import { inspect } from 'node:util';
import type { MongoFaultResponse } from './mongo-faults.js';

/**
 * One command the MongoDB emulator received. It names the command and its outcome, never its
 * arguments: no SASL payload (which carries a signature and a session token), no documents.
 *
 * @example
 * ```ts
 * const entry = mongo.commands.last();
 * entry?.command; // 'saslContinue'
 * entry?.code;    // 18
 * ```
 * @public
 */
export interface MongoCommandLogEntry {
  readonly seq: number;
  /** By the emulator's (injectable) clock. */
  readonly time: Date;
  readonly connectionId: number;
  readonly clientAddress: string;
  readonly clientPort: number;
  readonly opCode: 'OP_MSG' | 'OP_QUERY';
  readonly db: string;
  readonly command: string;
  /** The collection for CRUD commands. */
  readonly collection: string | undefined;
  /** The `$external` user the connection was authenticated as when the command arrived. */
  readonly user: string | undefined;
  /** `true` for `ok: 1`; `undefined` when nothing was answered (dropped, never answered, moreToCome). */
  readonly ok: boolean | undefined;
  readonly code: number | undefined;
  readonly fault: MongoFaultResponse['kind'] | undefined;
}

/**
 * Why one authentication failed: the server-side reason (mongod's log line), never sent to the client.
 *
 * @example
 * ```ts
 * expect(mongo.counters.authFailures[0]?.reason).toMatch(/ExpiredToken/);
 * ```
 * @public
 */
export interface MongoAuthFailure {
  readonly time: Date;
  readonly connectionId: number;
  readonly reason: string;
  /** The `ERR_MONGODB_AWS_*` code, or `ERR_EMULATOR_FAULT` for an injected failure. */
  readonly code: string;
  readonly mongodCode: number | undefined;
  readonly stsCode: string | undefined;
}

/**
 * Filter of {@link MongoCommandLog.filter}.
 *
 * @example
 * ```ts
 * mongo.commands.count({ command: 'saslStart', ok: false });
 * ```
 * @public
 */
export interface MongoCommandFilter {
  readonly command?: string | undefined;
  readonly connectionId?: number | undefined;
  readonly ok?: boolean | undefined;
}

/**
 * Every command the MongoDB emulator handled, in order, secret-free.
 *
 * @example
 * ```ts
 * expect(mongo.commands.count({ command: 'find' })).toBe(1);
 * ```
 * @public
 */
export class MongoCommandLog {
  readonly #entries: MongoCommandLogEntry[] = [];
  #seq = 0;

  get entries(): readonly MongoCommandLogEntry[] {
    return [...this.#entries];
  }

  get length(): number {
    return this.#entries.length;
  }

  last(): MongoCommandLogEntry | undefined {
    return this.#entries.at(-1);
  }

  filter(filter: MongoCommandFilter = {}): MongoCommandLogEntry[] {
    return this.#entries.filter(
      (e) => (filter.command === undefined || e.command === filter.command) && (filter.connectionId === undefined || e.connectionId === filter.connectionId) && (filter.ok === undefined || e.ok === filter.ok),
    );
  }

  count(filter: MongoCommandFilter = {}): number {
    return this.filter(filter).length;
  }

  clear(): void {
    this.#entries.length = 0;
  }

  toJSON(): readonly MongoCommandLogEntry[] {
    return this.entries;
  }

  [inspect.custom](depth: number, options: object): string {
    return `MongoCommandLog ${inspect(this.entries, { ...options, depth: depth < 0 ? 0 : depth })}`;
  }

  /** @internal */
  add(entry: Omit<MongoCommandLogEntry, 'seq'>): void {
    this.#entries.push(Object.freeze({ seq: ++this.#seq, ...entry }));
  }
}

/**
 * A plain copy of {@link MongoCounters}.
 *
 * @example
 * ```ts
 * expect(mongo.counters.snapshot()).toMatchObject({ connections: 2, authSucceeded: 2 });
 * ```
 * @public
 */
export interface MongoCountersSnapshot {
  readonly connections: number;
  readonly openConnections: number;
  readonly commands: number;
  readonly authSucceeded: number;
  readonly authFailed: number;
  readonly byCommand: Readonly<Record<string, number>>;
  readonly authFailures: readonly MongoAuthFailure[];
}

/**
 * Counters of the MongoDB emulator: connections, commands by name, and authentications with the
 * server-side reason of every failure.
 *
 * @example
 * ```ts
 * expect(mongo.counters.authFailed).toBe(1);
 * expect(mongo.counters.authFailures[0]?.stsCode).toBe('SignatureDoesNotMatch');
 * ```
 * @public
 */
export class MongoCounters {
  #connections = 0;
  #open = 0;
  #commands = 0;
  #authSucceeded = 0;
  readonly #byCommand = new Map<string, number>();
  readonly #failures: MongoAuthFailure[] = [];

  /** Connections accepted so far. */
  get connections(): number {
    return this.#connections;
  }

  get openConnections(): number {
    return this.#open;
  }

  get commands(): number {
    return this.#commands;
  }

  get authSucceeded(): number {
    return this.#authSucceeded;
  }

  get authFailed(): number {
    return this.#failures.length;
  }

  get authFailures(): readonly MongoAuthFailure[] {
    return [...this.#failures];
  }

  command(name: string): number {
    return this.#byCommand.get(name) ?? 0;
  }

  snapshot(): MongoCountersSnapshot {
    return {
      connections: this.#connections,
      openConnections: this.#open,
      commands: this.#commands,
      authSucceeded: this.#authSucceeded,
      authFailed: this.authFailed,
      byCommand: Object.fromEntries(this.#byCommand),
      authFailures: this.authFailures,
    };
  }

  reset(): void {
    this.#connections = 0;
    this.#commands = 0;
    this.#authSucceeded = 0;
    this.#byCommand.clear();
    this.#failures.length = 0;
  }

  toJSON(): MongoCountersSnapshot {
    return this.snapshot();
  }

  [inspect.custom](depth: number, options: object): string {
    return `MongoCounters ${inspect(this.snapshot(), { ...options, depth: depth < 0 ? 0 : depth })}`;
  }

  /** @internal */
  opened(): void {
    this.#connections++;
    this.#open++;
  }

  /** @internal */
  closed(): void {
    this.#open--;
  }

  /** @internal */
  counted(command: string): void {
    this.#commands++;
    this.#byCommand.set(command, (this.#byCommand.get(command) ?? 0) + 1);
  }

  /** @internal */
  authenticated(): void {
    this.#authSucceeded++;
  }

  /** @internal */
  authFailure(failure: MongoAuthFailure): void {
    this.#failures.push(Object.freeze(failure));
  }
}
