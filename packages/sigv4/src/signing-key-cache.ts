import { createHmac, randomBytes } from 'node:crypto';
import { deriveSigningKey } from './crypto.js';
import { HmacPads } from './hmac-pads.js';
import { setBounded } from './set-bounded.js';

/**
 * Derived signing keys of one signer instance, keyed by (secret, day, region, service) and
 * bounded FIFO like the AWS SDK's. The secret is never a key: entries are keyed by an HMAC of it
 * under a random key that only this instance knows, so equal secrets in two signers, a heap
 * snapshot of the map, or its keys printed by mistake reveal nothing.
 * @internal
 */
export class SigningKeyCache {
  readonly #keys = new Map<string, HmacPads>();
  readonly #pepper = randomBytes(32);
  readonly #capacity: number;
  // The last hit, compared field by field so the hot path builds no key string.
  #lastFingerprint = '';
  #lastDateStamp = '';
  #lastRegion = '';
  #lastService = '';
  #lastKey: HmacPads | undefined;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** A stable, non-reversible id for a secret, meaningful only inside this cache. */
  fingerprint(secretAccessKey: string): string {
    return createHmac('sha256', this.#pepper).update(secretAccessKey).digest('base64');
  }

  get size(): number {
    return this.#keys.size;
  }

  get(fingerprint: string, secretAccessKey: string, dateStamp: string, region: string, service: string): HmacPads {
    if (
      this.#lastKey !== undefined &&
      fingerprint === this.#lastFingerprint &&
      dateStamp === this.#lastDateStamp &&
      region === this.#lastRegion &&
      service === this.#lastService
    ) {
      return this.#lastKey;
    }
    const id = `${fingerprint}\n${dateStamp}\n${region}\n${service}`;
    let key = this.#keys.get(id);
    if (key === undefined) {
      key = new HmacPads(deriveSigningKey(secretAccessKey, dateStamp, region, service));
      setBounded(this.#keys, id, key, this.#capacity);
    }
    this.#lastFingerprint = fingerprint;
    this.#lastDateStamp = dateStamp;
    this.#lastRegion = region;
    this.#lastService = service;
    this.#lastKey = key;
    return key;
  }
}
