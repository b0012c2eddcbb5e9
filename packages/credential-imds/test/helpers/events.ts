import { subscribe, unsubscribe } from 'node:diagnostics_channel';

/** Records every message on the given channels until `stop()`. */
export function recordChannels(names: readonly string[]): { readonly events: { channel: string; message: Record<string, unknown> }[]; stop(): void } {
  const events: { channel: string; message: Record<string, unknown> }[] = [];
  const handlers = names.map((channel) => {
    const handler = (message: unknown): void => {
      events.push({ channel, message: message as Record<string, unknown> });
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
