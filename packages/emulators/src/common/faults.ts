import { inspect } from 'node:util';
import { FaultRuleList, validateCounts } from './fault-rule-list.js';
import { faultError } from './errors.js';

/**
 * What a fault does to a matching request. Every kind accepts `delayMs`, a pause before anything
 * is sent (and before the emulator itself looks at the request).
 *
 * Kinds that answer instead of the emulator (the request never reaches its logic, rate limiter
 * included): `status`, `throttle`, `reset` before headers, `never-answer`.
 * Kinds that alter the emulator's real answer: `delay`, `stall-body`, `reset` after headers,
 * `truncate`, `malformed-json`, `omit-fields`, `expired-credentials`, `content-type`.
 *
 * @example
 * ```ts
 * const response: FaultResponse = { kind: 'status', status: 503, body: { code: 'ServiceUnavailable' }, retryAfter: 1, delayMs: 50 };
 * ```
 * @public
 */
export type FaultResponse =
  /** Answer with this status, optional body (an object is sent as JSON), headers and `Retry-After`. */
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly body?: string | Readonly<Record<string, unknown>> | undefined;
      readonly contentType?: string | undefined;
      readonly headers?: Readonly<Record<string, string>> | undefined;
      /** Seconds (a number) or an HTTP date (a string). */
      readonly retryAfter?: number | string | undefined;
      readonly delayMs?: number | undefined;
    }
  /** Answer with the emulator's own 429, byte for byte, optionally adding `Retry-After`. */
  | { readonly kind: 'throttle'; readonly retryAfter?: number | string | undefined; readonly delayMs?: number | undefined }
  /** Wait, then answer normally. */
  | { readonly kind: 'delay'; readonly ms: number }
  /** Send the status line, headers and the first `afterBytes` (default half) of the body, then pause `ms` mid-body. */
  | { readonly kind: 'stall-body'; readonly ms: number; readonly afterBytes?: number | undefined; readonly delayMs?: number | undefined }
  /** Destroy the connection with a TCP reset, before the status line (default) or right after the headers. */
  | { readonly kind: 'reset'; readonly when?: 'before-headers' | 'after-headers' | undefined; readonly delayMs?: number | undefined }
  /** Declare the full Content-Length, send only `bytes` (default half) of the body, then close the connection. */
  | { readonly kind: 'truncate'; readonly bytes?: number | undefined; readonly delayMs?: number | undefined }
  /** Send the real answer with its JSON broken (the closing brace dropped), or `body` instead. */
  | { readonly kind: 'malformed-json'; readonly body?: string | undefined; readonly delayMs?: number | undefined }
  /** Remove these fields (e.g. `['Token']`, `['Expiration']`) from the JSON answer. */
  | { readonly kind: 'omit-fields'; readonly fields: readonly string[]; readonly delayMs?: number | undefined }
  /** Serve credentials whose `Expiration` lies `agoMs` (default 60 s) in the past. */
  | { readonly kind: 'expired-credentials'; readonly agoMs?: number | undefined; readonly delayMs?: number | undefined }
  /** Send the real answer with this Content-Type instead. */
  | { readonly kind: 'content-type'; readonly contentType: string; readonly delayMs?: number | undefined }
  /** Accept the request and never answer it (the socket stays open until the client gives up or `close()`). */
  | { readonly kind: 'never-answer' };

/**
 * The `kind` of a {@link FaultResponse}.
 *
 * @example
 * ```ts
 * agent.requests.filter().map((entry) => entry.fault); // [undefined, 'reset', …]
 * ```
 * @public
 */
export type FaultKind = FaultResponse['kind'];

/**
 * What a fault rule sees of a request.
 *
 * @example
 * ```ts
 * agent.faults.push({ match: (r: FaultRequest) => r.headers['user-agent']?.includes('botocore') === true, response: { kind: 'reset' } });
 * ```
 * @public
 */
export interface FaultRequest {
  readonly method: string;
  /** Path without query. */
  readonly pathname: string;
  /** Path and query, as sent. */
  readonly target: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The request body as UTF-8 text (empty for GET). */
  readonly body: string;
  readonly clientAddress: string;
}

/**
 * Which requests a fault rule applies to: method and path (a string matches the pathname or the
 * full target exactly; a RegExp is tested against the full target), or any predicate.
 *
 * @example
 * ```ts
 * const match: FaultMatch = { method: 'GET', path: /\/security-credentials\/.+/ };
 * ```
 * @public
 */
export type FaultMatch =
  | { readonly method?: string | undefined; readonly path?: string | RegExp | undefined }
  | ((request: FaultRequest) => boolean);

/**
 * A declarative fault: among the requests that `match`, skip the first `after`, then apply
 * `response` to the next `times` (default: all of them).
 *
 * @example
 * ```ts
 * // the next 3 requests to /v2/credentials/x answer 429 with Retry-After: 2
 * agent.faults.push({ match: { path: '/v2/credentials/x' }, times: 3, response: { kind: 'status', status: 429, retryAfter: 2 } });
 * // after the first request, every request waits 5 s
 * agent.faults.push({ after: 1, response: { kind: 'delay', ms: 5000 } });
 * ```
 * @public
 */
export interface FaultRule {
  readonly match?: FaultMatch | undefined;
  /** Matching requests to let through untouched before the fault starts. Default 0. */
  readonly after?: number | undefined;
  /** How many matching requests the fault applies to. Default `Infinity`. */
  readonly times?: number | undefined;
  readonly response: FaultResponse;
}

/**
 * A pushed rule's live state, to assert on and to remove it.
 *
 * @example
 * ```ts
 * const rule = agent.faults.push({ times: 2, response: { kind: 'status', status: 500 } });
 * expect(rule.applied).toBe(2);
 * rule.remove();
 * ```
 * @public
 */
export interface FaultRuleHandle {
  readonly rule: FaultRule;
  /** Matching requests seen so far (including those let through by `after`). */
  readonly seen: number;
  /** Requests the fault was applied to. */
  readonly applied: number;
  /** True once `times` applications are used up or it was removed. */
  readonly done: boolean;
  remove(): void;
}

/**
 * The fault-injection API of every emulator handle (`handle.faults`). Rules are consulted in the
 * order pushed; the first one that applies to a request wins, but every matching rule counts the
 * request, so `after`/`times` always refer to matching requests in arrival order.
 *
 * @example
 * ```ts
 * const rule = imds.faults.push({ match: { method: 'PUT' }, times: 1, response: { kind: 'status', status: 500 } });
 * // … exercise the client …
 * expect(rule.applied).toBe(1);
 * imds.faults.clear();
 * ```
 * @public
 */
export interface Faults {
  push(rule: FaultRule): FaultRuleHandle;
  /** Removes every rule. */
  clear(): void;
  /** The rules still active. */
  readonly active: readonly FaultRuleHandle[];
}

const KINDS: ReadonlySet<string> = new Set<FaultKind>([
  'status',
  'throttle',
  'delay',
  'stall-body',
  'reset',
  'truncate',
  'malformed-json',
  'omit-fields',
  'expired-credentials',
  'content-type',
  'never-answer',
]);

/** The rule list behind `handle.faults`. */
export class FaultInjector extends FaultRuleList<FaultRule, FaultRequest> implements Faults {
  constructor(emulator: string) {
    super(
      (rule, request) => matches(rule.match, request),
      (rule) => {
        validateRule(emulator, rule);
      },
    );
  }
}

function matches(match: FaultMatch | undefined, request: FaultRequest): boolean {
  if (match === undefined) return true;
  if (typeof match === 'function') return match(request);
  if (match.method !== undefined && match.method.toUpperCase() !== request.method) return false;
  if (typeof match.path === 'string') return match.path === request.pathname || match.path === request.target;
  if (match.path instanceof RegExp) return match.path.test(request.target);
  return true;
}

function validateRule(emulator: string, rule: FaultRule): void {
  const fail = (field: string, problem: string): never => {
    throw faultError(emulator, field, problem);
  };
  if (typeof rule !== 'object' || typeof rule.response !== 'object') fail('response', 'is required');
  const response = rule.response;
  const kind: unknown = response.kind;
  if (typeof kind !== 'string' || !KINDS.has(kind)) fail('response.kind', `must be one of ${[...KINDS].join(', ')}, got ${inspect(kind)}`);
  validateCounts(rule, fail);
  const durations: [string, number | undefined][] = [['response.delayMs', 'delayMs' in response ? response.delayMs : undefined]];
  if (response.kind === 'delay' || response.kind === 'stall-body') durations.push(['response.ms', response.ms]);
  for (const [field, value] of durations) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) fail(field, 'must be a finite number of milliseconds, 0 or more');
  }
  if (response.kind === 'status' && !(Number.isInteger(response.status) && response.status >= 100 && response.status <= 599)) {
    fail('response.status', 'must be an HTTP status from 100 to 599');
  }
  if (response.kind === 'truncate' && response.bytes !== undefined && !(Number.isInteger(response.bytes) && response.bytes >= 0)) {
    fail('response.bytes', 'must be an integer, 0 or more');
  }
  if (response.kind === 'stall-body' && response.afterBytes !== undefined && !(Number.isInteger(response.afterBytes) && response.afterBytes >= 0)) {
    fail('response.afterBytes', 'must be an integer, 0 or more');
  }
  if (response.kind === 'omit-fields' && !Array.isArray(response.fields)) fail('response.fields', 'must be an array of field names');
  if (response.kind === 'content-type' && typeof response.contentType !== 'string') fail('response.contentType', 'must be a string');
}
