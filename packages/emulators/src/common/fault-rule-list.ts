import { inspect } from 'node:util';

/** What every emulator's fault rule has, whatever its `match` and `response` look like. @internal */
export interface CountedRule {
  /** Matching requests to let through untouched before the fault starts. Default 0. */
  readonly after?: number | undefined;
  /** How many matching requests the fault applies to. Default `Infinity`. */
  readonly times?: number | undefined;
  readonly response: { readonly kind: string };
}

/** A pushed rule's live state (what `faults.push()` returns). @internal */
export interface RuleHandle<R> {
  readonly rule: R;
  readonly seen: number;
  readonly applied: number;
  readonly done: boolean;
  remove(): void;
}

class RuleState<R extends CountedRule> implements RuleHandle<R> {
  seen = 0;
  applied = 0;
  removed = false;
  readonly rule: R;
  readonly #forget: (state: RuleState<R>) => void;

  constructor(rule: R, forget: (state: RuleState<R>) => void) {
    this.rule = rule;
    this.#forget = forget;
  }

  get done(): boolean {
    return this.removed || this.applied >= (this.rule.times ?? Infinity);
  }

  remove(): void {
    this.removed = true;
    this.#forget(this);
  }

  toJSON(): object {
    return { response: this.rule.response.kind, seen: this.seen, applied: this.applied, done: this.done };
  }

  [inspect.custom](): object {
    return this.toJSON();
  }
}

/**
 * The rule semantics every emulator shares (HTTP and MongoDB alike): rules are consulted in push
 * order, the first one that applies wins, and every matching rule counts the request, so `after`
 * and `times` always refer to matching requests in arrival order. @internal
 */
export class FaultRuleList<R extends CountedRule, Request> {
  #rules: RuleState<R>[] = [];
  readonly #matches: (rule: R, request: Request) => boolean;
  readonly #validate: (rule: R) => void;

  constructor(matches: (rule: R, request: Request) => boolean, validate: (rule: R) => void) {
    this.#matches = matches;
    this.#validate = validate;
  }

  get active(): readonly RuleHandle<R>[] {
    return this.#rules.filter((rule) => !rule.done);
  }

  push(rule: R): RuleHandle<R> {
    this.#validate(rule);
    const state = new RuleState(rule, (done) => {
      this.#rules = this.#rules.filter((r) => r !== done);
    });
    this.#rules.push(state);
    return state;
  }

  clear(): void {
    for (const rule of this.#rules) rule.removed = true;
    this.#rules = [];
  }

  /** The response to apply to this request, if any; counts the request against every matching rule. */
  select(request: Request): R['response'] | undefined {
    let chosen: R['response'] | undefined;
    for (const state of this.#rules) {
      if (state.done || !this.#matches(state.rule, request)) continue;
      state.seen++;
      if (chosen === undefined && state.seen > (state.rule.after ?? 0)) {
        state.applied++;
        chosen = state.rule.response;
      }
    }
    this.#rules = this.#rules.filter((r) => !r.done);
    return chosen;
  }

  toJSON(): object {
    return { active: this.active.length };
  }

  [inspect.custom](): object {
    return { active: this.active };
  }
}

/** The checks of `after` and `times` every emulator makes. @internal */
export function validateCounts(rule: CountedRule, fail: (field: string, problem: string) => never): void {
  if (rule.after !== undefined && !(Number.isInteger(rule.after) && rule.after >= 0)) fail('after', 'must be an integer, 0 or more');
  if (rule.times !== undefined && !(rule.times === Infinity || (Number.isInteger(rule.times) && rule.times > 0))) {
    fail('times', 'must be a positive integer or Infinity');
  }
}
