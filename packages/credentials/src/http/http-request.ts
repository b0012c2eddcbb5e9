import type { Dispatcher } from 'undici';
import { IamkitError, isIamkitError } from '../errors.js';
import { defaultDispatcher } from './http-agent.js';
import { loadUndici } from './load-undici.js';
import { httpFailure, type HttpFailureContext } from './http-failure.js';

/**
 * Options of {@link httpRequest}. Timeouts and the size cap have defaults in {@link HTTP_DEFAULTS}.
 *
 * @example
 * ```ts
 * const options: HttpRequestOptions = { url, method: 'PUT', source: 'imds', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' }, headersTimeoutMs: 1000 };
 * ```
 * @public
 */
export interface HttpRequestOptions {
  readonly url: string | URL;
  /** Default `GET`. */
  readonly method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly body?: string | Uint8Array | undefined;
  /** The source name used in every error (`'container'`, `'imds'`, `'sts'`). */
  readonly source: string;
  /** An undici dispatcher (Agent, Pool, MockAgent, ProxyAgent); default: a shared keep-alive Agent. */
  readonly dispatcher?: Dispatcher | undefined;
  /** Applies to the default dispatcher only; configure an injected one yourself. */
  readonly connectTimeoutMs?: number | undefined;
  /** Time allowed until the response headers arrive. */
  readonly headersTimeoutMs?: number | undefined;
  /** Longest pause allowed between two chunks of the body. */
  readonly bodyTimeoutMs?: number | undefined;
  /** Larger bodies are refused with `ERR_HTTP_BODY_TOO_LARGE`. */
  readonly maxBodyBytes?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Values sent with the request that must never be echoed in an error (authorization tokens). */
  readonly secrets?: readonly (string | undefined)[] | undefined;
}

/**
 * A fully read response. `body` is decoded as UTF-8; `url` is the display form (no query string).
 *
 * @example
 * ```ts
 * const { status, headers, body } = await httpRequest({ url, source: 'imds' });
 * ```
 * @public
 */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
  readonly method: string;
  /** `origin + pathname`, safe for messages. */
  readonly url: string;
}

/**
 * Defaults of {@link HttpRequestOptions}. Credential endpoints answer in milliseconds; the short
 * timeouts keep a dead endpoint from stalling a connection pool.
 *
 * @example
 * ```ts
 * HTTP_DEFAULTS.headersTimeoutMs; // 5000
 * ```
 * @public
 */
export const HTTP_DEFAULTS = Object.freeze({
  connectTimeoutMs: 1_000,
  headersTimeoutMs: 5_000,
  bodyTimeoutMs: 5_000,
  maxBodyBytes: 256 * 1024,
});

/**
 * Sends one HTTP request with undici and reads the whole body, for the remote credential sources
 * (container, IMDS, STS). It does not judge the status: check `status` and use
 * {@link httpStatusError}. Every failure is an {@link IamkitError}:
 *
 * | code | when | retryable |
 * | --- | --- | --- |
 * | `ERR_HTTP_TIMEOUT` | connect, headers or body phase timed out (the message names it) | yes |
 * | `ERR_HTTP_CONNECTION` | refused, reset or closed before a response | yes (not for an unknown host) |
 * | `ERR_HTTP_TRUNCATED_BODY` | the connection closed or reset mid-body, fewer bytes than `content-length` | yes |
 * | `ERR_HTTP_BODY_TOO_LARGE` | more than `maxBodyBytes` (announced or received) | no |
 * | `ERR_ABORTED` | `signal` fired | no |
 * | `ERR_CONFIG_INVALID` | bad URL or header value | no |
 *
 * @example
 * ```ts
 * const response = await httpRequest({ url: 'http://169.254.170.2/v2/credentials/abc', source: 'container', headersTimeoutMs: 1000 });
 * if (response.status !== 200) throw httpStatusError(response, { source: 'container' });
 * const body = parseJsonBody(response, { source: 'container', what: 'credentials response' });
 * ```
 * @public
 */
export async function httpRequest(options: HttpRequestOptions): Promise<HttpResponse> {
  const { source } = options;
  const url = parseUrl(options.url, source);
  const method = options.method ?? 'GET';
  const connectTimeoutMs = options.connectTimeoutMs ?? HTTP_DEFAULTS.connectTimeoutMs;
  const headersTimeoutMs = options.headersTimeoutMs ?? HTTP_DEFAULTS.headersTimeoutMs;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? HTTP_DEFAULTS.bodyTimeoutMs;
  const maxBodyBytes = options.maxBodyBytes ?? HTTP_DEFAULTS.maxBodyBytes;
  const display = `${url.origin}${url.pathname}`;
  const what = `${method} ${display}`;
  const context: HttpFailureContext = {
    source,
    what,
    phase: 'request',
    signal: options.signal,
    connectTimeoutMs,
    headersTimeoutMs,
    bodyTimeoutMs,
    secrets: options.secrets,
  };

  let response: Dispatcher.ResponseData;
  try {
    const undici = await loadUndici();
    response = await undici.request(url, {
      method,
      headers: options.headers === undefined ? undefined : { ...options.headers },
      body: options.body,
      dispatcher: options.dispatcher ?? defaultDispatcher(undici, connectTimeoutMs),
      headersTimeout: headersTimeoutMs,
      bodyTimeout: bodyTimeoutMs,
      signal: options.signal,
    });
  } catch (error) {
    throw httpFailure(error, context);
  }

  const declaredBytes = contentLength(response.headers['content-length']);
  const tooLarge = (received: string): IamkitError =>
    new IamkitError({
      code: 'ERR_HTTP_BODY_TOO_LARGE',
      source,
      message: `${source}: the response to ${what} is larger than ${maxBodyBytes} bytes (${received}); a credentials endpoint never sends that much. Check the URL, or raise maxBodyBytes.`,
    });
  if (declaredBytes !== undefined && declaredBytes > maxBodyBytes) {
    response.body.destroy();
    throw tooLarge(`content-length ${declaredBytes}`);
  }

  const chunks: Buffer[] = [];
  let receivedBytes = 0;
  try {
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      receivedBytes += chunk.length;
      if (receivedBytes > maxBodyBytes) throw tooLarge(`${receivedBytes} bytes received so far`);
      chunks.push(chunk);
    }
  } catch (error) {
    if (isIamkitError(error)) throw error;
    throw httpFailure(error, { ...context, phase: 'body', receivedBytes, declaredBytes });
  }
  if (declaredBytes !== undefined && receivedBytes < declaredBytes && method !== 'HEAD') {
    throw httpFailure(new Error('premature end of body'), { ...context, phase: 'body', receivedBytes, declaredBytes });
  }
  return { status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks).toString('utf8'), method, url: display };
}

function parseUrl(value: string | URL, source: string): URL {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url;
  } catch {
    // reported below
  }
  const shown = typeof value === 'string' ? value.replace(/[?#].*$/s, '').replace(/\/\/[^/@]*@/, '//') : value.origin + value.pathname;
  throw new IamkitError({
    code: 'ERR_CONFIG_INVALID',
    source,
    message: `${source}: ${JSON.stringify(shown)} is not an http(s) URL; check the endpoint setting.`,
  });
}

function contentLength(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || !/^\d+$/.test(text.trim())) return undefined;
  return Number(text);
}
