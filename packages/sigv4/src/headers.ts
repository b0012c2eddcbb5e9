import { SigV4Error } from './errors.js';
import { canonicalHeaderValue } from './header-value.js';
import { lowerToken } from './http-token.js';
import { newHeaders } from './redact.js';

/**
 * One header value: a string, a number (`Content-Length: 43`), or several values for a repeated
 * header (joined with `,` as SigV4 and HTTP do).
 *
 * @example
 * ```ts
 * const value: HeaderValue = ['value2', 'value1'];
 * ```
 * @public
 */
export type HeaderValue = string | number | readonly (string | number)[];

/**
 * Request headers as a plain object (`undefined`/`null` values are skipped), an iterable of
 * `[name, value]` pairs (repeated names allowed), or a WHATWG `Headers`.
 *
 * @example
 * ```ts
 * const headers: HeadersInput = [['My-Header', 'a'], ['my-header', 'b']]; // signs my-header:a,b
 * ```
 * @public
 */
export type HeadersInput =
  | Readonly<Record<string, HeaderValue | undefined | null>>
  | Iterable<readonly [string, string | number]>
  | Headers;

/**
 * The headers of one request, in the order given, merged case-insensitively: `names` are lower
 * case, `rawNames` keep the first spelling, `canon` holds the canonical (trimmed, collapsed,
 * comma-joined) value, and `raw` the value to send. Parallel arrays keep the hot path free of
 * per-header objects.
 * @internal
 */
export class HeaderList {
  readonly names: string[] = [];
  readonly rawNames: string[] = [];
  readonly raw: string[] = [];
  readonly canon: string[] = [];
  /** Some value used obsolete line folding (and must be sent unfolded). */
  folded = false;

  indexOf(name: string): number {
    return this.names.indexOf(name);
  }

  /** Adds a value the signer produced itself (already canonical and free of CR/LF). */
  push(name: string, rawName: string, value: string): void {
    this.names.push(name);
    this.rawNames.push(rawName);
    this.raw.push(value);
    this.canon.push(value);
  }

  remove(name: string): void {
    const index = this.names.indexOf(name);
    if (index < 0) return;
    this.names.splice(index, 1);
    this.rawNames.splice(index, 1);
    this.raw.splice(index, 1);
    this.canon.splice(index, 1);
  }

  /** Adds a caller's header, validating the name (through `lower`) and the value. */
  add(rawName: string, value: string | number, lower: (rawName: string) => string | undefined = lowerToken): void {
    const name = lower(rawName);
    if (name === undefined) throw invalidName(rawName);
    const text = typeof value === 'string' ? value : valueToString(rawName, value);
    const canon = canonicalHeaderValue(rawName, text);
    if (canon !== text && !this.folded) this.folded = text.includes('\n');
    const index = this.names.indexOf(name);
    if (index < 0) {
      this.names.push(name);
      this.rawNames.push(rawName);
      this.raw.push(text);
      this.canon.push(canon);
    } else {
      // A repeated header: SigV4 joins the trimmed values with ',' in order, and so does the
      // header we send, so the server's canonical form is ours.
      const joined = `${this.canon[index] ?? ''},${canon}`;
      this.canon[index] = joined;
      this.raw[index] = joined;
    }
  }
}

function invalidName(name: unknown): SigV4Error {
  const shown = typeof name === 'string' ? JSON.stringify(name.slice(0, 64)) : typeof name;
  return new SigV4Error(
    'ERR_SIGV4_INVALID_HEADER',
    `header name ${shown} is not a valid HTTP token (letters, digits and !#$%&'*+-.^_\`|~ only, no spaces, colons or line breaks); fix the name in request.headers.`,
  );
}

function valueToString(name: string, value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new SigV4Error(
    'ERR_SIGV4_INVALID_HEADER',
    `header "${name.slice(0, 64)}" must have a string or finite number value (got ${typeof value}); convert it before signing.`,
  );
}

/**
 * The headers to send, as a record whose JSON and inspect output hide the session token. Each
 * value is as given, except that a folded value is sent unfolded — fetch, undici and
 * http.request refuse line breaks in header values, and the server's canonical form of the
 * unfolded value is the one that was signed.
 * @internal
 */
export function sendableHeaders(list: HeaderList): Record<string, string> {
  const headers = newHeaders();
  const { rawNames, raw, canon, folded } = list;
  for (let i = 0; i < rawNames.length; i++) {
    const value = raw[i] ?? '';
    headers[rawNames[i] ?? ''] = folded && (value.includes('\n') || value.includes('\r')) ? (canon[i] ?? '') : value;
  }
  return headers;
}

/**
 * Reads any {@link HeadersInput} into a {@link HeaderList}, validating every name and value.
 * @internal
 */
export function collectHeaders(headers: HeadersInput | undefined, lower: (rawName: string) => string | undefined = lowerToken): HeaderList {
  const list = new HeaderList();
  // Typed loosely on purpose: JavaScript callers pass null, strings, numbers.
  const input: unknown = headers;
  if (input === undefined || input === null) return list;
  if (typeof input !== 'object') {
    throw new SigV4Error('ERR_SIGV4_INVALID_HEADER', 'request.headers must be a plain object, an array of [name, value] pairs or a Headers object.');
  }
  if (Symbol.iterator in input) {
    for (const entry of input as Iterable<unknown>) {
      const pair = entry as readonly unknown[];
      if (!Array.isArray(entry) || pair.length < 2 || typeof pair[0] !== 'string') {
        throw new SigV4Error('ERR_SIGV4_INVALID_HEADER', 'every entry of request.headers must be a [name, value] pair with a string name.');
      }
      // add() checks the value's type at run time.
      list.add(pair[0], pair[1] as string | number, lower);
    }
    return list;
  }
  const record = input as Readonly<Record<string, HeaderValue | undefined | null>>;
  for (const name of Object.keys(record)) {
    const value = record[name];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' || typeof value === 'number') list.add(name, value, lower);
    else if (Array.isArray(value)) for (const item of value as readonly (string | number)[]) list.add(name, item, lower);
    else throw invalidValueType(name);
  }
  return list;
}

function invalidValueType(name: string): SigV4Error {
  return new SigV4Error(
    'ERR_SIGV4_INVALID_HEADER',
    `header "${name.slice(0, 64)}" must be a string, a number or an array of them; convert it before signing.`,
  );
}
