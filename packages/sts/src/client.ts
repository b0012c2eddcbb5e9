import { inspect } from 'node:util';
import { IamkitError, isIamkitError, maskAccessKeyId, toIamkitError, withRetry, type HttpResponse } from '@iamkit/credentials';
import type { SigV4Credentials } from '@iamkit/sigv4';
import { sendAttempt, type Transport } from './attempt.js';
import { isClockError, SKEW_THRESHOLD_MS } from './clock-skew.js';
import { STS_CLIENT_DEFAULTS, type StsCallOptions, type StsClientOptions, type StsClientState, type StsClockCorrection } from './client-options.js';
import { stsChannels } from './diagnostics.js';
import { resolveStsEndpoint, type StsEndpoint } from './endpoint.js';
import { assumeRoleQuery, formBody, webIdentityQuery, type AssumeRoleParams, type AssumeRoleWithWebIdentityParams, type QueryParams } from './params.js';
import { readResult } from './response.js';
import { assumeRoleResultFrom, callerIdentityFrom, webIdentityResultFrom, type AssumeRoleResult, type AssumeRoleWithWebIdentityResult, type CallerIdentity } from './results.js';
import { isStsError, StsError } from './sts-error.js';

/**
 * A small STS client: GetCallerIdentity, AssumeRole and AssumeRoleWithWebIdentity over the
 * awsQuery protocol, signed with `@iamkit/sigv4`, sent with undici.
 *
 * @example
 * ```ts
 * const sts = createStsClient({ region: 'eu-west-1', provider: cached(fromEnv()) });
 * const { arn } = await sts.getCallerIdentity();
 * ```
 * @public
 */
export interface StsClient {
  readonly endpoint: StsEndpoint;
  /** Added to the local clock when signing; corrected from STS's answers to clock errors. */
  readonly clockOffsetMs: number;
  getCallerIdentity(options?: StsCallOptions): Promise<CallerIdentity>;
  assumeRole(params: AssumeRoleParams, options?: StsCallOptions): Promise<AssumeRoleResult>;
  /** Sent unsigned, as the AWS SDKs do: the token is the credential. */
  assumeRoleWithWebIdentity(params: AssumeRoleWithWebIdentityParams, options?: Pick<StsCallOptions, 'signal'>): Promise<AssumeRoleWithWebIdentityResult>;
  /** A secret-free snapshot: endpoint, clock offset and corrections, counters, last request id. */
  peek(): StsClientState;
}

interface Call<T> {
  readonly action: string;
  readonly query: QueryParams;
  readonly signed: boolean;
  readonly options: StsCallOptions | undefined;
  readonly secrets: readonly (string | undefined)[];
  readonly parse: (response: HttpResponse) => T;
  readonly expirationOf?: (result: T) => Date | undefined;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new IamkitError({ code: 'ERR_CONFIG_INVALID', source: 'sts', message: `sts: option ${name} must be a finite number, 0 or more.` });
  return value;
}

class Client implements StsClient {
  readonly endpoint: StsEndpoint;
  readonly #options: StsClientOptions;
  readonly #transport: Transport;
  readonly #now: () => number;
  #offsetMs: number;
  #corrections = 0;
  #lastCorrection: StsClockCorrection | undefined;
  #requests = 0;
  #failures = 0;
  #lastRequestId: string | undefined;
  #lastError: StsClientState['lastError'];

  constructor(options: StsClientOptions) {
    this.#options = options;
    this.endpoint = resolveStsEndpoint(options);
    this.#now = options.now ?? Date.now;
    this.#offsetMs = options.clockOffsetMs ?? 0;
    if (!Number.isFinite(this.#offsetMs)) throw new IamkitError({ code: 'ERR_CONFIG_INVALID', source: 'sts', message: 'sts: option clockOffsetMs must be a finite number of milliseconds.' });
    if (options.credentials !== undefined && options.provider !== undefined) {
      throw new IamkitError({ code: 'ERR_CONFIG_INVALID', source: 'sts', message: 'sts: pass either credentials or provider to createStsClient, not both.' });
    }
    this.#transport = {
      endpoint: this.endpoint,
      dispatcher: options.dispatcher,
      connectTimeoutMs: positive(options.connectTimeoutMs, STS_CLIENT_DEFAULTS.connectTimeoutMs, 'connectTimeoutMs'),
      headersTimeoutMs: positive(options.headersTimeoutMs, STS_CLIENT_DEFAULTS.headersTimeoutMs, 'headersTimeoutMs'),
      bodyTimeoutMs: positive(options.bodyTimeoutMs, STS_CLIENT_DEFAULTS.bodyTimeoutMs, 'bodyTimeoutMs'),
      userAgent: options.userAgent ?? STS_CLIENT_DEFAULTS.userAgent,
      now: this.#now,
    };
    if (this.endpoint.regionSource === 'default' && stsChannels.notice.hasSubscribers) {
      stsChannels.notice.publish({
        source: 'sts',
        kind: 'region-default',
        message: `sts: no region configured (region option, AWS_REGION, AWS_DEFAULT_REGION or the profile's region); using us-east-1 and ${this.endpoint.url}.`,
      });
    }
  }

  get clockOffsetMs(): number {
    return this.#offsetMs;
  }

  async getCallerIdentity(options?: StsCallOptions): Promise<CallerIdentity> {
    const context = { action: 'GetCallerIdentity', url: this.endpoint.url };
    return await this.#call({ action: 'GetCallerIdentity', query: [], signed: true, options, secrets: [], parse: (response) => callerIdentityFrom(readResult(response, context), context) });
  }

  async assumeRole(params: AssumeRoleParams, options?: StsCallOptions): Promise<AssumeRoleResult> {
    const context = { action: 'AssumeRole', url: this.endpoint.url };
    return await this.#call({
      action: 'AssumeRole',
      query: assumeRoleQuery(params, this.#now()),
      signed: true,
      options,
      secrets: [params.tokenCode],
      parse: (response) => assumeRoleResultFrom(readResult(response, context), context, 'sts:assume-role', () => this.#correctedNow()),
      expirationOf: (result) => result.credentials.expiration,
    });
  }

  async assumeRoleWithWebIdentity(params: AssumeRoleWithWebIdentityParams, options?: Pick<StsCallOptions, 'signal'>): Promise<AssumeRoleWithWebIdentityResult> {
    const context = { action: 'AssumeRoleWithWebIdentity', url: this.endpoint.url };
    return await this.#call({
      action: 'AssumeRoleWithWebIdentity',
      query: webIdentityQuery(params, this.#now()),
      signed: false,
      options: { signal: options?.signal },
      // The token is sent trimmed: keep both spellings out of errors.
      secrets: [params.webIdentityToken, typeof params.webIdentityToken === 'string' ? params.webIdentityToken.trim() : undefined],
      parse: (response) => webIdentityResultFrom(readResult(response, context), context, () => this.#correctedNow()),
      expirationOf: (result) => result.credentials.expiration,
    });
  }

  #correctedNow(): number {
    return this.#now() + this.#offsetMs;
  }

  async #credentials(action: string, options: StsCallOptions | undefined): Promise<SigV4Credentials> {
    const fixed = options?.credentials ?? this.#options.credentials;
    if (fixed !== undefined) return fixed;
    const { provider } = this.#options;
    if (provider === undefined) {
      throw new StsError({
        code: 'ERR_STS_CREDENTIALS_REQUIRED',
        action,
        message: `sts: ${action} must be signed: pass credentials or provider to createStsClient (e.g. { provider: cached(fromEnv()) }), or { credentials } to the call.`,
      });
    }
    try {
      return await provider(options?.signal === undefined ? undefined : { signal: options.signal });
    } catch (error) {
      throw toIamkitError(error, { code: 'ERR_CREDENTIALS_SOURCE_FAILED', source: 'sts', message: `sts: the credential provider given to createStsClient failed before ${action}; see error.cause.` });
    }
  }

  async #call<T>(call: Call<T>): Promise<T> {
    const { action } = call;
    const signal = call.options?.signal;
    const credentials = call.signed ? await this.#credentials(action, call.options) : undefined;
    const fromProvider = call.signed && call.options?.credentials === undefined && this.#options.credentials === undefined;
    const body = formBody(action, call.query);
    const secrets = [credentials?.secretAccessKey, credentials?.sessionToken, ...call.secrets];
    const correct = this.#options.correctClockSkew ?? true;
    let corrected = false;

    const attempt = async (number: number): Promise<T> => {
      for (;;) {
        const localMs = this.#now();
        const signedAtMs = localMs + this.#offsetMs;
        if (stsChannels.request.hasSubscribers) {
          stsChannels.request.publish({ source: 'sts', action, endpoint: this.endpoint.url, attempt: number, accessKeyId: credentials === undefined ? undefined : maskAccessKeyId(credentials.accessKeyId), clockOffsetMs: this.#offsetMs });
        }
        this.#requests++;
        try {
          const response = await sendAttempt({ action, body, credentials, signedAtMs, signal, secrets }, this.#transport);
          const result = call.parse(response);
          this.#lastRequestId = (result as { requestId?: string }).requestId;
          if (stsChannels.response.hasSubscribers) {
            stsChannels.response.publish({ source: 'sts', action, endpoint: this.endpoint.url, status: response.status, requestId: this.#lastRequestId, expiration: call.expirationOf?.(result)?.toISOString() });
          }
          return result;
        } catch (error) {
          if (isStsError(error)) this.#lastRequestId = error.requestId ?? this.#lastRequestId;
          // One retry with a corrected clock when STS's answer shows the clock is off.
          if (correct && !corrected && isStsError(error) && isClockError(error.stsCode, error.stsMessage) && error.clockSkewMs !== undefined && Math.abs(error.clockSkewMs) > SKEW_THRESHOLD_MS) {
            corrected = true;
            this.#applySkew(action, error.clockSkewMs, localMs, signedAtMs, error.stsMessage);
            continue;
          }
          throw error;
        }
      }
    };

    try {
      return await withRetry(attempt, {
        maxAttempts: this.#options.maxAttempts ?? STS_CLIENT_DEFAULTS.maxAttempts,
        baseDelayMs: this.#options.retryBaseDelayMs ?? STS_CLIENT_DEFAULTS.retryBaseDelayMs,
        maxDelayMs: this.#options.retryMaxDelayMs ?? STS_CLIENT_DEFAULTS.retryMaxDelayMs,
        sleep: this.#options.sleep,
        random: this.#options.random,
        signal,
        source: 'sts',
        onRetry: ({ error, attempt: number, delayMs }) => {
          this.#publishFailure(action, number, error, true, delayMs);
        },
      });
    } catch (error) {
      this.#failures++;
      const code = isIamkitError(error) ? error.code : 'ERR_UNKNOWN';
      this.#lastError = { code, stsCode: isStsError(error) ? error.stsCode : undefined, action };
      this.#publishFailure(action, undefined, error, false, undefined);
      if (fromProvider && credentials !== undefined) this.#invalidate(error, credentials.accessKeyId);
      throw error;
    }
  }

  // STS rejected the provider's credentials themselves: a cached() provider must not hand them out
  // again. Keyed by the rejected key id, so newer credentials are kept.
  #invalidate(error: unknown, accessKeyId: string): void {
    if (!isStsError(error) || (error.stsCode !== 'ExpiredToken' && error.stsCode !== 'InvalidClientTokenId')) return;
    const invalidate = (this.#options.provider as { invalidate?: unknown } | undefined)?.invalidate;
    if (typeof invalidate === 'function') (invalidate as (accessKeyId: string) => unknown).call(this.#options.provider, accessKeyId);
  }

  #applySkew(action: string, skewMs: number, localMs: number, signedAtMs: number, message: string | undefined): void {
    const previousOffsetMs = this.#offsetMs;
    this.#offsetMs = signedAtMs + skewMs - localMs;
    const measuredFrom = message !== undefined && /Signature (?:expired|not yet current)/.test(message) ? 'message' : 'date-header';
    this.#corrections++;
    this.#lastCorrection = { at: new Date(localMs).toISOString(), skewMs, measuredFrom };
    if (stsChannels.clockSkew.hasSubscribers) {
      stsChannels.clockSkew.publish({ source: 'sts', action, skewMs, previousOffsetMs, clockOffsetMs: this.#offsetMs, measuredFrom });
    }
  }

  #publishFailure(action: string, attempt: number | undefined, error: unknown, willRetry: boolean, delayMs: number | undefined): void {
    if (!stsChannels.failure.hasSubscribers) return;
    const sts = isStsError(error) ? error : undefined;
    stsChannels.failure.publish({
      source: 'sts',
      action,
      endpoint: this.endpoint.url,
      attempt: attempt ?? this.#requests,
      code: isIamkitError(error) ? error.code : 'ERR_UNKNOWN',
      stsCode: sts?.stsCode,
      status: isIamkitError(error) ? error.status : undefined,
      requestId: sts?.requestId,
      willRetry,
      delayMs,
    });
  }

  peek(): StsClientState {
    return {
      endpoint: this.endpoint.url,
      region: this.endpoint.region,
      signingRegion: this.endpoint.signingRegion,
      regionSource: this.endpoint.regionSource,
      endpointSource: this.endpoint.endpointSource,
      clockOffsetMs: this.#offsetMs,
      clockCorrections: this.#corrections,
      lastClockCorrection: this.#lastCorrection,
      requests: this.#requests,
      failures: this.#failures,
      lastRequestId: this.#lastRequestId,
      lastError: this.#lastError,
    };
  }

  toJSON(): StsClientState & { readonly credentials: string } {
    const fixed = this.#options.credentials;
    return { ...this.peek(), credentials: fixed === undefined ? (this.#options.provider === undefined ? 'none' : '[provider]') : `${maskAccessKeyId(fixed.accessKeyId)} [secret redacted]` };
  }

  [inspect.custom](): string {
    return `StsClient ${inspect(this.toJSON())}`;
  }
}

/**
 * Creates an STS client. The endpoint is regional by default, from the `region` option, else
 * `AWS_REGION`, else `AWS_DEFAULT_REGION`, else `profileRegion`, else `us-east-1` (announced on
 * the `iamkit:sts:notice` channel); `AWS_STS_REGIONAL_ENDPOINTS=legacy`, FIPS, and explicit
 * endpoints (`endpoint` option, `AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`) are honoured — see
 * `resolveStsEndpoint`.
 *
 * Throttling, 5xx and network failures are retried (`maxAttempts`, full-jitter backoff honouring
 * `Retry-After`); non-recoverable answers (AccessDenied, InvalidIdentityToken, …) are not. When STS
 * answers a clock error (Signature expired, RequestTimeTooSkewed, SignatureDoesNotMatch) and its
 * `Date` header or message shows more than 5 minutes of skew, the client corrects its clock offset
 * and retries once; the offset is kept for later requests and shown by `peek()`.
 *
 * Secrets (secret key, session token, web identity token, MFA code) never appear in errors,
 * diagnostics events, `peek()`, `util.inspect` or JSON of the client.
 *
 * @example
 * ```ts
 * import { cached } from '@iamkit/credentials';
 * import { fromEnv } from '@iamkit/credential-env';
 * import { createStsClient } from '@iamkit/sts';
 *
 * const sts = createStsClient({ provider: cached(fromEnv()) });
 * const { credentials } = await sts.assumeRole({ roleArn: 'arn:aws:iam::123456789012:role/deploy', durationSeconds: 900 });
 * ```
 * @public
 */
export function createStsClient(options: StsClientOptions = {}): StsClient {
  if (typeof options !== 'object' || (options as unknown) === null) throw new IamkitError({ code: 'ERR_CONFIG_INVALID', source: 'sts', message: 'sts: createStsClient takes an options object.' });
  return new Client(options);
}
