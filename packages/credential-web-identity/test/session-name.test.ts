import { describe, expect, it } from 'vitest';
import { generateRoleSessionName } from '../src/index.js';

// STS's RoleSessionName rule.
const STS_PATTERN = /^[\w+=,.@-]{2,64}$/;

describe('generateRoleSessionName', () => {
  it('is iamkit-<epoch ms>-<8 base-36 characters>, within STS’s pattern', () => {
    const name = generateRoleSessionName();
    expect(name).toMatch(/^iamkit-\d{13}-[0-9a-z]{8}$/);
    expect(name).toMatch(STS_PATTERN);
  });

  it('uses the injected clock and random source, including their extremes', () => {
    expect(generateRoleSessionName({ now: () => 1_767_225_600_123.9, random: () => 0 })).toBe('iamkit-1767225600123-00000000');
    expect(generateRoleSessionName({ now: () => 1_767_225_600_000, random: () => 0.999_999_999_9 })).toBe('iamkit-1767225600000-zzzzzzzz');
    expect(generateRoleSessionName({ now: () => 8.64e15, random: () => 1 })).toMatch(STS_PATTERN);
  });

  it('tells apart processes that start in the same millisecond', () => {
    const names = new Set(Array.from({ length: 200 }, () => generateRoleSessionName({ now: () => 0 })));
    expect(names.size).toBe(200);
  });
});
