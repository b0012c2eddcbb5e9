// One brand for every iamkit error, registered globally with Symbol.for so that an error thrown by
// the CJS copy of a package is still recognised by the ESM copy (or by a second installed version).
const BRAND = Symbol.for('iamkit.error');

/**
 * The codes `@iamkit/credentials` itself raises. Sources add their own (`ERR_CONTAINER_…`,
 * `ERR_IMDS_…`, …); all of them travel in {@link IamkitError}.
 *
 * @example
 * ```ts
 * const retryLater: CredentialsErrorCode[] = ['ERR_CREDENTIALS_THROTTLED', 'ERR_HTTP_TIMEOUT'];
 * ```
 * @public
 */
export type CredentialsErrorCode =
  /** This source is not set up in this environment; the only code on which a chain moves on. */
  | 'ERR_CREDENTIALS_NOT_CONFIGURED'
  /** A chain tried every source and none was configured. */
  | 'ERR_CREDENTIALS_NONE_CONFIGURED'
  /** A source produced credentials with a missing or malformed field. */
  | 'ERR_CREDENTIALS_INVALID'
  /** A source produced credentials that have already expired (or are inside the mandatory window). */
  | 'ERR_CREDENTIALS_EXPIRED'
  /** The source answered "too many requests"; `retryAfterMs` says when to come back. */
  | 'ERR_CREDENTIALS_THROTTLED'
  /** An option or environment variable has a value iamkit cannot use. */
  | 'ERR_CONFIG_INVALID'
  /** A call was abandoned through its AbortSignal. */
  | 'ERR_ABORTED'
  /** A provider threw something that is not an iamkit error; the original is the `cause`. */
  | 'ERR_CREDENTIALS_SOURCE_FAILED'
  /** An HTTP request timed out; the message says which phase (connect, headers, body). */
  | 'ERR_HTTP_TIMEOUT'
  /** The connection was refused, reset or closed before a response arrived. */
  | 'ERR_HTTP_CONNECTION'
  /** The server answered with a non-2xx status (429 is `ERR_CREDENTIALS_THROTTLED`). */
  | 'ERR_HTTP_STATUS'
  /** The response body exceeded the size cap. */
  | 'ERR_HTTP_BODY_TOO_LARGE'
  /** The body ended early: content-length mismatch, premature close, or JSON cut short. */
  | 'ERR_HTTP_TRUNCATED_BODY'
  /** The body is complete but not valid JSON (or not the expected shape). */
  | 'ERR_HTTP_MALFORMED_BODY';

/**
 * Constructor fields of {@link IamkitError}.
 *
 * @example
 * ```ts
 * new IamkitError({ code: 'ERR_IMDS_TOKEN', source: 'imds', retryable: true, message: 'imds: …; set AWS_EC2_METADATA_DISABLED=true off EC2' });
 * ```
 * @public
 */
export interface IamkitErrorOptions<C extends string = string> {
  readonly code: C;
  /** What went wrong and what to change (an env var, a file, an option). Never a secret. */
  readonly message: string;
  /** The credential source or component: `'env'`, `'container'`, `'imds'`, `'cache'`, … */
  readonly source?: string | undefined;
  /** Whether trying again later can succeed (throttling, timeouts, 5xx). Defaults to false. */
  readonly retryable?: boolean | undefined;
  /** How long the source asked us to wait (`Retry-After`), in milliseconds. */
  readonly retryAfterMs?: number | undefined;
  /** HTTP status, when the failure came from an HTTP response. */
  readonly status?: number | undefined;
  readonly cause?: unknown;
}

/**
 * The base of every error iamkit throws: a stable `code` to switch on, the `source` that failed,
 * whether retrying can help, and the underlying `cause`. Messages name the fix and never contain a
 * secret; `toJSON()` and `util.inspect` stay secret-free too.
 *
 * `instanceof IamkitError` and {@link isIamkitError} work across the ESM and CJS builds and across
 * two installed copies of iamkit.
 *
 * @example
 * ```ts
 * try {
 *   await provider();
 * } catch (error) {
 *   if (isIamkitError(error) && error.code === 'ERR_CREDENTIALS_THROTTLED') {
 *     console.warn(`throttled by ${error.source}, retry in ${error.retryAfterMs} ms`);
 *   }
 * }
 * ```
 * @public
 */
export class IamkitError<C extends string = string> extends Error {
  override readonly name: string = 'IamkitError';
  readonly code: C;
  readonly source: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly status: number | undefined;

  constructor(options: IamkitErrorOptions<C>) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.source = options.source;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.status = options.status;
    Object.defineProperty(this, BRAND, { value: true, enumerable: false });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    // The base class answers by brand, so it works across copies; subclasses (e.g.
    // NotConfiguredError) additionally need their own prototype chain.
    if (this === IamkitError) return isIamkitError(value);
    return isIamkitError(value) && Object.prototype.isPrototypeOf.call(this.prototype, value);
  }

  /** A plain, secret-free view for logs and `--json` output. */
  toJSON(): IamkitErrorJSON {
    const json: { -readonly [K in keyof IamkitErrorJSON]: IamkitErrorJSON[K] } = {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
    };
    if (this.source !== undefined) json.source = this.source;
    if (this.retryAfterMs !== undefined) json.retryAfterMs = this.retryAfterMs;
    if (this.status !== undefined) json.status = this.status;
    if (this.cause !== undefined) json.cause = causeToJSON(this.cause);
    return json;
  }
}

/**
 * The shape of {@link IamkitError.toJSON}.
 *
 * @example
 * ```ts
 * const json: IamkitErrorJSON = error.toJSON(); // { name, code, message, retryable, source?, … }
 * ```
 * @public
 */
export interface IamkitErrorJSON {
  readonly name: string;
  readonly code: string;
  readonly message: string;
  readonly retryable: boolean;
  readonly source?: string;
  readonly retryAfterMs?: number;
  readonly status?: number;
  readonly cause?: unknown;
}

function causeToJSON(cause: unknown): unknown {
  if (isIamkitError(cause)) return cause.toJSON();
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string'
      ? { name: cause.name, code, message: cause.message }
      : { name: cause.name, message: cause.message };
  }
  return String(cause);
}

/**
 * True for any error thrown by iamkit (from any copy of any iamkit package), optionally only for
 * the given `code`.
 *
 * @example
 * ```ts
 * if (isIamkitError(error, 'ERR_CREDENTIALS_NOT_CONFIGURED')) moveOn();
 * ```
 * @public
 */
export function isIamkitError(value: unknown, code?: string): value is IamkitError {
  if (typeof value !== 'object' || value === null) return false;
  if ((value as Record<symbol, unknown>)[BRAND] !== true) return false;
  return code === undefined || (value as { code?: unknown }).code === code;
}

/**
 * Wraps anything thrown into an {@link IamkitError} (returned as is when it already is one), so
 * callers always get a `code`.
 *
 * @example
 * ```ts
 * catch (e) { throw toIamkitError(e, { code: 'ERR_PROCESS_FAILED', source: 'process', message: '…' }); }
 * ```
 * @public
 */
export function toIamkitError(value: unknown, fallback: IamkitErrorOptions): IamkitError {
  if (isIamkitError(value)) return value;
  return new IamkitError({ ...fallback, cause: value });
}
