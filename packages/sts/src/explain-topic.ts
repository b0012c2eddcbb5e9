import type { ErrorFacts } from './explain-facts.js';

/**
 * The clock skew an error reveals.
 *
 * @example
 * ```ts
 * const skew: StsSkew = { skewMs: 81_641_000, direction: 'behind', requestTime: '2020-03-17T00:00:00.000Z', serverTime: '2020-03-17T22:40:41.000Z', dateOnly: true, measuredFrom: 'message' };
 * ```
 * @public
 */
export interface StsSkew {
  /** STS's clock minus the request's: positive when the request's clock is behind. */
  readonly skewMs: number;
  /** Where the signer's clock stands relative to STS's. */
  readonly direction: 'behind' | 'ahead';
  /** The request time STS read (from the message), ISO 8601. */
  readonly requestTime?: string | undefined;
  /** STS's clock (from the message), ISO 8601. */
  readonly serverTime?: string | undefined;
  /**
   * The request time is exactly midnight UTC and less than a day away: almost certainly a date
   * (`YYYYMMDD`) sent where a timestamp belongs, which STS reads as midnight.
   */
  readonly dateOnly: boolean;
  /** Read from the message's times, or measured from the response's `Date` header. */
  readonly measuredFrom: 'message' | 'date-header';
}

/** What a topic says about one error. */
export interface TopicText {
  readonly cause: string;
  readonly likelyCauses: readonly string[];
  readonly fixes: readonly string[];
  readonly details?: Readonly<Record<string, string>> | undefined;
}

/** One kind of STS error: how to recognise it, and what to say about it. */
export interface Topic {
  /** Stable id, e.g. `signature-expired`. */
  readonly topic: string;
  readonly title: string;
  /** Service codes (and iamkit codes) that mean this topic when no pattern matched first. */
  readonly codes?: readonly string[] | undefined;
  /** A message pattern; checked before codes, so a specific message wins over a broad code. */
  readonly pattern?: RegExp | undefined;
  /** Whether the same request can succeed later without changes. */
  readonly retryable: boolean;
  /** The STS code to report when the input had none (a bare message). */
  readonly impliedCode?: string | undefined;
  readonly explain: (facts: ErrorFacts, match: RegExpExecArray | null, skew: StsSkew | undefined) => TopicText;
}

/** `22 h 40 min 41 s`, `16 min`, `3 s`: a duration for people. */
export function formatSkew(ms: number): string {
  const total = Math.round(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const parts = [days > 0 ? `${days} d` : '', hours > 0 ? `${hours} h` : '', minutes > 0 ? `${minutes} min` : '', seconds > 0 && days === 0 ? `${seconds} s` : ''].filter((p) => p !== '');
  return parts.length === 0 ? '0 s' : parts.join(' ');
}
