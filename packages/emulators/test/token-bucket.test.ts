import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../src/index.js';
import { fakeClock } from './helpers.js';

function takeMany(bucket: TokenBucket, n: number): number {
  let passed = 0;
  for (let i = 0; i < n; i++) if (bucket.take()) passed++;
  return passed;
}

describe('TokenBucket', () => {
  it('starts full: exactly `burst` requests pass at once', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ rate: 40, burst: 60, now: clock.now });
    expect(takeMany(bucket, 100)).toBe(60);
    expect(bucket.take()).toBe(false);
  });

  it('refills continuously at `rate` per second', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ rate: 40, burst: 60, now: clock.now });
    takeMany(bucket, 60);
    clock.advance(24);
    expect(bucket.take()).toBe(false);
    clock.advance(1); // 25 ms at 40/s is exactly one token
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    clock.advance(1000);
    expect(takeMany(bucket, 100)).toBe(40);
  });

  it('never holds more than `burst`', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ rate: 1000, burst: 5, now: clock.now });
    clock.advance(60_000);
    expect(bucket.available()).toBe(5);
    expect(takeMany(bucket, 10)).toBe(5);
  });

  it('does not refill, nor drain, when the clock steps backwards', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ rate: 10, burst: 2, now: clock.now });
    takeMany(bucket, 2);
    clock.advance(-5000);
    expect(bucket.take()).toBe(false);
    clock.advance(5000); // back where it was: still nothing earned
    expect(bucket.take()).toBe(false);
    clock.advance(100);
    expect(bucket.take()).toBe(true);
  });

  it('supports fractional rates', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ rate: 0.5, burst: 1, now: clock.now });
    expect(bucket.take()).toBe(true);
    clock.advance(1999);
    expect(bucket.take()).toBe(false);
    clock.advance(1);
    expect(bucket.take()).toBe(true);
  });
});
