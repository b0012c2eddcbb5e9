import { createCredentials, type Clock, type Credentials, type CredentialsInit, type RandomSource } from '@iamkit/credentials';
import { DEFAULT_LIFETIME_MS, issueCredentials } from './issue-credentials.js';
import { optionError } from './errors.js';

/** One set of credentials an emulator hands out, with what its wire format needs besides. */
export interface IssuedCredentials {
  readonly credentials: Credentials;
  /** When this set was issued (IMDS `LastUpdated`). */
  readonly issuedAt: Date;
  /** Sub-millisecond part of the expiration, for endpoints that print nanoseconds. */
  readonly expirationNanos: number;
  /** Set through `setCredentials()`: served as given, never rotated automatically. */
  readonly pinned: boolean;
}

export interface CredentialRotationOptions {
  readonly emulator: string;
  readonly now: Clock;
  readonly random: RandomSource;
  readonly lifetimeMs?: number | undefined;
  readonly rotateBeforeMs?: number | undefined;
  readonly accountId?: string | undefined;
  /** Give expirations a random fraction of a second (the Pod Identity agent's are not whole seconds). */
  readonly subSecondExpiration?: boolean | undefined;
}

/** Fifteen minutes: past every SDK's 5-minute refresh window, so a refreshing client gets new keys. */
export const DEFAULT_ROTATE_BEFORE_MS = 15 * 60 * 1000;

/**
 * The credentials an emulator serves, rotated like the real endpoints do: new keys once the
 * current ones are within `rotateBeforeMs` of expiring (checked against the injected clock on
 * every request), or at once on `rotate()`.
 */
export class CredentialRotation {
  readonly #options: CredentialRotationOptions;
  readonly #lifetimeMs: number;
  readonly #rotateBeforeMs: number;
  #current: IssuedCredentials | undefined;
  #issued = 0;

  constructor(options: CredentialRotationOptions) {
    this.#options = options;
    this.#lifetimeMs = options.lifetimeMs ?? DEFAULT_LIFETIME_MS;
    this.#rotateBeforeMs = options.rotateBeforeMs ?? DEFAULT_ROTATE_BEFORE_MS;
    if (!Number.isFinite(this.#lifetimeMs)) {
      throw optionError(options.emulator, 'lifetimeMs', 'must be a finite number of milliseconds');
    }
    if (!Number.isFinite(this.#rotateBeforeMs) || this.#rotateBeforeMs < 0) {
      throw optionError(options.emulator, 'rotateBeforeMs', 'must be a finite number of milliseconds, 0 or more');
    }
  }

  /** How many credential sets have been issued or set so far. */
  get count(): number {
    return this.#issued;
  }

  /** The credentials a request arriving now gets, rotating first when the current ones are due. */
  current(): IssuedCredentials {
    const current = this.#current;
    if (current !== undefined && (current.pinned || !this.#due(current))) return current;
    return this.#issue();
  }

  /** The credentials served last, without rotating or issuing any. */
  peek(): IssuedCredentials | undefined {
    return this.#current;
  }

  /** Issues new credentials now, whatever the old ones' expiry. */
  rotate(): Credentials {
    return this.#issue().credentials;
  }

  /** Serves exactly these credentials (no automatic rotation) until `rotate()` or the next `set()`. */
  set(init: CredentialsInit): Credentials {
    const now = this.#options.now();
    const credentials = createCredentials(
      { ...init, expiration: init.expiration ?? new Date(now + this.#lifetimeMs), accountId: init.accountId ?? this.#options.accountId },
      'emulator',
    );
    this.#current = { credentials, issuedAt: new Date(now), expirationNanos: 0, pinned: true };
    this.#issued++;
    return credentials;
  }

  #due(current: IssuedCredentials): boolean {
    const expiration = current.credentials.expiration;
    return expiration !== undefined && expiration.getTime() - this.#options.now() <= this.#rotateBeforeMs;
  }

  #issue(): IssuedCredentials {
    const { now, random, accountId } = this.#options;
    const issuedAt = now();
    let credentials = issueCredentials({ lifetimeMs: this.#lifetimeMs, now, random, accountId });
    let expirationNanos = 0;
    if (this.#options.subSecondExpiration === true && credentials.expiration !== undefined) {
      const millis = Math.min(999, Math.floor(random() * 1000));
      expirationNanos = Math.min(999_999, Math.floor(random() * 1_000_000));
      credentials = createCredentials({ ...credentials, expiration: new Date(credentials.expiration.getTime() + millis) }, 'emulator');
    }
    this.#current = { credentials, issuedAt: new Date(issuedAt), expirationNanos, pinned: false };
    this.#issued++;
    return this.#current;
  }
}
