/**
 * An environment to read configuration from. Every iamkit source takes one as the `env` option
 * (defaulting to `process.env`), so tests and multi-tenant apps inject their own instead of
 * mutating the process's.
 *
 * @example
 * ```ts
 * fromEnv({ env: { AWS_ACCESS_KEY_ID: 'AKID…', AWS_SECRET_ACCESS_KEY: '…' } });
 * ```
 * @public
 */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * A clock returning milliseconds since the epoch, like `Date.now`. Injected so that every
 * expiry window is tested with a fake clock instead of sleeps.
 *
 * @example
 * ```ts
 * let t = Date.parse('2026-01-01T00:00:00Z');
 * const clock: Clock = () => t;
 * ```
 * @public
 */
export type Clock = () => number;

/**
 * A source of uniform random numbers in [0, 1), like `Math.random`; injected for jitter so tests
 * can check the distribution deterministically.
 *
 * @example
 * ```ts
 * const random: RandomSource = () => 0.5;
 * ```
 * @public
 */
export type RandomSource = () => number;

/**
 * Reads a UTF-8 text file (token files, shared config files). Injected in tests; the default is
 * `fs.promises.readFile(path, 'utf8')`.
 *
 * @example
 * ```ts
 * const readFile: ReadTextFile = async (path) => files[path] ?? Promise.reject(Object.assign(new Error('ENOENT'), { code: 'ENOENT' }));
 * ```
 * @public
 */
export type ReadTextFile = (path: string) => Promise<string>;

/**
 * The injectable surroundings most iamkit functions accept.
 *
 * @example
 * ```ts
 * fromContainerMetadata({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: url }, now: () => fakeNow });
 * ```
 * @public
 */
export interface RuntimeOptions {
  /** Defaults to `process.env`. */
  readonly env?: Env | undefined;
  /** Defaults to `Date.now`. */
  readonly now?: Clock | undefined;
  /** Defaults to `Math.random`. */
  readonly random?: RandomSource | undefined;
  /** Defaults to reading the file system. */
  readonly readFile?: ReadTextFile | undefined;
}
