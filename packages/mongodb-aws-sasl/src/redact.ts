import { inspect } from 'node:util';

const REDACTED = '[redacted]';

/**
 * Makes `target` show `view()` in `JSON.stringify`, `util.inspect` and `console.log`, through
 * non-enumerable members, so spreading or iterating it still yields the real fields.
 * @internal
 */
export function showAs<T extends object>(target: T, view: () => unknown): T {
  Object.defineProperties(target, {
    toJSON: { value: view, enumerable: false },
    [inspect.custom]: { value: view, enumerable: false },
  });
  return target;
}

/** A copy of `record` with the named keys (any case) replaced by `[redacted]`. @internal */
export function redactKeys(record: Readonly<Record<string, unknown>>, secret: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) out[key] = secret.has(key.toLowerCase()) ? REDACTED : value;
  return out;
}

/** Header names whose values are credentials (lower case). @internal */
export const SECRET_HEADERS: ReadonlySet<string> = new Set(['authorization', 'x-amz-security-token']);

export { REDACTED };
