/**
 * An answer an emulator's routes decide on, before faults and before it is written: status,
 * headers in the order the real server sends them, the body, and — for JSON answers — the object
 * behind the body, so faults can edit fields and re-serialise it the emulator's way.
 */
export interface EmulatorResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly json?: Readonly<Record<string, unknown>> | undefined;
  /** True when the emulator's own rate limiter produced this answer. */
  readonly rateLimited?: boolean | undefined;
}

/** Marks a route's decision not to answer at all (IMDS hop limit). */
export const NO_RESPONSE = Symbol('iamkit.emulators.no-response');

/** What a route returns. */
export type RouteResult = EmulatorResponse | typeof NO_RESPONSE;

/**
 * Go's `http.Error`: `text/plain; charset=utf-8`, `X-Content-Type-Options: nosniff`, and the
 * message followed by a newline. The Pod Identity agent answers every error this way, and Go's
 * `ServeMux` its 404s.
 */
export function goHttpError(status: number, message: string, headers: Readonly<Record<string, string>> = {}): EmulatorResponse {
  return {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', ...headers },
    body: `${message}\n`,
  };
}

/** A JSON answer serialised compactly (Go's `json.Marshal`) with `Content-Type: application/json`. */
export function compactJson(status: number, json: Readonly<Record<string, unknown>>, headers: Readonly<Record<string, string>> = {}): EmulatorResponse {
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(json), json };
}
