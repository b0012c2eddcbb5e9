import {
  IamkitError,
  isNotConfigured,
  type CredentialProvider,
  type CredentialProviderOptions,
  type Credentials,
  type NotConfiguredDetails,
} from '@iamkit/credentials';
import { publishNotice } from '../providers-diagnostics.js';
import { providersError } from '../providers-errors.js';
import { noneConfigured } from './none-configured-hint.js';

/** One source of the default chain. */
export interface ChainStep {
  readonly name: string;
  readonly provider: CredentialProvider;
}

/** A chain that remembers which source decided. */
export interface StickyChain {
  readonly provider: CredentialProvider;
  /** The source used from now on, once one produced credentials. */
  readonly decided: () => string | undefined;
  /** Forget the decision: the next fetch runs the chain from the top again. */
  readonly reset: () => void;
}

/**
 * The default chain's logic: the first fetch tries the sources in order, moving on only when one
 * is not configured here; the source that produced credentials is then the only one asked on every
 * later fetch (refreshes included), so the process never changes identity silently — environment
 * variables that appear later, say, are not picked up (MongoDB's rule). A decided source that is no
 * longer configured fails with `ERR_PROVIDERS_IDENTITY_LOST` rather than falling through; `reset()`
 * (called when the cache is invalidated) starts over from the top.
 */
export function stickyChain(steps: readonly ChainStep[]): StickyChain {
  let decided: ChainStep | undefined;
  const provider = async (options?: CredentialProviderOptions): Promise<Credentials> => {
    const current = decided;
    if (current !== undefined) {
      try {
        return await current.provider(options);
      } catch (error) {
        if (!isNotConfigured(error)) throw error;
        throw providersError(
          'ERR_PROVIDERS_IDENTITY_LOST',
          current.name,
          `fromNodeProviderChain(): this process's credentials came from ${current.name}, which is no longer configured (${error.message}). The chain does not switch identity silently: restore that source's settings, or call invalidate() on the provider to look for credentials from the top of the chain again.`,
          error,
        );
      }
    }
    const tried: NotConfiguredDetails[] = [];
    for (const step of steps) {
      const signal = options?.signal;
      if (signal?.aborted === true) {
        throw new IamkitError({ code: 'ERR_ABORTED', source: 'chain', message: "chain: resolving credentials was abandoned because the caller's AbortSignal fired.", cause: signal.reason });
      }
      try {
        const credentials = await step.provider(options);
        decided = step;
        publishNotice({
          kind: 'chain-decided',
          function: 'fromNodeProviderChain',
          decidedBy: step.name,
          message: `fromNodeProviderChain(): credentials come from ${step.name}; later fetches ask only ${step.name}${tried.length === 0 ? '' : ` (not configured before it: ${tried.map((t) => t.source).join(', ')})`}.`,
        });
        return credentials;
      } catch (error) {
        if (!isNotConfigured(error)) throw error;
        tried.push(detailsOf(error, step.name));
      }
    }
    throw noneConfigured(tried);
  };
  return {
    provider,
    decided: () => decided?.name,
    reset: () => {
      decided = undefined;
    },
  };
}

// The details of a "not configured" error, also from another installed copy of iamkit.
function detailsOf(error: IamkitError, fallback: string): NotConfiguredDetails {
  const details = (error as { details?: Partial<NotConfiguredDetails> }).details;
  return {
    source: typeof details?.source === 'string' ? details.source : (error.source ?? fallback),
    reason: typeof details?.reason === 'string' ? details.reason : error.message,
    configureWith: Array.isArray(details?.configureWith) ? details.configureWith.filter((s): s is string => typeof s === 'string') : [],
  };
}
