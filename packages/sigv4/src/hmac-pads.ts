import { hash } from 'node:crypto';

/**
 * HMAC-SHA256 under one fixed key, computed as RFC 2104 defines it — SHA256((K ⊕ opad) ‖
 * SHA256((K ⊕ ipad) ‖ m)) — with the two padded keys prepared once, and each SHA-256 done by the
 * one-shot `crypto.hash`. For the ~130-byte strings to sign of SigV4 this takes about half the
 * time of `createHmac`, which imports the key into a new OpenSSL context on every call.
 *
 * Holds the derived signing key (not the secret) in two scratch buffers; used synchronously, so
 * the buffers are never shared between two computations.
 * @internal
 */
export class HmacPads {
  readonly #innerPad: Buffer;
  readonly #outer: Buffer;
  #inner: Buffer;

  /** `key` must be at most 64 bytes (a SigV4 signing key is 32). */
  constructor(key: Uint8Array) {
    if (key.length > 64) throw new RangeError('HmacPads: key longer than the SHA-256 block');
    this.#innerPad = Buffer.alloc(64, 0x36);
    this.#outer = Buffer.alloc(64 + 32, 0x5c);
    for (let i = 0; i < key.length; i++) {
      this.#innerPad[i] = (key[i] ?? 0) ^ 0x36;
      this.#outer[i] = (key[i] ?? 0) ^ 0x5c;
    }
    this.#inner = this.#innerPad;
  }

  /** Lower-case hex HMAC of an ASCII message (a SigV4 string to sign is always ASCII). */
  hex(message: string): string {
    const length = 64 + message.length;
    if (this.#inner.length !== length) {
      // Strings to sign under one key all have the same length; re-size only when it changes.
      this.#inner = Buffer.allocUnsafe(length);
      this.#innerPad.copy(this.#inner, 0);
    }
    this.#inner.write(message, 64, 'latin1');
    // Hex out and back in: returning a Buffer from crypto.hash costs more than this round trip.
    this.#outer.write(hash('sha256', this.#inner, 'hex'), 64, 'hex');
    return hash('sha256', this.#outer, 'hex');
  }
}
