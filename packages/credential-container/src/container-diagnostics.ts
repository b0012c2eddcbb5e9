import { channel } from 'node:diagnostics_channel';

/**
 * Diagnostics channel: the container source noticed something about its configuration worth a log
 * line (both URI variables set, both token variables set, the URI taken from PID 1's environment).
 * Payload {@link ContainerNoticeEvent}; published once per provider and kind, never with a secret.
 *
 * @example
 * ```ts
 * import { subscribe } from 'node:diagnostics_channel';
 * subscribe(CONTAINER_NOTICE_CHANNEL, (event) => console.warn((event as ContainerNoticeEvent).message));
 * ```
 * @public
 */
export const CONTAINER_NOTICE_CHANNEL = 'iamkit:container:notice';

/**
 * Diagnostics channel: one attempt against the container endpoint failed and another follows after
 * `delayMs`. Payload {@link ContainerRetryEvent}.
 *
 * @example
 * ```ts
 * subscribe(CONTAINER_RETRY_CHANNEL, (event) => metrics.increment('container.retry', { code: (event as ContainerRetryEvent).code }));
 * ```
 * @public
 */
export const CONTAINER_RETRY_CHANNEL = 'iamkit:container:retry';

/**
 * What a {@link CONTAINER_NOTICE_CHANNEL} event is about.
 *
 * @example
 * ```ts
 * const kind: ContainerNoticeKind = 'relative-uri-wins';
 * ```
 * @public
 */
export type ContainerNoticeKind = 'relative-uri-wins' | 'token-file-wins' | 'pid1-environment';

/**
 * Payload of {@link CONTAINER_NOTICE_CHANNEL}.
 *
 * @example
 * ```ts
 * // { source: 'container', kind: 'relative-uri-wins', message: 'both … are set; using …' }
 * ```
 * @public
 */
export interface ContainerNoticeEvent {
  readonly source: 'container';
  readonly kind: ContainerNoticeKind;
  readonly message: string;
}

/**
 * Payload of {@link CONTAINER_RETRY_CHANNEL}.
 *
 * @example
 * ```ts
 * // { source: 'container', attempt: 1, delayMs: 137, code: 'ERR_CREDENTIALS_THROTTLED', status: 429 }
 * ```
 * @public
 */
export interface ContainerRetryEvent {
  readonly source: 'container';
  /** The attempt that failed, from 1. */
  readonly attempt: number;
  readonly delayMs: number;
  readonly code: string;
  readonly status: number | undefined;
}

export const containerChannels = {
  notice: channel(CONTAINER_NOTICE_CHANNEL),
  retry: channel(CONTAINER_RETRY_CHANNEL),
};
