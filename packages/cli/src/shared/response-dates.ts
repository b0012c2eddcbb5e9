import { subscribe, unsubscribe } from 'node:diagnostics_channel';

/** The `Date` header of one HTTP answer and the local time it arrived. */
interface ResponseDate {
  readonly serverMs: number;
  readonly receivedAtMs: number;
  readonly status: number;
}

interface HeadersMessage {
  readonly request?: { readonly origin?: unknown };
  readonly response?: { readonly statusCode?: number; readonly headers?: readonly (Buffer | string)[] };
}

// undici (which @iamkit/sts sends with) publishes every response's status line and raw headers on
// this documented diagnostics channel; reading STS's Date header there needs no change to the STS
// client and costs nothing when nobody listens.
const CHANNEL = 'undici:request:headers';

/**
 * Collects the `Date` headers of the answers from one origin until `stop()` is called: how this
 * machine's clock compares with STS's, measured on a real GetCallerIdentity.
 */
export function captureResponseDates(origin: string, now: () => number): { readonly dates: () => readonly ResponseDate[]; readonly stop: () => void } {
  const dates: ResponseDate[] = [];
  const listener = (message: unknown): void => {
    const { request, response } = message as HeadersMessage;
    if (request === undefined || response?.headers === undefined) return;
    const from = typeof request.origin === 'string' ? request.origin : request.origin instanceof URL ? request.origin.origin : undefined;
    if (from?.replace(/\/$/, '') !== origin) return;
    const headers = response.headers;
    for (let i = 0; i + 1 < headers.length; i += 2) {
      if (String(headers[i]).toLowerCase() !== 'date') continue;
      const serverMs = Date.parse(String(headers[i + 1]));
      if (!Number.isNaN(serverMs)) dates.push({ serverMs, receivedAtMs: now(), status: response.statusCode ?? 0 });
    }
  };
  subscribe(CHANNEL, listener);
  return { dates: () => dates, stop: () => void unsubscribe(CHANNEL, listener) };
}
