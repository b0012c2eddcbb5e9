import { subscribe, unsubscribe } from 'node:diagnostics_channel';
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

export interface RecordedEvent {
  readonly channel: string;
  readonly message: Record<string, unknown>;
}

/** Records every cache event until `stop()`; `source` filters to one cache's label. */
export function recordEvents(source?: string): { readonly events: RecordedEvent[]; stop(): void } {
  const events: RecordedEvent[] = [];
  const handlers = ALL_CHANNELS.map((channel) => {
    const handler = (message: unknown): void => {
      const record = message as Record<string, unknown>;
      if (source === undefined || record.source === source) events.push({ channel, message: record });
    };
    subscribe(channel, handler);
    return [channel, handler] as const;
  });
  return {
    events,
    stop() {
      for (const [channel, handler] of handlers) unsubscribe(channel, handler);
    },
  };
}
