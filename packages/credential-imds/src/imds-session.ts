import { IamkitError, httpRequest, isIamkitError, type Clock, type HttpRequestOptions, type HttpResponse } from '@iamkit/credentials';
import type { ImdsNoticeKind } from './imds-diagnostics.js';
import type { ResolvedImdsOptions } from './imds-options.js';
import type { ImdsSettings } from './imds-settings.js';
import { imdsStatusError, tokenTimeoutError } from './imds-status-error.js';

const SOURCE = 'imds';
const TOKEN_PATH = '/latest/api/token';

/** What one fetch needs from its surroundings. */
export interface SessionContext {
  readonly settings: ImdsSettings;
  readonly now: Clock;
  readonly signal: AbortSignal | undefined;
  readonly dispatcher: HttpRequestOptions['dispatcher'];
  readonly notice: (kind: ImdsNoticeKind, message: string) => void;
}

/**
 * The IMDSv2 session of one provider: the session token and the role name are kept between
 * fetches, so that a refresh costs one GET instead of the three (PUT, list, GET) the AWS SDK for
 * JavaScript spends. The token is renewed shortly before its TTL ends, or at once when a GET gets
 * 401; concurrent fetches share one token request.
 */
export class ImdsSession {
  readonly #options: ResolvedImdsOptions;
  #endpoint = '';
  #token: { readonly value: string; readonly renewAt: number } | undefined;
  #tokenFlight: Promise<string | undefined> | undefined;
  /** IMDS refused the token request with 403/404/405 and the fallback is allowed: GETs go without a token. */
  #v1 = false;
  #role: string | undefined;

  constructor(options: ResolvedImdsOptions) {
    this.#options = options;
  }

  /** Forgets everything learned about an endpoint when the configured endpoint changes. */
  use(endpoint: URL): void {
    if (endpoint.href === this.#endpoint) return;
    this.#endpoint = endpoint.href;
    this.#token = undefined;
    this.#tokenFlight = undefined;
    this.#v1 = false;
    this.#role = undefined;
  }

  /** The role to fetch: configured, remembered, or listed (and remembered). */
  async role(context: SessionContext): Promise<{ name: string; remembered: boolean }> {
    const { settings } = context;
    if (settings.profileName !== undefined) return { name: settings.profileName, remembered: false };
    if (this.#role !== undefined) return { name: this.#role, remembered: true };
    const response = await this.get('/latest/meta-data/iam/security-credentials/', context);
    if (response.status !== 200) throw imdsStatusError(response, { ...context, what: 'role listing' });
    const name = response.body.split('\n')[0]?.trim() ?? '';
    if (name === '' || /[\s/\p{Cc}]/u.test(name)) {
      throw new IamkitError({
        code: 'ERR_IMDS_NO_ROLE',
        source: SOURCE,
        message: `${SOURCE}: ${response.method} ${response.url} listed no usable IAM role. Attach an instance profile to this instance, or set AWS_EC2_INSTANCE_PROFILE_NAME.`,
      });
    }
    this.#role = name;
    return { name, remembered: false };
  }

  /** Forgets a remembered role name (IMDS answered 404 for it: the instance profile changed). */
  forgetRole(): void {
    this.#role = undefined;
  }

  /** A GET with the session token; a 401 drops the token and tries once more with a new one. */
  async get(path: string, context: SessionContext): Promise<HttpResponse> {
    const first = await this.#send(path, await this.#sessionToken(context), context);
    if (first.status !== 401) return first;
    this.#token = undefined;
    // A 401 without a token means IMDSv2 is now required: leave v1 mode.
    this.#v1 = false;
    context.notice('token-refreshed', `${SOURCE}: a GET was refused with 401 (the session token expired or was revoked); requested a new token and tried again.`);
    const token = await this.#sessionToken(context);
    const second = await this.#send(path, token, context);
    if (second.status !== 401) return second;
    const why =
      token === undefined
        ? 'without a session token, and IMDS refuses to issue one (the token request was refused too)'
        : 'even with a new session token. Check that nothing between this process and IMDS rewrites or strips the x-aws-ec2-metadata-token header';
    throw new IamkitError({
      code: 'ERR_IMDS_UNAUTHORIZED',
      source: SOURCE,
      status: 401,
      message: `${SOURCE}: ${second.method} ${second.url} (from ${context.settings.endpointFrom}) was refused with 401 ${why}.`,
    });
  }

  #send(path: string, token: string | undefined, context: SessionContext): Promise<HttpResponse> {
    return this.#request(new URL(path, context.settings.endpoint), 'GET', token === undefined ? {} : { 'x-aws-ec2-metadata-token': token }, this.#options.headersTimeoutMs, context, token);
  }

  #sessionToken(context: SessionContext): Promise<string | undefined> {
    if (this.#v1) return Promise.resolve(undefined);
    const current = this.#token;
    if (current !== undefined && context.now() < current.renewAt) return Promise.resolve(current.value);
    this.#tokenFlight ??= this.#requestToken(context).finally(() => {
      this.#tokenFlight = undefined;
    });
    return this.#tokenFlight;
  }

  async #requestToken(context: SessionContext): Promise<string | undefined> {
    const ttl = this.#options.tokenTtlSeconds;
    const url = new URL(TOKEN_PATH, context.settings.endpoint);
    let response: HttpResponse;
    try {
      response = await this.#request(url, 'PUT', { 'x-aws-ec2-metadata-token-ttl-seconds': String(ttl) }, this.#options.tokenTimeoutMs, context, undefined);
    } catch (error) {
      if (isIamkitError(error, 'ERR_HTTP_TIMEOUT')) throw tokenTimeoutError(error, url, this.#options.tokenTimeoutMs, context.settings);
      throw error;
    }
    const { status } = response;
    if (status === 200) {
      const token = response.body.trim();
      if (token === '' || /[\s\p{Cc}]/u.test(token)) {
        throw new IamkitError({ code: 'ERR_HTTP_MALFORMED_BODY', source: SOURCE, retryable: true, message: `${SOURCE}: the session token from PUT ${url.origin}${TOKEN_PATH} is empty or not a single token.` });
      }
      const granted = Number(headerValue(response.headers['x-aws-ec2-metadata-token-ttl-seconds']));
      const ttlMs = (Number.isInteger(granted) && granted > 0 && granted < ttl ? granted : ttl) * 1000;
      // Renew a little early, so that a token never expires between our check and IMDS's.
      this.#token = { value: token, renewAt: context.now() + ttlMs - Math.min(60_000, ttlMs / 10) };
      return token;
    }
    if ((status === 403 || status === 404 || status === 405) && context.settings.v1Fallback) {
      this.#v1 = true;
      context.notice('v1-fallback', `${SOURCE}: IMDS refused the IMDSv2 token request (HTTP ${status}); using IMDSv1 without a token. Set AWS_EC2_METADATA_V1_DISABLED=true to forbid this.`);
      return undefined;
    }
    throw imdsStatusError(response, { ...context, what: 'token request' });
  }

  async #request(url: URL, method: 'GET' | 'PUT', headers: Record<string, string>, headersTimeoutMs: number, context: SessionContext, token: string | undefined): Promise<HttpResponse> {
    try {
      return await httpRequest({
        url,
        method,
        headers,
        source: SOURCE,
        secrets: [token],
        dispatcher: context.dispatcher,
        connectTimeoutMs: this.#options.connectTimeoutMs,
        headersTimeoutMs,
        bodyTimeoutMs: this.#options.bodyTimeoutMs,
        signal: context.signal,
      });
    } catch (error) {
      if (!isIamkitError(error) || error.code === 'ERR_ABORTED' || error.code === 'ERR_HTTP_TIMEOUT') throw error;
      throw new IamkitError({
        code: error.code,
        source: SOURCE,
        retryable: error.retryable,
        status: error.status,
        message: `${error.message} (IMDS endpoint from ${context.settings.endpointFrom}; if this is not EC2, set AWS_EC2_METADATA_DISABLED=true.)`,
        cause: error.cause,
      });
    }
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
