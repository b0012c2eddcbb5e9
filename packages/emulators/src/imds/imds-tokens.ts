import type { RandomSource } from '@iamkit/credentials';
import { BASE64_ALPHABET, randomString } from '../common/random-string.js';

/** IMDSv2 session tokens: each PUT mints one, valid for its TTL by the emulator's clock. */
export class SessionTokens {
  readonly #expiries = new Map<string, number>();
  readonly #random: RandomSource;
  #issued = 0;

  constructor(random: RandomSource) {
    this.#random = random;
  }

  get issued(): number {
    return this.#issued;
  }

  issue(ttlSeconds: number, now: number): string {
    for (const [token, expiresAt] of this.#expiries) if (expiresAt <= now) this.#expiries.delete(token);
    // Real tokens are 56 base64 characters starting AQAEA.
    const token = `AQAEA${randomString(BASE64_ALPHABET, 49, this.#random)}==`;
    this.#expiries.set(token, now + ttlSeconds * 1000);
    this.#issued++;
    return token;
  }

  valid(token: string, now: number): boolean {
    const expiresAt = this.#expiries.get(token);
    return expiresAt !== undefined && now < expiresAt;
  }

  revokeAll(): void {
    this.#expiries.clear();
  }

  /** Live tokens, to scrub from the request log. */
  live(): string[] {
    return [...this.#expiries.keys()];
  }
}
