import { usageError } from './usage-error.js';

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, min: 60_000 };

/**
 * Reads a duration option: `500ms`, `5s`, `2m`, or a bare number of seconds (as the AWS CLI's
 * timeouts). Returns milliseconds.
 */
export function parseDuration(option: string, value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min)?$/.exec(value.trim());
  const unit = UNITS[match?.[2] ?? 's'];
  if (match === null || unit === undefined) {
    throw usageError(`${option} takes a duration such as 500ms, 5s or 2m (a bare number is seconds), not ${JSON.stringify(value)}.`);
  }
  const ms = Math.round(Number(match[1]) * unit);
  if (ms <= 0 || ms > 600_000) throw usageError(`${option} must be more than 0 and at most 10 minutes.`);
  return ms;
}

/** A whole number option within bounds. */
export function parseCount(option: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < min || n > max) throw usageError(`${option} takes a whole number from ${min} to ${max}, not ${JSON.stringify(value)}.`);
  return n;
}

/** `1.2 s`, `340 ms`, `2 min 5 s`: a duration for people. */
export function formatMs(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(ms)} ms`;
  if (abs < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const total = Math.round(abs / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const text = [h > 0 ? `${h} h` : '', m > 0 ? `${m} min` : '', s > 0 && h === 0 ? `${s} s` : ''].filter((p) => p !== '').join(' ');
  return ms < 0 ? `-${text}` : text;
}
