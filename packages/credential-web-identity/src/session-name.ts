import type { Clock, RandomSource } from '@iamkit/credentials';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A role session name for when none is configured: `iamkit-<epoch ms>-<8 random characters>`, within
 * STS's rule (2–64 characters of `[\w+=,.@-]`). The time tells sessions apart in CloudTrail and the
 * random part tells apart processes that start in the same millisecond (a fleet behind one role).
 *
 * @example
 * ```ts
 * generateRoleSessionName(); // 'iamkit-1767225600000-k3x9q0zv'
 * ```
 * @public
 */
export function generateRoleSessionName(options: { readonly now?: Clock | undefined; readonly random?: RandomSource | undefined } = {}): string {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  let suffix = '';
  for (let i = 0; i < 8; i++) {
    const draw = Math.min(Math.max(random(), 0), 0.999_999_999);
    suffix += ALPHABET[Math.floor(draw * ALPHABET.length)] ?? '0';
  }
  return `iamkit-${Math.max(0, Math.floor(now()))}-${suffix}`;
}
