import { connect } from 'node:net';
import { signRequest, type SigV4Credentials } from '@iamkit/sigv4';
import { parseRaw } from './helpers.js';

export interface WireRequest {
  readonly method: string;
  readonly path: string;
  /** In the order they are written; names as given. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
}

export interface WireResponse {
  readonly status: number;
  readonly headerLines: readonly string[];
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly rawLength: number;
}

/**
 * Writes a request byte for byte on a fresh socket (no HTTP client adds, reorders or normalises
 * anything) and reads the answer until the server closes the connection.
 */
export function rawHttp(url: string, request: WireRequest): Promise<WireResponse> {
  const { hostname, port } = new URL(url);
  const lines = [`${request.method} ${request.path} HTTP/1.1`, ...request.headers.map(([name, value]) => `${name}: ${value}`), 'Connection: close'];
  const bytes = Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), Buffer.from(request.body, 'utf8')]);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => socket.end(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const raw = Buffer.concat(chunks);
      const { statusLine, headerLines, body } = parseRaw(raw);
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headerLines, headers, body: body.toString('utf8'), rawLength: raw.length });
    });
  });
}

export interface SignedStsOptions {
  readonly credentials: SigV4Credentials;
  readonly body?: string;
  readonly date?: Date | number | string;
  readonly region?: string;
  readonly service?: string;
  /** Extra headers to sign (e.g. a Host other than the emulator's address, Accept). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Path and query; default `/`. */
  readonly path?: string;
}

/** A GetCallerIdentity (or `body`) request for the emulator, signed with iamkit's signer. */
export function signedStsRequest(url: string, options: SignedStsOptions): WireRequest {
  const signed = signRequest(
    {
      method: 'POST',
      url: `${url}${options.path ?? '/'}`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...options.headers },
      body: options.body ?? 'Action=GetCallerIdentity&Version=2011-06-15',
    },
    { credentials: options.credentials, region: options.region ?? 'us-east-1', service: options.service ?? 'sts', date: options.date },
  );
  const headers: [string, string][] = Object.entries(signed.headers).map(([name, value]) => [name, value]);
  const body = typeof signed.body === 'string' ? signed.body : '';
  headers.push(['content-length', String(Buffer.byteLength(body))]);
  return { method: 'POST', path: options.path ?? '/', headers, body };
}

/** The request with one header replaced (or added), keeping the others in order. */
export function withHeader(request: WireRequest, name: string, value: string | undefined): WireRequest {
  const lower = name.toLowerCase();
  const headers = request.headers.filter(([n]) => n.toLowerCase() !== lower);
  if (value !== undefined) headers.push([name, value]);
  return { ...request, headers };
}

/** A header's value in a wire request. */
export function headerOf(request: WireRequest, name: string): string {
  const found = request.headers.find(([n]) => n.toLowerCase() === name.toLowerCase());
  if (found === undefined) throw new Error(`no ${name} header`);
  return found[1];
}

/** The text of the first `<name>` element of an XML document. */
export function xmlText(body: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)?.[1];
}

/** Code and message of an STS `<ErrorResponse>`. */
export function stsError(body: string): { code: string | undefined; message: string | undefined; type: string | undefined } {
  return { code: xmlText(body, 'Code'), message: xmlText(body, 'Message'), type: xmlText(body, 'Type') };
}
