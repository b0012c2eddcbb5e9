import { SigV4Error } from './errors.js';

/**
 * A signing date: a `Date`, epoch milliseconds, or a string — ISO 8601 with a time and a zone
 * (`2015-08-30T12:36:00Z`), the compact SigV4 form (`20150830T123600Z`) or an HTTP date
 * (`Sun, 30 Aug 2015 12:36:00 GMT`).
 *
 * @example
 * ```ts
 * const date: SigningDate = '2015-08-30T12:36:00Z';
 * ```
 * @public
 */
export type SigningDate = Date | number | string;

/**
 * The two date forms SigV4 uses: `amzDate` (`YYYYMMDD'T'HHMMSS'Z'`, the `X-Amz-Date` value) and
 * `dateStamp` (`YYYYMMDD`, the first part of the credential scope).
 *
 * @example
 * ```ts
 * const { amzDate, dateStamp }: AmzDate = formatAmzDate(new Date());
 * ```
 * @public
 */
export interface AmzDate {
  readonly amzDate: string;
  readonly dateStamp: string;
}

// Year 9999 is the last one with the four-digit year X-Amz-Date needs.
const MAX_MS = 253_402_300_799_999;
const COMPACT = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
// Time and zone are required: a bare date is how STS ends up reading "midnight" (reference §10.1),
// and a zone-less time would silently be local time.
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * Milliseconds since the epoch for a {@link SigningDate}, or a SigV4Error naming `what`.
 * @internal
 */
export function toEpochMs(date: SigningDate, what = 'date'): number {
  let ms: number;
  if (typeof date === 'number') ms = date;
  else if (date instanceof Date) ms = date.getTime();
  else if (typeof date === 'string') ms = parseDateString(date);
  else throw invalidDate(`${what} must be a Date, epoch milliseconds or an ISO 8601 string`);
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_MS) {
    throw invalidDate(`${what} is not a valid date between 1970 and 9999 (pass a Date, epoch milliseconds or an ISO 8601 string such as 2015-08-30T12:36:00Z)`);
  }
  return Math.floor(ms);
}

function parseDateString(value: string): number {
  const compact = COMPACT.exec(value);
  if (compact !== null) {
    const [, y, mo, d, h, mi, s] = compact;
    const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    // Date.UTC rolls 20150230 over into March; a real timestamp round-trips.
    return formatMs(ms).amzDate === value ? ms : Number.NaN;
  }
  if (/^\d{8}$/.test(value)) {
    throw invalidDate(`date "${value}" is a day, not a time: use the full X-Amz-Date form YYYYMMDDTHHMMSSZ (e.g. ${value}T000000Z)`);
  }
  if (ISO.test(value) || HTTP_DATE.test(value)) return Date.parse(value);
  throw invalidDate(`date "${value.slice(0, 40)}" is not ISO 8601 with a time zone (2015-08-30T12:36:00Z), YYYYMMDDTHHMMSSZ or an HTTP date`);
}

function invalidDate(message: string): SigV4Error {
  return new SigV4Error('ERR_SIGV4_INVALID_DATE', `${message}.`);
}

/** Formats validated epoch milliseconds. @internal */
export function formatMs(ms: number): AmzDate {
  // toISOString is 'YYYY-MM-DDTHH:MM:SS.sssZ' for every year from 0 to 9999.
  const iso = new Date(ms).toISOString();
  const dateStamp = iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10);
  return { amzDate: `${dateStamp}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`, dateStamp };
}

/**
 * Formats a signing date as SigV4 wants it. Throws `ERR_SIGV4_INVALID_DATE` for an invalid date,
 * and for a bare `YYYYMMDD` string — the classic mistake that makes STS answer "Signature expired".
 *
 * @example
 * ```ts
 * formatAmzDate('2015-08-30T12:36:00Z'); // { amzDate: '20150830T123600Z', dateStamp: '20150830' }
 * ```
 * @public
 */
export function formatAmzDate(date: SigningDate): AmzDate {
  return formatMs(toEpochMs(date));
}
