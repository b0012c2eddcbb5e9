import { describe, expect, it } from 'vitest';
import { parseExpiration } from '../src/index.js';

describe('parseExpiration', () => {
  it.each([
    ['2026-01-01T00:00:00Z', '2026-01-01T00:00:00.000Z'],
    ['2026-01-01T00:00:00.5Z', '2026-01-01T00:00:00.500Z'],
    ['2026-01-01T00:00:00.123Z', '2026-01-01T00:00:00.123Z'],
    ['2026-01-01T00:00:00.123456789Z', '2026-01-01T00:00:00.123Z'],
    ['2026-01-01T00:00:00.999999999Z', '2026-01-01T00:00:00.999Z'],
    ['2026-01-01t00:00:00z', '2026-01-01T00:00:00.000Z'],
    ['2026-01-01 00:00:00Z', '2026-01-01T00:00:00.000Z'],
    ['2026-01-01T02:00:00+02:00', '2026-01-01T00:00:00.000Z'],
    ['2025-12-31T19:30:00-04:30', '2026-01-01T00:00:00.000Z'],
    ['2026-01-01T02:00:00+0200', '2026-01-01T00:00:00.000Z'],
    ['2026-01-01T00:00Z', '2026-01-01T00:00:00.000Z'],
    ['20260101T000000Z', '2026-01-01T00:00:00.000Z'],
    ['20260101T020000+0200', '2026-01-01T00:00:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['2016-12-31T23:59:60Z', '2016-12-31T23:59:59.999Z'],
    ['  2026-01-01T00:00:00Z\n', '2026-01-01T00:00:00.000Z'],
    ['0050-06-01T00:00:00Z', '0050-06-01T00:00:00.000Z'],
  ])('reads the string %j', (input, iso) => {
    expect(parseExpiration(input)?.toISOString()).toBe(iso);
  });

  it('reads epoch seconds as a number, fractional ones too (STS JSON)', () => {
    expect(parseExpiration(1767225600)?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(parseExpiration(1767225600.25)?.toISOString()).toBe('2026-01-01T00:00:00.250Z');
  });

  it('copies a valid Date and refuses an invalid one', () => {
    const date = new Date('2026-01-01T00:00:00Z');
    const parsed = parseExpiration(date);
    expect(parsed?.getTime()).toBe(date.getTime());
    expect(parsed).not.toBe(date);
    expect(parseExpiration(new Date(Number.NaN))).toBeUndefined();
  });

  it.each([
    ['no time zone', '2026-01-01T00:00:00'],
    ['date only', '2026-01-01'],
    ['impossible day', '2026-02-30T00:00:00Z'],
    ['not a leap year', '2025-02-29T00:00:00Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['hour 24', '2026-01-01T24:00:00Z'],
    ['minute 60', '2026-01-01T00:60:00Z'],
    ['second 61', '2026-01-01T00:00:61Z'],
    ['offset hour 24', '2026-01-01T00:00:00+24:00'],
    ['words', 'tomorrow'],
    ['RFC 1123 date', 'Thu, 01 Jan 2026 00:00:00 GMT'],
    ['digits as a string', '1767225600'],
    ['empty', ''],
  ])('refuses %s', (_why, input) => {
    expect(parseExpiration(input)).toBeUndefined();
  });

  it.each([
    ['epoch milliseconds', 1767225600000],
    ['zero', 0],
    ['negative', -5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['null', null],
    ['undefined', undefined],
    ['object', { seconds: 1 }],
    ['boolean', true],
  ])('refuses %s', (_why, input) => {
    expect(parseExpiration(input)).toBeUndefined();
  });
});
