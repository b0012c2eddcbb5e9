/**
 * The clock skew an STS message reveals: "Signature expired: X is now earlier than Y (Z - 15 min.)"
 * or "Signature not yet current: X is still later than Y (Z + 15 min.)", where X is the request's
 * time and Z is STS's clock.
 *
 * @example
 * ```ts
 * const skew: SkewFromMessage = { requestTime: new Date('2020-03-17T00:00:00Z'), serverTime: new Date('2020-03-17T22:40:41Z'), skewMs: 81_641_000, windowMinutes: 15 };
 * ```
 * @public
 */
export interface SkewFromMessage {
  /** X: the `X-Amz-Date` the server read. */
  readonly requestTime: Date;
  /** Z: the server's clock when it refused the request. */
  readonly serverTime: Date;
  /** Z − X: positive when the request's clock is behind the server's. */
  readonly skewMs: number;
  /** The tolerance the server applied, in minutes (STS: 15). */
  readonly windowMinutes: number;
}

const STAMP = '(\\d{8}T\\d{6}Z)';
const EXPIRED = new RegExp(`Signature expired: ${STAMP} is now earlier than ${STAMP} \\(${STAMP} - (\\d+) min\\.\\)`);
const NOT_YET = new RegExp(`Signature not yet current: ${STAMP} is still later than ${STAMP} \\(${STAMP} \\+ (\\d+) min\\.\\)`);

function stampMs(stamp: string): number {
  return Date.UTC(Number(stamp.slice(0, 4)), Number(stamp.slice(4, 6)) - 1, Number(stamp.slice(6, 8)), Number(stamp.slice(9, 11)), Number(stamp.slice(11, 13)), Number(stamp.slice(13, 15)));
}

/**
 * Reads the request time and the server's clock out of a "Signature expired" / "Signature not
 * yet current" message, or `undefined` when the text has neither.
 *
 * @example
 * ```ts
 * skewFromMessage('Signature expired: 20200317T000000Z is now earlier than 20200317T222541Z (20200317T224041Z - 15 min.)')?.skewMs; // 81641000
 * ```
 * @public
 */
export function skewFromMessage(message: string): SkewFromMessage | undefined {
  const match = EXPIRED.exec(message) ?? NOT_YET.exec(message);
  if (match === null) return undefined;
  const [, request = '', , server = '', window = '15'] = match;
  const requestMs = stampMs(request);
  const serverMs = stampMs(server);
  if (!Number.isFinite(requestMs) || !Number.isFinite(serverMs)) return undefined;
  return { requestTime: new Date(requestMs), serverTime: new Date(serverMs), skewMs: serverMs - requestMs, windowMinutes: Number(window) };
}

/** Skew beyond this is a clock problem worth correcting; below it, latency and rounding. */
export const SKEW_THRESHOLD_MS = 5 * 60_000;

// STS codes that mean "the signature was refused"; with a skewed clock any of them may be the clock.
const CLOCK_CODES = new Set(['SignatureDoesNotMatch', 'RequestTimeTooSkewed', 'RequestExpired', 'RequestInTheFuture', 'InvalidSignatureException', 'SignatureExpired', 'AuthFailure']);

/** Whether an STS error can be the clock's fault (and so worth one retry with a corrected clock). */
export function isClockError(stsCode: string | undefined, message: string | undefined): boolean {
  if (message !== undefined && skewFromMessage(message) !== undefined) return true;
  return stsCode !== undefined && CLOCK_CODES.has(stsCode);
}

/**
 * STS's clock minus the clock a request was signed with: from the message's times when it has
 * them, else from the response's `Date` header (one-second resolution). `undefined` if neither.
 */
export function measureSkew(message: string | undefined, dateHeader: string | undefined, signedAtMs: number): { skewMs: number; source: 'message' | 'date-header' } | undefined {
  const fromMessage = message === undefined ? undefined : skewFromMessage(message);
  if (fromMessage !== undefined) return { skewMs: fromMessage.skewMs, source: 'message' };
  const serverMs = dateHeader === undefined ? Number.NaN : Date.parse(dateHeader);
  if (!Number.isFinite(serverMs)) return undefined;
  return { skewMs: serverMs - signedAtMs, source: 'date-header' };
}
