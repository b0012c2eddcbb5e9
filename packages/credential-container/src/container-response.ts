import {
  IamkitError,
  credentialsFromFields,
  httpStatusError,
  parseJsonBody,
  parseRetryAfter,
  scrubSecrets,
  type Clock,
  type Credentials,
  type HttpResponse,
} from '@iamkit/credentials';
import type { ContainerEndpoint } from './container-endpoint.js';

const SOURCE = 'container';

/** What the response checks need besides the response itself. */
export interface ResponseContext {
  readonly endpoint: ContainerEndpoint;
  /** The token sent, never echoed. */
  readonly token: string | undefined;
  readonly now: Clock;
}

/**
 * Reads the credentials out of a 200 answer: `AccessKeyId`, `SecretAccessKey`, `Token` and
 * `Expiration` are all required (the ECS and Pod Identity agents always send them), `AccountId`
 * is kept when present, `Expiration` may carry any fraction of a second (Pod Identity sends
 * nanoseconds). Credentials that have already expired are an `ERR_CREDENTIALS_EXPIRED` error.
 * The Content-Type is not trusted either way: the body itself is validated.
 */
export function credentialsFromResponse(response: HttpResponse, context: ResponseContext): Credentials {
  const body = parseJsonBody(response, { source: SOURCE, what: 'credentials response' });
  const origin = `the response of ${response.method} ${response.url} (${context.endpoint.setting})`;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new IamkitError({
      code: 'ERR_HTTP_MALFORMED_BODY',
      source: SOURCE,
      message: `${SOURCE}: ${origin} is JSON but not an object; check that ${context.endpoint.setting} points at a credentials endpoint.`,
    });
  }
  const fields = body as Record<string, unknown>;
  if (fields.AccessKeyId === undefined) {
    const detail = errorDetail(response.body, context.token);
    if (detail !== undefined) {
      throw new IamkitError({
        code: 'ERR_CREDENTIALS_INVALID',
        source: SOURCE,
        message: `${SOURCE}: ${origin} holds an error instead of credentials: ${detail}.`,
      });
    }
  }
  return credentialsFromFields(
    { accessKeyId: fields.AccessKeyId, secretAccessKey: fields.SecretAccessKey, sessionToken: fields.Token, expiration: fields.Expiration, accountId: fields.AccountId },
    {
      source: SOURCE,
      origin,
      fieldNames: { accessKeyId: 'AccessKeyId', secretAccessKey: 'SecretAccessKey', sessionToken: 'Token', expiration: 'Expiration', accountId: 'AccountId' },
      requireSessionToken: true,
      requireExpiration: true,
      now: context.now,
    },
  );
}

/**
 * Turns a non-200 answer into an error whose code says whether retrying can help: 429 →
 * `ERR_CREDENTIALS_THROTTLED`; 408 and 5xx (503 `CredentialsUninitialized` while the agent starts)
 * → `ERR_CONTAINER_UNAVAILABLE`, retried; 401/403 → `ERR_CONTAINER_ACCESS_DENIED`; any other status
 * → `ERR_CONTAINER_REQUEST_REJECTED`, not retried. The agent's `{code, message}` (or `{Code,
 * Message}`, or plain text) is quoted, scrubbed of the token and anything shaped like a secret.
 */
export function statusError(response: HttpResponse, context: ResponseContext): IamkitError {
  const { status } = response;
  const { setting, kind } = context.endpoint;
  if (status === 429) {
    return httpStatusError(response, {
      source: SOURCE,
      secrets: [context.token],
      now: context.now,
      hint: 'The ECS agent allows 40 requests/s (burst 60) per task IP, the EKS Pod Identity agent 1000/s per node.',
    });
  }
  const detail = errorDetail(response.body, context.token);
  const said = detail === undefined ? '' : ` (${detail})`;
  const answered = `${SOURCE}: ${response.method} ${response.url} (from ${setting}) answered HTTP ${status}${said}`;
  if (status === 408 || status >= 500) {
    return new IamkitError({
      code: 'ERR_CONTAINER_UNAVAILABLE',
      source: SOURCE,
      status,
      retryable: true,
      retryAfterMs: parseRetryAfter(response.headers['retry-after'], context.now()),
      message:
        `${answered}. ` +
        (detail?.startsWith('CredentialsUninitialized') === true
          ? 'The ECS agent has no credentials for this task yet (it is starting or reconciling); it will once the task is fully started.'
          : 'The credentials agent failed; if this persists, check the agent on the host.'),
    });
  }
  if (status === 401 || status === 403) {
    return new IamkitError({
      code: 'ERR_CONTAINER_ACCESS_DENIED',
      source: SOURCE,
      status,
      message:
        `${answered}. The endpoint refused the authorization token: check AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (or AWS_CONTAINER_AUTHORIZATION_TOKEN); ` +
        'on EKS, that the pod’s service account has a Pod Identity association and its token is mounted.',
    });
  }
  const fix =
    kind === 'relative'
      ? `check ${setting}: it must be the value the ECS agent gave this task (a value copied from another task is refused)`
      : `check ${setting} (the path, e.g. /v1/credentials for EKS Pod Identity) and the token in AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`;
  return new IamkitError({ code: 'ERR_CONTAINER_REQUEST_REJECTED', source: SOURCE, status, message: `${answered}. Retrying cannot fix this: ${fix}.` });
}

/** `code: message` from a JSON error body (either case), or the first line of a text body; scrubbed. */
function errorDetail(body: string, token: string | undefined): string | undefined {
  let text: string | undefined;
  try {
    const json = JSON.parse(body) as unknown;
    if (typeof json === 'object' && json !== null) {
      const record = json as Record<string, unknown>;
      const code = record.code ?? record.Code;
      const message = record.message ?? record.Message;
      const parts = [code, message].filter((part): part is string => typeof part === 'string' && part !== '');
      text = parts.length > 0 ? parts.join(': ') : undefined;
    }
  } catch {
    text = body.split('\n').find((line) => line.trim() !== '');
  }
  if (text === undefined) return undefined;
  const line = scrubSecrets(text, [token]).replace(/[\p{Cc}\s]+/gu, ' ').trim();
  if (line === '') return undefined;
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
