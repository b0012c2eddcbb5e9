// RFC 3339 date-time (ISO 8601 extended form with a zone): what AWS tools write into
// AWS_CREDENTIAL_EXPIRATION. Fractions of any length are allowed (Pod Identity sends nanoseconds).
const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Parses an RFC 3339 timestamp such as `2026-05-01T12:00:00Z` or `2026-05-01T12:00:00.123456789+02:00`;
 * `undefined` for anything else (including dates `Date.parse` would guess at, like `May 1 2026`).
 */
export function parseExpiration(text: string): Date | undefined {
  const match = RFC3339.exec(text.trim());
  if (match === null) return undefined;
  const [, date, time, fraction, zone] = match;
  const millis = (fraction ?? '').slice(0, 3).padEnd(3, '0');
  const ms = Date.parse(`${date ?? ''}T${time ?? ''}.${millis}${zone === 'z' ? 'Z' : (zone ?? '')}`);
  if (Number.isNaN(ms) || !isRealDay(date ?? '')) return undefined;
  return new Date(ms);
}

// Date.parse rolls 2026-02-30 over to 2 March; such a timestamp is a typo, not a date.
function isRealDay(date: string): boolean {
  const [year = 0, month = 0, day = 0] = date.split('-').map(Number);
  return day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
