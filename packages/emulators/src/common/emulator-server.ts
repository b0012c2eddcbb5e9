import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { type Clock, scrubSecrets } from '@iamkit/credentials';
import { Counters } from './counters.js';
import { type EmulatorResponse, NO_RESPONSE, type RouteResult } from './emulator-response.js';
import { listenError } from './errors.js';
import { type EmulatorRequest, formatHost, toEmulatorRequest } from './emulator-request.js';
import { FaultInjector, type FaultKind, type FaultResponse } from './faults.js';
import { applyFault, writeWithFault } from './write-response.js';
import { redactHeaders, redactTarget } from './redact.js';
import { RequestLog } from './request-log.js';

export interface EmulatorServerConfig {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly now: Clock;
  /**
   * The emulator's own logic (rate limit included): what to answer to a request. It may return a
   * promise (e.g. an emulator that calls another); a throw or rejection becomes a 500.
   */
  readonly route: (request: EmulatorRequest) => RouteResult | Promise<RouteResult>;
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
const MAX_BODY_BYTES = 1024 * 1024;

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
    const finish = (result: RouteResult): void => {
      if (result === NO_RESPONSE) {
        record(request, time, undefined, fault?.kind);
        return;
      }
      const response = fault === undefined ? result : applyFault(result, fault, config);
      record(request, time, response.status, fault?.kind, response.rateLimited === true);
      writeWithFault(res, response, fault, later);
    };
    const failed = (error: unknown): void => {
      finish(internalError(config.name, error, config.knownSecrets()));
    };
    let result: RouteResult | Promise<RouteResult>;
    try {
      result = config.route(request);
    } catch (error) {
      failed(error);
      return;
    }
    if (result instanceof Promise) result.then(finish, failed);
    else finish(result);
  };

  const dispatch = (res: ServerResponse, request: EmulatorRequest, time: number): void => {
    const fault = faults.select(request);
    const delay = fault === undefined || fault.kind === 'never-answer' ? 0 : fault.kind === 'delay' ? fault.ms : (fault.delayMs ?? 0);
    if (delay <= 0) {
      answer(res, request, time, fault);
      return;
    }
    const socket = res.socket;
    if (socket === null) return;
    later(
      socket,
      delay,
      () => {
        answer(res, request, time, fault);
      },
      () => {
        record(request, time, undefined, fault?.kind);
      },
    );
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    res.on('error', noop);
    req.on('error', noop);
    const time = config.now();
    // Routes and fault matchers see the whole body (STS-style form posts); it is small by nature.
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      const request = toEmulatorRequest(req, Buffer.concat(chunks));
      if (size > MAX_BODY_BYTES) {
        const response: EmulatorResponse = { status: 413, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: `${config.name}: request body over ${MAX_BODY_BYTES} bytes\n` };
        record(request, time, response.status, undefined);
        writeWithFault(res, response, undefined, later);
        return;
      }
      dispatch(res, request, time);
    });
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

function internalError(emulator: string, error: unknown, known: readonly string[]): EmulatorResponse {
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: `${emulator}: internal emulator error: ${scrubSecrets(message, known)}\n` };
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
