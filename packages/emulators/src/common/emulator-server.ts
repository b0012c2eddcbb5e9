import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Clock } from '@iamkit/credentials';
import { Counters } from './counters.js';
import { type EmulatorResponse, NO_RESPONSE, type RouteResult } from './emulator-response.js';
import { listenError } from './errors.js';
import { FaultInjector, type FaultKind, type FaultRequest, type FaultResponse } from './faults.js';
import { applyFault, writeWithFault } from './write-response.js';
import { redactHeaders, redactTarget } from './redact.js';
import { RequestLog } from './request-log.js';

/** A request as the routes of an emulator see it. */
export interface EmulatorRequest extends FaultRequest {
  readonly headers: IncomingHttpHeaders;
  readonly searchParams: URLSearchParams;
  readonly clientPort: number;
  /** Go's `r.RemoteAddr`: `ip:port`, or `[ip]:port` for IPv6. */
  readonly remoteAddr: string;
}

export interface EmulatorServerConfig {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly now: Clock;
  /** The emulator's own logic (rate limit included): what to answer to a request. */
  readonly route: (request: EmulatorRequest) => RouteResult;
  /** The emulator's own 429, for the `throttle` fault. */
  readonly throttleResponse: (request: EmulatorRequest) => EmulatorResponse;
  /** How this emulator writes JSON bodies (compact for the Go agents, padded for IMDS). */
  readonly serializeJson: (json: Readonly<Record<string, unknown>>) => string;
  /** How this emulator writes `Expiration`. */
  readonly formatExpiration: (date: Date) => string;
  /** Secrets the emulator handed out, scrubbed from the request log should a client echo one. */
  readonly knownSecrets: () => readonly string[];
}

/** The plumbing shared by every emulator: listener, request log, counters, faults, close. */
export interface EmulatorServer {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly requests: RequestLog;
  readonly counters: Counters;
  readonly faults: FaultInjector;
  readonly closed: boolean;
  close(): Promise<void>;
}

const noop = (): void => undefined;

/**
 * Starts a `node:http` server on `config.host:config.port` that runs every request through fault
 * injection and then the emulator's routes, logs and counts it, and on `close()` destroys every
 * socket — idle keep-alive ones and those deliberately left hanging — so test processes exit.
 */
export async function startEmulatorServer(config: EmulatorServerConfig): Promise<EmulatorServer> {
  const requests = new RequestLog();
  const counters = new Counters();
  const faults = new FaultInjector(config.name);
  const sockets = new Set<Socket>();
  // Pending fault timers, each with what cancelling it means (e.g. logging the request as unanswered).
  const timers = new Map<NodeJS.Timeout, () => void>();
  let closing: Promise<void> | undefined;

  const record = (request: EmulatorRequest, time: number, status: number | undefined, fault: FaultKind | undefined, rateLimited = false): void => {
    const known = config.knownSecrets();
    requests.add({
      time: new Date(time),
      method: request.method,
      path: redactTarget(request.target, known),
      pathname: request.pathname,
      headers: redactHeaders(request.headers, known),
      clientAddress: request.clientAddress,
      clientPort: request.clientPort,
      status,
      rateLimited,
      fault,
    });
    counters.record(request.pathname, status, rateLimited);
  };

  // Timers die with their socket (the client gave up) and with the server.
  const later = (socket: Socket, ms: number, run: () => void, onCancel: () => void = noop): void => {
    if (closing !== undefined) return;
    const cancel = (): void => {
      if (!timers.delete(timer)) return;
      clearTimeout(timer);
      socket.off('close', cancel);
      onCancel();
    };
    const timer = setTimeout(() => {
      timers.delete(timer);
      socket.off('close', cancel);
      run();
    }, ms);
    timers.set(timer, cancel);
    socket.once('close', cancel);
  };

  const answer = (res: ServerResponse, request: EmulatorRequest, time: number, fault: FaultResponse | undefined): void => {
    const socket = res.socket;
    if (socket === null || socket.destroyed) {
      record(request, time, undefined, fault?.kind);
      return;
    }
    switch (fault?.kind) {
      case 'never-answer':
        record(request, time, undefined, fault.kind);
        return;
      case 'reset':
        if (fault.when !== 'after-headers') {
          record(request, time, undefined, fault.kind);
          socket.resetAndDestroy();
          return;
        }
        break;
      case 'status':
      case 'throttle': {
        const response = fault.kind === 'status' ? statusResponse(fault) : withRetryAfter(config.throttleResponse(request), fault.retryAfter);
        record(request, time, response.status, fault.kind);
        writeWithFault(res, response, undefined, later);
        return;
      }
      default:
        break;
    }
    const result = config.route(request);
    if (result === NO_RESPONSE) {
      record(request, time, undefined, fault?.kind);
      return;
    }
    const response = fault === undefined ? result : applyFault(result, fault, config);
    record(request, time, response.status, fault?.kind, response.rateLimited === true);
    writeWithFault(res, response, fault, later);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    res.on('error', noop);
    const time = config.now();
    const request = toEmulatorRequest(req);
    const fault = faults.select(request);
    const delay = fault === undefined || fault.kind === 'never-answer' ? 0 : fault.kind === 'delay' ? fault.ms : (fault.delayMs ?? 0);
    if (delay <= 0) {
      answer(res, request, time, fault);
      return;
    }
    later(
      req.socket,
      delay,
      () => {
        answer(res, request, time, fault);
      },
      () => {
        record(request, time, undefined, fault?.kind);
      },
    );
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('error', noop);
    socket.once('close', () => sockets.delete(socket));
  });

  const address = formatHost(config.host);
  await new Promise<void>((resolve, reject) => {
    const onError = (error: unknown): void => {
      reject(listenError(config.name, `${address}:${config.port}`, error));
    };
    server.once('error', onError);
    server.listen({ host: config.host, port: config.port }, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const bound = server.address();
  const port = typeof bound === 'object' && bound !== null ? bound.port : config.port;

  return {
    url: `http://${address}:${port}`,
    host: config.host,
    port,
    requests,
    counters,
    faults,
    get closed() {
      return closing !== undefined;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const cancel of [...timers.values()]) cancel();
        server.close(() => {
          resolve();
        });
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

function toEmulatorRequest(req: IncomingMessage): EmulatorRequest {
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
  };
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function statusResponse(fault: Extract<FaultResponse, { kind: 'status' }>): EmulatorResponse {
  const json = typeof fault.body === 'object';
  const body = fault.body === undefined ? '' : typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body);
  const headers: Record<string, string> = {};
  if (fault.body !== undefined || fault.contentType !== undefined) {
    headers['Content-Type'] = fault.contentType ?? (json ? 'application/json' : 'text/plain; charset=utf-8');
  }
  Object.assign(headers, fault.headers);
  const response: EmulatorResponse = { status: fault.status, headers, body };
  return withRetryAfter(response, fault.retryAfter);
}

function withRetryAfter(response: EmulatorResponse, retryAfter: number | string | undefined): EmulatorResponse {
  if (retryAfter === undefined) return response;
  return { ...response, headers: { ...response.headers, 'Retry-After': String(retryAfter) } };
}
