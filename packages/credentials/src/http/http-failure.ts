import { abortedError } from '../abort.js';
import { IamkitError, isIamkitError } from '../errors.js';
import { scrubSecrets } from '../redact.js';

/** What the request helper knew when something failed, for the message. */
export interface HttpFailureContext {
  readonly source: string;
  /** `GET http://host/path` (no query string, no credentials). */
  readonly what: string;
  readonly phase: 'request' | 'body';
  readonly signal: AbortSignal | undefined;
  readonly connectTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly bodyTimeoutMs: number;
  readonly receivedBytes?: number;
  readonly declaredBytes?: number | undefined;
  /** Values the request carried that must never be echoed (authorization tokens). */
  readonly secrets?: readonly (string | undefined)[] | undefined;
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);

/** Maps whatever undici or the socket threw into an `ERR_HTTP_*` (or `ERR_ABORTED`) error. */
export function httpFailure(error: unknown, context: HttpFailureContext): IamkitError {
  if (isIamkitError(error)) return error;
  const { source, what } = context;
  if (context.signal?.aborted === true) return abortedError(context.signal, source, what);
  const code = errorCode(error);
  const timeout = (phase: string, ms: number, option: string, advice: string): IamkitError =>
    new IamkitError({
      code: 'ERR_HTTP_TIMEOUT',
      source,
      retryable: true,
      message: `${source}: ${what} timed out ${phase} (${ms} ms, option ${option}). ${advice}`,
      cause: error,
    });
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return timeout('while connecting', context.connectTimeoutMs, 'connectTimeoutMs', 'Check that the endpoint is reachable from here.');
    case 'UND_ERR_HEADERS_TIMEOUT':
      return timeout('waiting for the response headers', context.headersTimeoutMs, 'headersTimeoutMs', 'The server accepted the connection but did not answer.');
    case 'UND_ERR_BODY_TIMEOUT':
      return timeout(
        `while reading the body (no data for that long after ${context.receivedBytes ?? 0} bytes)`,
        context.bodyTimeoutMs,
        'bodyTimeoutMs',
        'The server stalled mid-response.',
      );
    case 'UND_ERR_RES_EXCEEDED_MAX_SIZE':
      return new IamkitError({
        code: 'ERR_HTTP_BODY_TOO_LARGE',
        source,
        message: `${source}: the response to ${what} exceeded the dispatcher's maxResponseSize.`,
        cause: error,
      });
    case 'UND_ERR_INVALID_ARG':
    case 'ERR_INVALID_ARG_TYPE':
    case 'ERR_INVALID_ARG_VALUE':
    case 'ERR_INVALID_URL':
      return new IamkitError({
        code: 'ERR_CONFIG_INVALID',
        source,
        message: `${source}: ${what} could not be sent: ${scrubSecrets(error instanceof Error ? error.message : String(error), context.secrets)}. Check the URL, method and header values passed to the request.`,
        cause: error,
      });
    default:
      break;
  }
  if (context.phase === 'body') {
    const of = context.declaredBytes === undefined ? '' : ` of ${context.declaredBytes} announced`;
    return new IamkitError({
      code: 'ERR_HTTP_TRUNCATED_BODY',
      source,
      retryable: true,
      message: `${source}: the response to ${what} was cut short: the connection ${code === 'ECONNRESET' ? 'was reset' : 'closed'} after ${context.receivedBytes ?? 0} bytes${of}${code === undefined ? '' : ` (${code})`}.`,
      cause: error,
    });
  }
  const refused = code === 'ECONNREFUSED';
  return new IamkitError({
    code: 'ERR_HTTP_CONNECTION',
    source,
    retryable: code !== 'ENOTFOUND',
    message:
      `${source}: ${what} failed: ${connectionProblem(code)}${code === undefined ? '' : ` (${code})`}.` +
      (refused ? ' Nothing is listening there: check the endpoint URL and that the agent or service runs.' : ''),
    cause: error,
  });
}

function connectionProblem(code: string | undefined): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'the connection was refused';
    case 'ECONNRESET':
      return 'the connection was reset before a response arrived';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name could not be resolved';
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return 'the server closed the connection before a response arrived';
    default:
      return code !== undefined && CONNECTION_CODES.has(code) ? 'the network connection failed' : 'the request failed';
  }
}

// Node reports a refused dual-stack connect as an AggregateError without a code of its own.
function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const inner = (error as { errors?: unknown }).errors;
  return Array.isArray(inner) && inner.length > 0 ? errorCode(inner[0]) : undefined;
}
