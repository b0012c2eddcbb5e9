import { channel } from 'node:diagnostics_channel';

/**
 * Diagnostics channel: an STS request is about to be sent. Payload {@link StsRequestEvent}.
 *
 * @example
 * ```ts
 * import { subscribe } from 'node:diagnostics_channel';
 * subscribe(STS_REQUEST_CHANNEL, (event) => log.debug('sts request', event));
 * ```
 * @public
 */
export const STS_REQUEST_CHANNEL = 'iamkit:sts:request';
/**
 * Diagnostics channel: STS answered successfully. Payload {@link StsResponseEvent}.
 *
 * @example
 * ```ts
 * subscribe(STS_RESPONSE_CHANNEL, (event) => log.info('sts', event));
 * ```
 * @public
 */
export const STS_RESPONSE_CHANNEL = 'iamkit:sts:response';
/**
 * Diagnostics channel: an attempt failed (STS refused it, the network failed, the answer was
 * malformed); `willRetry` says whether another attempt follows. Payload {@link StsFailureEvent}.
 *
 * @example
 * ```ts
 * subscribe(STS_FAILURE_CHANNEL, (event) => log.warn('sts failed', event));
 * ```
 * @public
 */
export const STS_FAILURE_CHANNEL = 'iamkit:sts:failure';
/**
 * Diagnostics channel: the client corrected its clock offset from STS's answer and retries once.
 * Payload {@link StsClockSkewEvent}.
 *
 * @example
 * ```ts
 * subscribe(STS_CLOCK_SKEW_CHANNEL, (event) => log.warn('clock skew corrected', event));
 * ```
 * @public
 */
export const STS_CLOCK_SKEW_CHANNEL = 'iamkit:sts:clock-skew';
/**
 * Diagnostics channel: something about the client's configuration worth a log line, e.g. no
 * region was configured and `us-east-1` is used. Payload {@link StsNoticeEvent}.
 *
 * @example
 * ```ts
 * subscribe(STS_NOTICE_CHANNEL, (event) => console.warn((event as StsNoticeEvent).message));
 * ```
 * @public
 */
export const STS_NOTICE_CHANNEL = 'iamkit:sts:notice';

/**
 * Payload of {@link STS_REQUEST_CHANNEL}. The access key id is masked; nothing secret is sent.
 *
 * @example
 * ```ts
 * // { source: 'sts', action: 'AssumeRole', endpoint: 'https://sts.eu-west-1.amazonaws.com/', attempt: 1, accessKeyId: 'AKIA…MPLE', clockOffsetMs: 0 }
 * ```
 * @public
 */
export interface StsRequestEvent {
  readonly source: 'sts';
  readonly action: string;
  readonly endpoint: string;
  readonly attempt: number;
  /** Masked; absent for unsigned actions. */
  readonly accessKeyId: string | undefined;
  readonly clockOffsetMs: number;
}

/**
 * Payload of {@link STS_RESPONSE_CHANNEL}.
 *
 * @example
 * ```ts
 * // { source: 'sts', action: 'AssumeRole', endpoint: '…', status: 200, requestId: '…', expiration: '2026-…' }
 * ```
 * @public
 */
export interface StsResponseEvent {
  readonly source: 'sts';
  readonly action: string;
  readonly endpoint: string;
  readonly status: number;
  readonly requestId: string | undefined;
  /** For AssumeRole and AssumeRoleWithWebIdentity: when the issued credentials expire. */
  readonly expiration: string | undefined;
}

/**
 * Payload of {@link STS_FAILURE_CHANNEL}.
 *
 * @example
 * ```ts
 * // { source: 'sts', action: 'AssumeRole', attempt: 1, code: 'ERR_STS_THROTTLING', stsCode: 'Throttling', status: 400, requestId: '…', willRetry: true }
 * ```
 * @public
 */
export interface StsFailureEvent {
  readonly source: 'sts';
  readonly action: string;
  readonly endpoint: string;
  readonly attempt: number;
  readonly code: string;
  readonly stsCode: string | undefined;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly willRetry: boolean;
  /** The wait before the next attempt, when there is one. */
  readonly delayMs: number | undefined;
}

/**
 * Payload of {@link STS_CLOCK_SKEW_CHANNEL}.
 *
 * @example
 * ```ts
 * // { source: 'sts', action: 'GetCallerIdentity', skewMs: 1200000, previousOffsetMs: 0, clockOffsetMs: 1200000, measuredFrom: 'date-header' }
 * ```
 * @public
 */
export interface StsClockSkewEvent {
  readonly source: 'sts';
  readonly action: string;
  /** STS's clock minus the clock the refused request was signed with. */
  readonly skewMs: number;
  readonly previousOffsetMs: number;
  /** The offset now added to the local clock for every request of this client. */
  readonly clockOffsetMs: number;
  readonly measuredFrom: 'message' | 'date-header';
}

/**
 * Payload of {@link STS_NOTICE_CHANNEL}.
 *
 * @example
 * ```ts
 * // { source: 'sts', kind: 'region-default', message: 'sts: no region configured (…); using us-east-1' }
 * ```
 * @public
 */
export interface StsNoticeEvent {
  readonly source: 'sts';
  readonly kind: 'region-default';
  readonly message: string;
}

/** The channels, created once (publishing to a channel without subscribers costs nothing). */
export const stsChannels = {
  request: channel(STS_REQUEST_CHANNEL),
  response: channel(STS_RESPONSE_CHANNEL),
  failure: channel(STS_FAILURE_CHANNEL),
  clockSkew: channel(STS_CLOCK_SKEW_CHANNEL),
  notice: channel(STS_NOTICE_CHANNEL),
};
