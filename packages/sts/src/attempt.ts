import { httpRequest, httpStatusError, parseRetryAfter, scrubSecrets, type Clock, type HttpResponse } from '@iamkit/credentials';
import { signRequest, type SigV4Credentials } from '@iamkit/sigv4';
import type { Dispatcher } from 'undici';
import { measureSkew } from './clock-skew.js';
import type { StsEndpoint } from './endpoint.js';
import { explainStsError } from './explain.js';
import { headerText, readErrorDocument } from './response.js';
import { isRetryableStsAnswer, StsError, stsErrorCode } from './sts-error.js';

/** How a client talks HTTP. */
export interface Transport {
  readonly endpoint: StsEndpoint;
  readonly dispatcher: Dispatcher | undefined;
  readonly connectTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly bodyTimeoutMs: number;
  readonly userAgent: string;
  readonly now: Clock;
}

/** One request to send. */
export interface Attempt {
  readonly action: string;
  readonly body: string;
  /** `undefined` sends the request unsigned (AssumeRoleWithWebIdentity). */
  readonly credentials: SigV4Credentials | undefined;
  /** The (corrected) time to sign with. */
  readonly signedAtMs: number;
  readonly signal: AbortSignal | undefined;
  /** Values that must never appear in an error: the secret key, the session token, a web identity token. */
  readonly secrets: readonly (string | undefined)[];
}

/** The StsError for a non-2xx answer, with STS's fields, the measured skew and a fix in its message. */
function errorFromResponse(response: HttpResponse, attempt: Attempt, transport: Transport): Error {
  const document = readErrorDocument(response);
  if (document === undefined || (document.code === undefined && document.message === undefined)) {
    return httpStatusError(response, {
      source: 'sts',
      secrets: attempt.secrets,
      now: transport.now,
      hint: `This is not an STS error document: check the STS endpoint (${transport.endpoint.url}; option endpoint, AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL).`,
    });
  }
  const stsMessage = document.message === undefined ? undefined : scrubSecrets(document.message, attempt.secrets);
  const skew = measureSkew(stsMessage, headerText(response.headers.date), attempt.signedAtMs);
  const init = {
    code: stsErrorCode(document.code),
    stsCode: document.code,
    stsMessage,
    stsType: document.type,
    requestId: document.requestId,
    action: attempt.action,
    status: response.status,
    retryable: isRetryableStsAnswer(document.code, response.status),
    retryAfterMs: parseRetryAfter(response.headers['retry-after'], transport.now()),
    clockSkewMs: skew?.skewMs,
  };
  const fix = explainStsError(new StsError({ ...init, message: stsMessage ?? '' })).fixes[0];
  const id = document.requestId === undefined ? '' : `, request id ${document.requestId}`;
  return new StsError({
    ...init,
    message:
      `sts: ${attempt.action} at ${transport.endpoint.url} failed with ${document.code ?? 'an error'} (HTTP ${response.status}${id}): ${stsMessage ?? '(no message)'}` +
      `${fix === undefined ? '' : ` — ${fix}`} explainStsError(error) lists the causes and fixes.`,
  });
}

/** Signs (unless unsigned) and sends one request; returns a 2xx response or throws. */
export async function sendAttempt(attempt: Attempt, transport: Transport): Promise<HttpResponse> {
  const { endpoint } = transport;
  let headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', host: endpoint.host };
  if (attempt.credentials !== undefined) {
    const signed = signRequest(
      { method: 'POST', url: endpoint.url, headers, body: attempt.body },
      { credentials: attempt.credentials, region: endpoint.signingRegion, service: 'sts', date: attempt.signedAtMs },
    );
    headers = Object.fromEntries(Object.entries(signed.headers));
  }
  headers['user-agent'] = transport.userAgent;
  const response = await httpRequest({
    url: endpoint.url,
    method: 'POST',
    headers,
    body: attempt.body,
    source: 'sts',
    dispatcher: transport.dispatcher,
    connectTimeoutMs: transport.connectTimeoutMs,
    headersTimeoutMs: transport.headersTimeoutMs,
    bodyTimeoutMs: transport.bodyTimeoutMs,
    signal: attempt.signal,
    secrets: attempt.secrets,
  });
  if (response.status >= 200 && response.status < 300) return response;
  throw errorFromResponse(response, attempt, transport);
}
