import { channel } from 'node:diagnostics_channel';

/**
 * Diagnostics channel of `@iamkit/credential-providers`: SDK options it ignores, the environment
 * credentials the default chain skips because a profile is set, an identity it keeps although
 * another source appeared. Payload {@link ProvidersNoticeEvent}; never a secret.
 *
 * @example
 * ```ts
 * import { subscribe } from 'node:diagnostics_channel';
 * subscribe(PROVIDERS_NOTICE_CHANNEL, (event) => console.warn((event as ProvidersNoticeEvent).message));
 * ```
 * @public
 */
export const PROVIDERS_NOTICE_CHANNEL = 'iamkit:providers:notice';

/**
 * What a {@link ProvidersNoticeEvent} is about.
 *
 * @example
 * ```ts
 * const kind: ProvidersNoticeKind = 'ignored-options';
 * ```
 * @public
 */
export type ProvidersNoticeKind = 'ignored-options' | 'env-skipped' | 'chain-decided';

/**
 * Payload of {@link PROVIDERS_NOTICE_CHANNEL}.
 *
 * @example
 * ```ts
 * // { source: 'providers', kind: 'ignored-options', function: 'fromNodeProviderChain', options: ['logger'], message: '…' }
 * ```
 * @public
 */
export interface ProvidersNoticeEvent {
  readonly source: 'providers';
  readonly kind: ProvidersNoticeKind;
  /** The function concerned, e.g. `fromNodeProviderChain`. */
  readonly function: string;
  /** For `ignored-options`: the option names (never their values). */
  readonly options?: readonly string[];
  /** For `chain-decided`: the source the default chain uses from now on. */
  readonly decidedBy?: string;
  readonly message: string;
}

const notices = channel(PROVIDERS_NOTICE_CHANNEL);

export function publishNotice(event: Omit<ProvidersNoticeEvent, 'source'>): void {
  if (notices.hasSubscribers) notices.publish({ source: 'providers', ...event });
}
