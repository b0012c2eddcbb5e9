import { formatMs } from '../cli/durations.js';

/**
 * How far this machine's clock is from STS's. SigV4 requests are accepted only within 15 minutes
 * of AWS's time; beyond 5 minutes credential expiry is misjudged too (MongoDB's 5-minute window).
 *
 * @example
 * ```ts
 * const clock: ClockCheck = { status: 'fatal', skewMs: 1_200_000, direction: 'behind', measuredFrom: 'date-header', message: 'This machine’s clock is 20 min behind STS’s …' };
 * ```
 * @public
 */
export interface ClockCheck {
  /** `ok` within 5 min; `warning` beyond 5 min; `fatal` beyond 15 min (every signed request fails); `unknown` when STS was not asked. */
  readonly status: 'ok' | 'warning' | 'fatal' | 'unknown';
  /** STS's clock minus this machine's, in ms (positive: this machine is behind). Second resolution. */
  readonly skewMs: number | null;
  readonly direction: 'behind' | 'ahead' | null;
  /** `date-header`: the `Date` of STS's answer; `message`: the times in a "Signature expired" answer. */
  readonly measuredFrom: 'date-header' | 'message' | null;
  readonly message: string;
}

/**
 * Clock skew beyond which `iamkit doctor` reports a problem (exit 3): 5 minutes, MongoDB's
 * credential-expiry window.
 *
 * @example
 * ```ts
 * if (Math.abs(report.clock.skewMs ?? 0) > CLOCK_WARNING_MS) console.warn(report.clock.message);
 * ```
 * @public
 */
export const CLOCK_WARNING_MS = 5 * 60_000;

/**
 * Clock skew beyond which STS refuses every signed request ("Signature expired"): 15 minutes.
 *
 * @example
 * ```ts
 * const fatal = Math.abs(skewMs) > CLOCK_FATAL_MS;
 * ```
 * @public
 */
export const CLOCK_FATAL_MS = 15 * 60_000;

/** A clock measurement taken during an STS call. */
export interface SkewSample {
  readonly skewMs: number;
  readonly measuredFrom: 'date-header' | 'message';
}

export function clockCheck(sample: SkewSample | undefined, unknownReason: string): ClockCheck {
  if (sample === undefined) return { status: 'unknown', skewMs: null, direction: null, measuredFrom: null, message: unknownReason };
  const { skewMs, measuredFrom } = sample;
  const abs = Math.abs(skewMs);
  const direction = skewMs >= 0 ? 'behind' : 'ahead';
  const where = measuredFrom === 'date-header' ? 'the Date header of STS’s answer' : 'STS’s “Signature expired” answer';
  const amount = `${formatMs(abs)} ${direction === 'behind' ? 'behind' : 'ahead of'} STS’s clock (measured from ${where})`;
  if (abs > CLOCK_FATAL_MS) {
    return { status: 'fatal', skewMs, direction, measuredFrom, message: `This machine’s clock is ${amount}: more than 15 minutes, so STS (and MongoDB, which asks STS) refuses every request it signs ("Signature expired"). Sync the clock with NTP (timedatectl set-ntp true, or chronyc makestep).` };
  }
  if (abs > CLOCK_WARNING_MS) {
    return { status: 'warning', skewMs, direction, measuredFrom, message: `This machine’s clock is ${amount}: more than 5 minutes. Requests still pass STS’s 15-minute window, but expiry is misjudged and a little more drift breaks every signature. Sync the clock with NTP.` };
  }
  // The Date header has one-second resolution: below that, say so rather than print false precision.
  return { status: 'ok', skewMs, direction, measuredFrom, message: `Within ${abs < 1000 ? '1 s' : formatMs(abs)} of STS’s clock (measured from ${where}).` };
}
