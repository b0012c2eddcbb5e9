import { describe, expect, it } from 'vitest';
import { SIGV4_ALGORITHM } from '../src/index.js';

describe('SIGV4_ALGORITHM', () => {
  it('is the name AWS expects at the start of an Authorization header', () => {
    expect(SIGV4_ALGORITHM).toBe('AWS4-HMAC-SHA256');
  });
});
