// Each endpoint writes timestamps its own way, and clients must cope with all of them: the ECS
// agent echoes what its backend sent (whole seconds), IMDS writes whole seconds, and the Pod
// Identity agent writes Go's RFC 3339 with nanoseconds.

/** `2026-01-01T06:00:00Z`: RFC 3339 in UTC with whole seconds. */
export function formatIsoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * `2026-01-01T06:00:00.123456789Z`: RFC 3339 with nine fractional digits, the milliseconds of
 * `date` followed by `subMillisecondNanos` (0–999999).
 */
export function formatRfc3339Nanos(date: Date, subMillisecondNanos: number): string {
  const millis = String(date.getUTCMilliseconds()).padStart(3, '0');
  const nanos = String(Math.trunc(subMillisecondNanos) % 1_000_000).padStart(6, '0');
  return `${date.toISOString().slice(0, 19)}.${millis}${nanos}Z`;
}
