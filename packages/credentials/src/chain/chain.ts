import { abortedError } from '../abort.js';
import type { CredentialProvider, CredentialProviderOptions, Credentials } from '../credentials.js';
import { IamkitError } from '../errors.js';
import type { NotConfiguredDetails } from '../not-configured.js';
import { NoneConfiguredError } from './none-configured-error.js';
import { notConfiguredDetails } from './not-configured-details.js';

/**
 * Tries sources in order and returns the first one's credentials. It moves on **only** when a
 * source says it is not configured here (`isNotConfigured(error)`); any other error — a throttled
 * endpoint, a broken profile, access denied — stops the chain and is thrown as is, so a failing
 * source never falls through silently to another identity. When no source applies, it throws one
 * {@link NoneConfiguredError} (`ERR_CREDENTIALS_NONE_CONFIGURED`) listing every source and what
 * would configure it.
 *
 * The chain caches nothing and passes the call options (`forceRefresh`, `signal`) to each source;
 * wrap it in {@link cached} to share one fetch.
 *
 * @example
 * ```ts
 * const provider = cached(chain(fromEnv(), fromWebIdentity(), fromContainerMetadata(), fromInstanceMetadata()));
 * ```
 * @public
 */
export function chain(...sources: CredentialProvider[]): CredentialProvider {
  checkSources(sources, 'chain');
  const list = [...sources];
  return async (options?: CredentialProviderOptions): Promise<Credentials> => {
    const tried: NotConfiguredDetails[] = [];
    for (const source of list) {
      if (options?.signal?.aborted === true) throw abortedError(options.signal, 'chain', 'resolving credentials');
      try {
        return await source(options);
      } catch (error) {
        const details = notConfiguredDetails(error);
        if (details === undefined) throw error;
        tried.push(details);
      }
    }
    throw new NoneConfiguredError(tried);
  };
}

export function checkSources(sources: readonly unknown[], fn: string): void {
  if (sources.length === 0) {
    throw new IamkitError({ code: 'ERR_CONFIG_INVALID', source: 'chain', message: `${fn}() needs at least one credential source, e.g. ${fn}(fromEnv(), fromContainerMetadata()).` });
  }
  sources.forEach((source, index) => {
    if (typeof source !== 'function') {
      throw new IamkitError({
        code: 'ERR_CONFIG_INVALID',
        source: 'chain',
        message: `${fn}(): source #${index + 1} is ${source === null ? 'null' : typeof source}, not a provider function; pass fromX() (with the parentheses).`,
      });
    }
  });
}
