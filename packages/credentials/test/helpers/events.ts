import { recordChannels, type RecordedEvent } from '@iamkit/test-kit';
import {
  BACKOFF_CHANNEL,
  FETCH_END_CHANNEL,
  FETCH_ERROR_CHANNEL,
  FETCH_START_CHANNEL,
  INVALIDATE_CHANNEL,
  REFRESH_CHANNEL,
  STALE_CHANNEL,
} from '../../src/index.js';

export const ALL_CHANNELS = [
  FETCH_START_CHANNEL,
  FETCH_END_CHANNEL,
  FETCH_ERROR_CHANNEL,
  REFRESH_CHANNEL,
  BACKOFF_CHANNEL,
  INVALIDATE_CHANNEL,
  STALE_CHANNEL,
] as const;

export type { RecordedEvent };

/** Records every cache event until `stop()`; `source` filters to one cache's label. */
export function recordEvents(source?: string): { readonly events: RecordedEvent[]; stop(): void } {
  return recordChannels(ALL_CHANNELS, (message) => source === undefined || message.source === source);
}
