import { httpRequest, isIamkitError, scrubSecrets, type HttpRequestOptions, type HttpResponse } from '@iamkit/credentials';
import type { StsRequest } from '../conversation/sts-request.js';
import { mongoAwsError } from '../errors.js';
import type { StsVerdict, StsVerifier } from './sts-verifier.js';
import { callerArn, stsError } from './sts-xml.js';

/**
 * Options of {@link createHttpStsVerifier}.
 *
 * @example
 * ```ts
 * const options: HttpStsVerifierOptions = { url: sts.url, retryCount: 2, headersTimeoutMs: 2000 };
 * ```
 * @public
 */
export interface HttpStsVerifierOptions {
  /** Where to POST; default the request's own `url` (the server's STS URL). */
  readonly url?: string | URL | undefined;
  /** mongod's `awsSTSRetryCount`: extra attempts after a 5xx, no answer, or a failed request. Default 2. */
  readonly retryCount?: number | undefined;
  /** An undici dispatcher (Agent, MockAgent, ProxyAgent); default a shared keep-alive Agent. */
  readonly dispatcher?: HttpRequestOptions['dispatcher'];
  readonly connectTimeoutMs?: number | undefined;
  readonly headersTimeoutMs?: number | undefined;
  readonly bodyTimeoutMs?: number | undefined;
}

const DEFAULT_RETRY_COUNT = 2;

function retryCountOf(value: number | undefined): number {
  if (value === undefined) return DEFAULT_RETRY_COUNT;
  if (!Number.isInteger(value) || value < 0 || value > 100) {
    throw mongoAwsError('ERR_MONGODB_AWS_INVALID_OPTIONS', 'retryCount must be an integer from 0 to 100 (mongod awsSTSRetryCount; default 2).');
  }
  return value;
}

function refusal(response: HttpResponse, secrets: readonly string[]): StsVerdict {
  const { code, message } = stsError(response.body);
  const detail = code === undefined ? '' : `: ${code}${message === undefined ? '' : ` (${scrubSecrets(message, secrets).slice(0, 300)})`}`;
  return {
    error: `Failed connecting to AWS STS. HTTP Status Code: ${response.status}${detail}`,
    stsCode: code,
    status: response.status,
    unavailable: response.status >= 500,
  };
}

/**
 * A verifier that does what mongod does with the rebuilt request: POST it to an STS endpoint (a
 * real one, or the iamkit STS emulator), retry up to `retryCount` times on a 5xx, a missing
 * answer or a failed request (immediately, as mongod), and read
 * `GetCallerIdentityResponse/GetCallerIdentityResult/Arn` from a 200. Any other status is STS's
 * refusal, reported with STS's error code (`ExpiredToken`, `SignatureDoesNotMatch`, …).
 *
 * The `Host` header sent is the request's (`h`, without a port), as mongod sends it.
 *
 * @example
 * ```ts
 * const server = createMongoAwsServer({ stsUrl: 'https://sts.amazonaws.com', verify: createHttpStsVerifier() });
 * ```
 * @public
 */
export function createHttpStsVerifier(options: HttpStsVerifierOptions = {}): StsVerifier {
  const retryCount = retryCountOf(options.retryCount);
  return async (request: StsRequest): Promise<StsVerdict> => {
    const secrets = [request.headers.Authorization, request.headers['X-Amz-Security-Token']].filter((s): s is string => s !== undefined);
    let last: StsVerdict = { error: 'Failed connecting to AWS STS', status: 0, unavailable: true };
    for (let attempt = 0; attempt <= retryCount; attempt++) {
      let response: HttpResponse;
      try {
        response = await httpRequest({
          url: options.url ?? request.url,
          method: 'POST',
          headers: { ...request.headers },
          body: request.body,
          source: 'mongodb-aws',
          dispatcher: options.dispatcher,
          connectTimeoutMs: options.connectTimeoutMs,
          headersTimeoutMs: options.headersTimeoutMs,
          bodyTimeoutMs: options.bodyTimeoutMs,
          secrets,
        });
      } catch (error) {
        const why = isIamkitError(error) ? error.message : error instanceof Error ? error.message : String(error);
        last = { error: `Failed connecting to AWS STS: ${scrubSecrets(why, secrets)}`, status: 0, unavailable: true };
        continue;
      }
      if (response.status >= 500) {
        last = refusal(response, secrets);
        continue;
      }
      if (response.status !== 200) return refusal(response, secrets);
      const arn = callerArn(response.body);
      if (arn === undefined) return { error: 'AWS STS answered 200 without GetCallerIdentityResponse/GetCallerIdentityResult/Arn', status: 200, unavailable: true };
      return { arn };
    }
    return last;
  };
}
