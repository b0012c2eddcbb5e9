import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRawRequest, type RawRequest } from './raw-http.js';

export const VECTORS_DIR = join(import.meta.dirname, '..', 'vectors', 'sigv4', 'v4');

export interface VectorContext {
  readonly credentials: { readonly access_key_id: string; readonly secret_access_key: string; readonly token?: string };
  readonly expiration_in_seconds: number;
  readonly normalize: boolean;
  readonly region: string;
  readonly service: string;
  readonly sign_body: boolean;
  readonly timestamp: string;
  readonly omit_session_token?: boolean;
}

export interface VectorMode {
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signature: string;
  readonly signedRequest: RawRequest;
}

export interface VectorCase {
  readonly name: string;
  readonly context: VectorContext;
  readonly request: RawRequest;
  readonly header: VectorMode;
  readonly query: VectorMode;
}

function read(dir: string, file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}

function mode(dir: string, prefix: 'header' | 'query'): VectorMode {
  return {
    canonicalRequest: read(dir, `${prefix}-canonical-request.txt`),
    stringToSign: read(dir, `${prefix}-string-to-sign.txt`),
    signature: read(dir, `${prefix}-signature.txt`).trim(),
    signedRequest: parseRawRequest(read(dir, `${prefix}-signed-request.txt`)),
  };
}

export function loadVectors(): VectorCase[] {
  return readdirSync(VECTORS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const dir = join(VECTORS_DIR, entry.name);
      return {
        name: entry.name,
        context: JSON.parse(read(dir, 'context.json')) as VectorContext,
        request: parseRawRequest(read(dir, 'request.txt')),
        header: mode(dir, 'header'),
        query: mode(dir, 'query'),
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** The request of a case, in the form the signer takes. */
export function toSignable(request: RawRequest): { method: string; url: string; headers: (readonly [string, string])[]; body?: string } {
  const host = request.headers.find(([name]) => name.toLowerCase() === 'host')?.[1];
  if (host === undefined) throw new Error('vector request without Host');
  const signable = { method: request.method, url: `https://${host}${request.target}`, headers: [...request.headers] };
  return request.body === undefined ? signable : { ...signable, body: request.body };
}
