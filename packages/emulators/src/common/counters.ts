import { inspect } from 'node:util';

/**
 * A plain copy of {@link Counters}.
 *
 * @example
 * ```ts
 * expect(agent.counters.snapshot()).toMatchObject({ total: 100, throttled: 40 });
 * ```
 * @public
 */
export interface CountersSnapshot {
  readonly total: number;
  /** Responses with status 429, from the emulator's limiter or from a fault. */
  readonly throttled: number;
  /** Requests the emulator's own rate limiter refused. */
  readonly rateLimited: number;
  /** Requests that got no status line (connection reset, never answered). */
  readonly noResponse: number;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly byPath: Readonly<Record<string, number>>;
}

/**
 * Request counters of one emulator: total, by status, by path, 429s, and requests that got no
 * answer — so a test can assert "exactly one credential request" or "zero 429s".
 *
 * @example
 * ```ts
 * expect(agent.counters.total).toBe(1);
 * expect(agent.counters.throttled).toBe(0);
 * expect(agent.counters.status(200)).toBe(1);
 * ```
 * @public
 */
export class Counters {
  #total = 0;
  #throttled = 0;
  #rateLimited = 0;
  #noResponse = 0;
  readonly #byStatus = new Map<number, number>();
  readonly #byPath = new Map<string, number>();

  get total(): number {
    return this.#total;
  }

  get throttled(): number {
    return this.#throttled;
  }

  get rateLimited(): number {
    return this.#rateLimited;
  }

  get noResponse(): number {
    return this.#noResponse;
  }

  /** How many responses had this status. */
  status(status: number): number {
    return this.#byStatus.get(status) ?? 0;
  }

  /** How many requests went to this pathname (query excluded). */
  path(pathname: string): number {
    return this.#byPath.get(pathname) ?? 0;
  }

  snapshot(): CountersSnapshot {
    return {
      total: this.#total,
      throttled: this.#throttled,
      rateLimited: this.#rateLimited,
      noResponse: this.#noResponse,
      byStatus: Object.fromEntries([...this.#byStatus].map(([status, n]) => [String(status), n])),
      byPath: Object.fromEntries(this.#byPath),
    };
  }

  /** Sets everything back to zero. */
  reset(): void {
    this.#total = 0;
    this.#throttled = 0;
    this.#rateLimited = 0;
    this.#noResponse = 0;
    this.#byStatus.clear();
    this.#byPath.clear();
  }

  toJSON(): CountersSnapshot {
    return this.snapshot();
  }

  [inspect.custom](depth: number, options: object): string {
    return `Counters ${inspect(this.snapshot(), { ...options, depth: depth < 0 ? 0 : depth })}`;
  }

  /** Counts one settled request. @internal */
  record(pathname: string, status: number | undefined, rateLimited: boolean): void {
    this.#total++;
    this.#byPath.set(pathname, (this.#byPath.get(pathname) ?? 0) + 1);
    if (status === undefined) {
      this.#noResponse++;
      return;
    }
    this.#byStatus.set(status, (this.#byStatus.get(status) ?? 0) + 1);
    if (status === 429) this.#throttled++;
    if (rateLimited) this.#rateLimited++;
  }
}
