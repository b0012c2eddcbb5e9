import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { FaultRequest } from './faults.js';

/** A request as the routes of an emulator see it. */
export interface EmulatorRequest extends FaultRequest {
  readonly headers: IncomingHttpHeaders;
  /** The request body as received (empty for GET). */
  readonly bodyBytes: Buffer;
  readonly searchParams: URLSearchParams;
  readonly clientPort: number;
  /** Go's `r.RemoteAddr`: `ip:port`, or `[ip]:port` for IPv6. */
  readonly remoteAddr: string;
}

/** Reads what the routes need from a request whose body has been received. */
export function toEmulatorRequest(req: IncomingMessage, bodyBytes: Buffer): EmulatorRequest {
  const target = req.url ?? '/';
  let url: URL;
  try {
    url = new URL(target, 'http://emulator.invalid');
  } catch {
    url = new URL('http://emulator.invalid/');
  }
  // A dual-stack listener reports IPv4 clients as ::ffff:a.b.c.d; the agents see a.b.c.d.
  const rawAddress = req.socket.remoteAddress ?? '';
  const clientAddress = /^::ffff:\d+\.\d+\.\d+\.\d+$/.test(rawAddress) ? rawAddress.slice(7) : rawAddress;
  const clientPort = req.socket.remotePort ?? 0;
  return {
    method: req.method ?? 'GET',
    target,
    pathname: url.pathname,
    searchParams: url.searchParams,
    headers: req.headers,
    clientAddress,
    clientPort,
    remoteAddr: `${formatHost(clientAddress)}:${clientPort}`,
    bodyBytes,
    body: bodyBytes.toString('utf8'),
  };
}

/** An IPv6 literal in brackets, anything else as is: the host part of a URL or of `ip:port`. */
export function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
