import { isNotConfigured, type NotConfiguredDetails } from '../not-configured.js';

/**
 * The details of a "not configured" error, also from another installed copy of iamkit whose error
 * may lack `details`.
 */
export function notConfiguredDetails(error: unknown): NotConfiguredDetails | undefined {
  if (!isNotConfigured(error)) return undefined;
  const details = (error as { details?: Partial<NotConfiguredDetails> }).details;
  return {
    source: typeof details?.source === 'string' ? details.source : (error.source ?? 'unknown'),
    reason: typeof details?.reason === 'string' ? details.reason : error.message,
    configureWith: Array.isArray(details?.configureWith) ? details.configureWith.filter((s): s is string => typeof s === 'string') : [],
  };
}
