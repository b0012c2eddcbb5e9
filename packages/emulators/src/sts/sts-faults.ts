import type { FaultMatch, FaultRequest, FaultResponse } from '../common/faults.js';
import { errorForCode, type StsFaultCode } from './sts-errors.js';
import { renderError } from './sts-render.js';

/**
 * Options of {@link stsErrorFault}.
 *
 * @example
 * ```ts
 * stsErrorFault('Throttling', { retryAfter: 2, format: 'json' });
 * ```
 * @public
 */
export interface StsErrorFaultOptions {
  /** Replace STS's message (e.g. another `InvalidIdentityToken` reason). */
  readonly message?: string | undefined;
  /** The account named in messages that name one (`RegionDisabledException`). Default `123456789012`. */
  readonly account?: string | undefined;
  /** `Retry-After` seconds (STS itself sends none). */
  readonly retryAfter?: number | undefined;
  /** `'json'` for the body STS sends to `Accept: application/json`. Default `'xml'`. */
  readonly format?: 'xml' | 'json' | undefined;
  readonly delayMs?: number | undefined;
}

/**
 * The request id that {@link stsErrorFault} answers carry (in `x-amzn-RequestId` and the body).
 *
 * @example
 * ```ts
 * expect(error.requestId).toBe(STS_FAULT_REQUEST_ID);
 * ```
 * @public
 */
export const STS_FAULT_REQUEST_ID = 'f0f0f0f0-0000-4000-8000-00000000fa17';

/**
 * A fault response that answers like STS does for `code` — its status, `<ErrorResponse>`
 * document, `Content-Type: text/xml` and `x-amzn-RequestId` — for the errors a test cannot easily
 * provoke otherwise (an IdP that cannot be reached, a 500).
 *
 * @example
 * ```ts
 * import { matchStsAction, startSts, stsErrorFault } from '@iamkit/emulators';
 * await using sts = await startSts();
 * sts.faults.push({ match: matchStsAction('AssumeRoleWithWebIdentity'), times: 1, response: stsErrorFault('IDPCommunicationError') });
 * ```
 * @public
 */
export function stsErrorFault(code: StsFaultCode, options: StsErrorFaultOptions = {}): FaultResponse {
  const error = errorForCode(code, options.message, options.account ?? '123456789012');
  const rendered = renderError(error, STS_FAULT_REQUEST_ID, options.format ?? 'xml', new Date().toUTCString());
  return {
    kind: 'status',
    status: rendered.status,
    body: rendered.body,
    contentType: rendered.headers['Content-Type'],
    headers: { 'x-amzn-RequestId': STS_FAULT_REQUEST_ID },
    retryAfter: options.retryAfter,
    delayMs: options.delayMs,
  };
}

function actionOf(request: FaultRequest): string | null {
  const q = request.target.indexOf('?');
  const fromQuery = q < 0 ? null : new URLSearchParams(request.target.slice(q + 1)).get('Action');
  return new URLSearchParams(request.body).get('Action') ?? fromQuery;
}

/**
 * A fault matcher for one STS action (read from the form body or the query string).
 *
 * @example
 * ```ts
 * sts.faults.push({ match: matchStsAction('AssumeRole'), times: 2, response: { kind: 'throttle' } });
 * ```
 * @public
 */
export function matchStsAction(action: string): FaultMatch {
  return (request) => actionOf(request) === action;
}
