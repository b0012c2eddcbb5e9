import { inspect } from 'node:util';
import { faultError } from '../common/errors.js';
import { FaultRuleList, validateCounts } from '../common/fault-rule-list.js';

/**
 * What a MongoDB fault does to a matching command.
 *
 * @example
 * ```ts
 * const slowAuth: MongoFaultResponse = { kind: 'delay', ms: 200 };
 * ```
 * @public
 */
export type MongoFaultResponse =
  /** Wait `ms` (real time), then handle the command normally. */
  | { readonly kind: 'delay'; readonly ms: number }
  /** Close the connection without answering (the driver sees a network error). */
  | { readonly kind: 'drop' }
  /** Accept the command and never answer it. */
  | { readonly kind: 'never-answer' }
  /** Answer `saslStart`/`saslContinue` with the code-18 failure, counted as a failed authentication. */
  | { readonly kind: 'fail-auth'; readonly reason?: string | undefined }
  /** Answer with this error document instead of running the command. */
  | { readonly kind: 'error'; readonly code: number; readonly codeName?: string | undefined; readonly errmsg?: string | undefined };

/**
 * What a MongoDB fault rule sees of a command (never its payload).
 *
 * @example
 * ```ts
 * mongo.faults.push({ match: (c: MongoFaultRequest) => c.connectionId === 2, response: { kind: 'drop' } });
 * ```
 * @public
 */
export interface MongoFaultRequest {
  /** The command name, e.g. `saslStart`, `find`, `hello`. */
  readonly command: string;
  readonly db: string;
  readonly connectionId: number;
}

/**
 * A fault rule: among the commands that `match` (default: any command; for `fail-auth`,
 * `saslStart`), skip the first `after`, then apply `response` to the next `times` (default all).
 *
 * @example
 * ```ts
 * mongo.faults.push({ match: { command: 'saslStart' }, times: 2, response: { kind: 'fail-auth' } }); // fail auth twice
 * mongo.faults.push({ match: { command: 'saslContinue' }, response: { kind: 'delay', ms: 100 } });    // slow auth
 * mongo.faults.push({ match: { command: 'find' }, times: 1, response: { kind: 'drop' } });           // one dropped connection
 * ```
 * @public
 */
export interface MongoFaultRule {
  readonly match?: { readonly command?: string | RegExp | undefined; readonly db?: string | undefined } | ((request: MongoFaultRequest) => boolean) | undefined;
  readonly after?: number | undefined;
  readonly times?: number | undefined;
  readonly response: MongoFaultResponse;
}

/**
 * A pushed rule's live state.
 *
 * @example
 * ```ts
 * const rule = mongo.faults.push({ times: 1, response: { kind: 'drop' } });
 * expect(rule.applied).toBe(1);
 * ```
 * @public
 */
export interface MongoFaultRuleHandle {
  readonly rule: MongoFaultRule;
  readonly seen: number;
  readonly applied: number;
  readonly done: boolean;
  remove(): void;
}

/**
 * `handle.faults` of the MongoDB emulator: the same rule semantics as the HTTP emulators' faults
 * (push order, first applicable wins, every matching rule counts the command).
 *
 * @example
 * ```ts
 * mongo.faults.push({ match: { command: 'saslStart' }, times: 1, response: { kind: 'fail-auth' } });
 * mongo.faults.clear();
 * ```
 * @public
 */
export interface MongoFaults {
  push(rule: MongoFaultRule): MongoFaultRuleHandle;
  clear(): void;
  readonly active: readonly MongoFaultRuleHandle[];
}

const KINDS: ReadonlySet<string> = new Set(['delay', 'drop', 'never-answer', 'fail-auth', 'error']);

function matches(rule: MongoFaultRule, request: MongoFaultRequest): boolean {
  const { match } = rule;
  if (match === undefined) return rule.response.kind === 'fail-auth' ? request.command === 'saslStart' : true;
  if (typeof match === 'function') return match(request);
  if (match.db !== undefined && match.db !== request.db) return false;
  if (typeof match.command === 'string') return match.command === request.command;
  if (match.command instanceof RegExp) return match.command.test(request.command);
  return true;
}

function validate(rule: MongoFaultRule): void {
  const fail = (field: string, problem: string): never => {
    throw faultError('mongodb', field, problem);
  };
  if (typeof rule !== 'object' || typeof rule.response !== 'object') fail('response', 'is required');
  const { response } = rule;
  if (!KINDS.has(response.kind)) fail('response.kind', `must be one of ${[...KINDS].join(', ')}, got ${inspect(response.kind)}`);
  validateCounts(rule, fail);
  if (response.kind === 'delay' && !(Number.isFinite(response.ms) && response.ms >= 0)) fail('response.ms', 'must be a finite number of milliseconds, 0 or more');
  if (response.kind === 'error' && !Number.isInteger(response.code)) fail('response.code', 'must be an integer (a mongod error code)');
}

/** The rule list behind `handle.faults`. @internal */
export class MongoFaultInjector extends FaultRuleList<MongoFaultRule, MongoFaultRequest> implements MongoFaults {
  constructor() {
    super(matches, validate);
  }
}
