import { IamkitError, isIamkitError } from './errors.js';

/**
 * What {@link notConfigured} records: which source did not apply, why, and what would configure
 * it. A chain that finds nothing lists these for every source it tried.
 *
 * @example
 * ```ts
 * const details: NotConfiguredDetails = { source: 'env', reason: 'AWS_ACCESS_KEY_ID is not set', configureWith: ['AWS_ACCESS_KEY_ID'] };
 * ```
 * @public
 */
export interface NotConfiguredDetails {
  /** The source name, e.g. `'env'`, `'ini'`, `'container'`. */
  readonly source: string;
  /** Why it does not apply here, e.g. `AWS_ACCESS_KEY_ID is not set`. */
  readonly reason: string;
  /** Env vars, files or options that would configure it, e.g. `['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']`. */
  readonly configureWith: readonly string[];
}

/**
 * The error a source throws when it is simply not set up in this environment. It is the only
 * signal on which `chain()` moves on to the next source; any other error stops the chain, so a
 * half-configured or failing source never falls through silently to another identity.
 *
 * @example
 * ```ts
 * if (env.AWS_ACCESS_KEY_ID === undefined) {
 *   throw notConfigured({ source: 'env', reason: 'AWS_ACCESS_KEY_ID is not set', configureWith: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] });
 * }
 * ```
 * @public
 */
export function notConfigured(details: NotConfiguredDetails): NotConfiguredError {
  return new NotConfiguredError(details);
}

/**
 * The "not configured" error (code `ERR_CREDENTIALS_NOT_CONFIGURED`); see {@link notConfigured}.
 *
 * @example
 * ```ts
 * throw new NotConfiguredError({ source: 'env', reason: 'AWS_ACCESS_KEY_ID is not set', configureWith: ['AWS_ACCESS_KEY_ID'] });
 * ```
 * @public
 */
export class NotConfiguredError extends IamkitError<'ERR_CREDENTIALS_NOT_CONFIGURED'> {
  override readonly name = 'NotConfiguredError';
  readonly details: NotConfiguredDetails;

  constructor(details: NotConfiguredDetails) {
    const fix = details.configureWith.length > 0 ? ` Set ${details.configureWith.join(', ')} to use it.` : '';
    super({
      code: 'ERR_CREDENTIALS_NOT_CONFIGURED',
      source: details.source,
      message: `${details.source}: not configured (${details.reason}).${fix}`,
    });
    this.details = details;
  }
}

/**
 * True when `error` means "this source is not configured here" — from any iamkit copy.
 *
 * @example
 * ```ts
 * try { return await source(); } catch (e) { if (!isNotConfigured(e)) throw e; }
 * ```
 * @public
 */
export function isNotConfigured(error: unknown): error is NotConfiguredError {
  return isIamkitError(error, 'ERR_CREDENTIALS_NOT_CONFIGURED');
}
