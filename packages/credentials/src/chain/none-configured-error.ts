import { IamkitError } from '../errors.js';
import type { NotConfiguredDetails } from '../not-configured.js';

/**
 * What {@link chain} throws when no source applies here (code `ERR_CREDENTIALS_NONE_CONFIGURED`).
 * The message lists every source tried, why it did not apply and what would configure it; `tried`
 * holds the same list for programs.
 *
 * @example
 * ```ts
 * try {
 *   await provider();
 * } catch (error) {
 *   if (error instanceof NoneConfiguredError) for (const t of error.tried) console.log(t.source, t.reason);
 * }
 * ```
 * @public
 */
export class NoneConfiguredError extends IamkitError<'ERR_CREDENTIALS_NONE_CONFIGURED'> {
  override readonly name = 'NoneConfiguredError';
  /** Every source tried, in order, with why it did not apply and what would configure it. */
  readonly tried: readonly NotConfiguredDetails[];

  constructor(tried: readonly NotConfiguredDetails[]) {
    super({ code: 'ERR_CREDENTIALS_NONE_CONFIGURED', source: 'chain', message: noneConfiguredMessage(tried) });
    this.tried = Object.freeze(tried.map((details) => Object.freeze({ ...details, configureWith: Object.freeze([...details.configureWith]) })));
  }

  override toJSON(): ReturnType<IamkitError['toJSON']> & { readonly tried: readonly NotConfiguredDetails[] } {
    return { ...super.toJSON(), tried: this.tried };
  }
}

function noneConfiguredMessage(tried: readonly NotConfiguredDetails[]): string {
  if (tried.length === 0) return 'No credential source is configured: the chain has no sources.';
  const lines = tried.map((t) => {
    const fix = t.configureWith.length > 0 ? `; to use it, set ${t.configureWith.join(' or ')}` : '';
    return `  - ${t.source}: ${t.reason}${fix}`;
  });
  return `No credential source is configured. Tried, in order:\n${lines.join('\n')}`;
}
