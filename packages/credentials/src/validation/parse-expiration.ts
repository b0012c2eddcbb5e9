// RFC 3339 (and the ISO 8601 forms AWS endpoints actually send): extended `2026-01-01T00:00:00Z`,
// any number of fractional digits (the Pod Identity agent sends nanoseconds), `Z` or a numeric
// offset with or without a colon, a space instead of `T` (RFC 3339 §5.6 allows it), and the basic
// form `20260101T000000Z` that `x-amz-date` uses. A timestamp without a zone is refused: reading it
// as local time (what `new Date()` does) silently shifts the expiry by the machine's UTC offset.
const EXTENDED =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;
const BASIC = /^(\d{4})(\d{2})(\d{2})[Tt](\d{2})(\d{2})(\d{2})(?:[.,](\d+))?(?:([Zz])|([+-])(\d{2})(\d{2}))$/;

// Epoch seconds beyond this (year 5138) are almost certainly milliseconds passed by mistake.
const MAX_EPOCH_SECONDS = 1e11;

/**
 * Parses a credential expiration as the sources send it: an RFC 3339 / ISO 8601 timestamp with
 * `Z` or an offset and up to nanosecond precision (`2026-01-01T00:00:00.123456789Z`), epoch
 * seconds as a number (STS JSON), or a `Date`. Returns `undefined` for anything else — including a
 * timestamp without a time zone, impossible dates (`2026-02-30`) and epoch milliseconds — so the
 * caller can name the source and the field in its error.
 *
 * @example
 * ```ts
 * parseExpiration('2026-01-01T00:00:00.123456789Z')?.toISOString(); // '2026-01-01T00:00:00.123Z'
 * parseExpiration(1767225600)?.toISOString();                        // '2026-01-01T00:00:00.000Z'
 * parseExpiration('2026-01-01 00:00:00');                             // undefined (no time zone)
 * ```
 * @public
 */
export function parseExpiration(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : new Date(value.getTime());
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0 || value >= MAX_EPOCH_SECONDS) return undefined;
    return new Date(Math.round(value * 1000));
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const match = EXTENDED.exec(text) ?? BASIC.exec(text);
  return match === null ? undefined : fromParts(match);
}

function fromParts(match: RegExpExecArray): Date | undefined {
  const [, y, mo, d, h, mi, s, fraction, zulu, sign, oh, om] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  // A leap second (:60) is read as the last millisecond of the minute rather than refused.
  const second = Math.min(Number(s ?? '0'), 59);
  const millis = s === '60' ? 999 : Number(((fraction ?? '') + '000').slice(0, 3));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || Number(s ?? '0') > 60) return undefined;
  let offsetMinutes = 0;
  if (zulu === undefined) {
    const offsetHours = Number(oh);
    const offsetMins = Number(om);
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    offsetMinutes = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis));
  // Date.UTC maps years 0–99 to 1900–1999.
  if (year < 100) date.setUTCFullYear(year, month - 1, day);
  return new Date(date.getTime() - offsetMinutes * 60_000);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
