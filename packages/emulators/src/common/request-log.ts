import { inspect } from 'node:util';
import type { FaultKind } from './faults.js';

/**
 * One request as an emulator saw it. Headers are lower-case and secret-free: `authorization`,
 * `x-aws-ec2-metadata-token` and similar are `[redacted]`, and anything that looks like a key or
 * token elsewhere is scrubbed.
 *
 * @example
 * ```ts
 * const entry = agent.requests.last();
 * entry?.status;                // 200, or undefined when nothing was answered
 * entry?.headers.authorization; // '[redacted]'
 * ```
 * @public
 */
export interface RequestLogEntry {
  /** 1 for the first request the emulator received, then 2, 3, … */
  readonly seq: number;
  /** When the request arrived, by the emulator's (injectable) clock. */
  readonly time: Date;
  readonly method: string;
  /** The request target: path and query, with secret query parameters redacted. */
  readonly path: string;
  /** The path without the query, e.g. `/v1/credentials`. */
  readonly pathname: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The client's IP address (the ECS agent keys its rate limit on it). */
  readonly clientAddress: string;
  readonly clientPort: number;
  /** The status sent, or `undefined` when no status line was sent (reset, never answered, hop limit). */
  readonly status: number | undefined;
  /** True when the emulator's own rate limiter refused the request. */
  readonly rateLimited: boolean;
  /** The fault that was applied to this request, if any. */
  readonly fault: FaultKind | undefined;
}

/**
 * Which requests {@link RequestLog.filter} and {@link RequestLog.count} select.
 *
 * @example
 * ```ts
 * imds.requests.count({ method: 'PUT', path: '/latest/api/token', status: 200 });
 * ```
 * @public
 */
export interface RequestFilter {
  readonly method?: string | undefined;
  /** Matches the pathname exactly (a string) or the full request target (a RegExp). */
  readonly path?: string | RegExp | undefined;
  readonly status?: number | undefined;
}

/**
 * Every request an emulator received, in arrival order, secret-free, so tests can assert exactly
 * what a client sent and how often.
 *
 * @example
 * ```ts
 * expect(agent.requests.count({ path: '/v1/credentials' })).toBe(1);
 * expect(agent.requests.last()?.headers.authorization).toBe('[redacted]');
 * ```
 * @public
 */
export class RequestLog {
  readonly #entries: RequestLogEntry[] = [];
  #seq = 0;

  /** A copy of all entries so far. */
  get entries(): readonly RequestLogEntry[] {
    return [...this.#entries];
  }

  get length(): number {
    return this.#entries.length;
  }

  /** The most recent entry. */
  last(): RequestLogEntry | undefined {
    return this.#entries.at(-1);
  }

  filter(filter: RequestFilter = {}): RequestLogEntry[] {
    return this.#entries.filter((entry) => matches(entry, filter));
  }

  count(filter: RequestFilter = {}): number {
    return this.filter(filter).length;
  }

  /** Forgets every entry (sequence numbers keep counting). */
  clear(): void {
    this.#entries.length = 0;
  }

  [Symbol.iterator](): IterableIterator<RequestLogEntry> {
    return this.entries[Symbol.iterator]();
  }

  toJSON(): readonly RequestLogEntry[] {
    return this.entries;
  }

  [inspect.custom](depth: number, options: object): string {
    return `RequestLog ${inspect(this.entries, { ...options, depth: depth < 0 ? 0 : depth })}`;
  }

  /** Records an entry; sequence numbers are assigned here, in the order requests are settled. @internal */
  add(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry {
    const full = Object.freeze({ seq: ++this.#seq, ...entry });
    this.#entries.push(full);
    return full;
  }
}

function matches(entry: RequestLogEntry, filter: RequestFilter): boolean {
  if (filter.method !== undefined && entry.method !== filter.method.toUpperCase()) return false;
  if (filter.status !== undefined && entry.status !== filter.status) return false;
  if (typeof filter.path === 'string' && entry.pathname !== filter.path) return false;
  if (filter.path instanceof RegExp && !filter.path.test(entry.path)) return false;
  return true;
}
