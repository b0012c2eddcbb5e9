import { channel } from 'node:diagnostics_channel';

/**
 * Diagnostics channel: the IMDS source did something worth a log line — fell back to IMDSv1, got a
 * new session token after a 401, looked the role up again after a 404. Payload
 * {@link ImdsNoticeEvent}; never carries a token or a secret.
 *
 * @example
 * ```ts
 * import { subscribe } from 'node:diagnostics_channel';
 * subscribe(IMDS_NOTICE_CHANNEL, (event) => console.warn((event as ImdsNoticeEvent).message));
 * ```
 * @public
 */
export const IMDS_NOTICE_CHANNEL = 'iamkit:imds:notice';

/**
 * Diagnostics channel: one attempt failed and another follows after `delayMs`. Payload
 * {@link ImdsRetryEvent}.
 *
 * @example
 * ```ts
 * subscribe(IMDS_RETRY_CHANNEL, (event) => metrics.increment('imds.retry', { code: (event as ImdsRetryEvent).code }));
 * ```
 * @public
 */
export const IMDS_RETRY_CHANNEL = 'iamkit:imds:retry';

/**
 * What an {@link IMDS_NOTICE_CHANNEL} event is about.
 *
 * @example
 * ```ts
 * const kind: ImdsNoticeKind = 'v1-fallback';
 * ```
 * @public
 */
export type ImdsNoticeKind = 'v1-fallback' | 'token-refreshed' | 'role-relisted';

/**
 * Payload of {@link IMDS_NOTICE_CHANNEL}.
 *
 * @example
 * ```ts
 * // { source: 'imds', kind: 'v1-fallback', message: 'IMDS refused the IMDSv2 token request (HTTP 403); using IMDSv1 …' }
 * ```
 * @public
 */
export interface ImdsNoticeEvent {
  readonly source: 'imds';
  readonly kind: ImdsNoticeKind;
  readonly message: string;
}

/**
 * Payload of {@link IMDS_RETRY_CHANNEL}.
 *
 * @example
 * ```ts
 * // { source: 'imds', attempt: 1, delayMs: 80, code: 'ERR_HTTP_TIMEOUT', status: undefined }
 * ```
 * @public
 */
export interface ImdsRetryEvent {
  readonly source: 'imds';
  readonly attempt: number;
  readonly delayMs: number;
  readonly code: string;
  readonly status: number | undefined;
}

export const imdsChannels = {
  notice: channel(IMDS_NOTICE_CHANNEL),
  retry: channel(IMDS_RETRY_CHANNEL),
};
