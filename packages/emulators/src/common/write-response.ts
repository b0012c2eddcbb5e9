import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { EmulatorResponse } from './emulator-response.js';
import type { FaultResponse } from './faults.js';

type Later = (socket: Socket, ms: number, run: () => void) => void;

interface Serializers {
  readonly now: () => number;
  readonly serializeJson: (json: Readonly<Record<string, unknown>>) => string;
  readonly formatExpiration: (date: Date) => string;
}

/** Applies a body- or header-editing fault to the emulator's real answer. */
export function applyFault(response: EmulatorResponse, fault: FaultResponse, emulator: Serializers): EmulatorResponse {
  switch (fault.kind) {
    case 'malformed-json':
      return { ...response, json: undefined, body: fault.body ?? breakJson(response.body) };
    case 'omit-fields': {
      if (response.json === undefined) return response;
      const json = Object.fromEntries(Object.entries(response.json).filter(([key]) => !fault.fields.includes(key)));
      return { ...response, json, body: emulator.serializeJson(json) };
    }
    case 'expired-credentials': {
      if (response.json === undefined || !('Expiration' in response.json)) return response;
      const expiration = emulator.formatExpiration(new Date(emulator.now() - (fault.agoMs ?? 60_000)));
      const json = { ...response.json, Expiration: expiration };
      return { ...response, json, body: emulator.serializeJson(json) };
    }
    case 'content-type': {
      const headers = Object.fromEntries(Object.entries(response.headers).filter(([name]) => name.toLowerCase() !== 'content-type'));
      return { ...response, headers: { ...headers, 'Content-Type': fault.contentType } };
    }
    default:
      return response;
  }
}

// Drops the last closing brace: "Unexpected end of JSON input" for every JSON parser, and a body
// that still looks right at a glance in a log.
function breakJson(body: string): string {
  const end = body.lastIndexOf('}');
  return end < 0 ? `${body}{` : body.slice(0, end) + body.slice(end + 1);
}

/**
 * Writes an answer, honouring the faults that act on the wire: a body cut short under a larger
 * Content-Length, a body that stalls half-way, a reset right after the headers.
 */
export function writeWithFault(res: ServerResponse, response: EmulatorResponse, fault: FaultResponse | undefined, later: Later): void {
  const body = Buffer.from(response.body, 'utf8');
  const socket = res.socket;
  switch (fault?.kind) {
    case 'truncate': {
      // Declare at least one byte more than is sent, even for an empty body.
      const declared = Math.max(body.length, 1);
      const sent = Math.min(fault.bytes ?? Math.floor(body.length / 2), declared - 1);
      res.writeHead(response.status, { ...response.headers, 'Content-Length': String(declared) });
      flushThen(res, body.subarray(0, sent), () => socket?.end());
      return;
    }
    case 'stall-body': {
      const first = Math.min(fault.afterBytes ?? Math.floor(body.length / 2), body.length);
      res.writeHead(response.status, { ...response.headers, 'Content-Length': String(body.length) });
      flushThen(res, body.subarray(0, first), () => {
        if (socket !== null) {
          later(socket, fault.ms, () => {
            res.end(body.subarray(first));
          });
        }
      });
      return;
    }
    case 'reset':
      res.writeHead(response.status, { ...response.headers, 'Content-Length': String(body.length) });
      flushThen(res, Buffer.alloc(0), () => socket?.resetAndDestroy());
      return;
    default:
      res.writeHead(response.status, { ...response.headers, 'Content-Length': String(body.length) });
      res.end(body);
  }
}

// Sends the headers and `chunk`, then runs `next` once they are handed to the kernel, so a reset
// or close that follows cannot overtake them.
function flushThen(res: ServerResponse, chunk: Buffer, next: () => void): void {
  if (chunk.length > 0) {
    res.write(chunk, () => {
      next();
    });
    return;
  }
  res.flushHeaders();
  const socket = res.socket;
  if (socket === null) return;
  socket.write('', () => {
    next();
  });
}
