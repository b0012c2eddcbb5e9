// A node:crypto SHA-256 in the shape @smithy/signature-v4 expects (Checksum: update/digest,
// HMAC when constructed with a secret), so the oracle and the benchmark use the same primitives
// as iamkit instead of a pure-JS hash.
import { createHash, createHmac } from 'node:crypto';

type Hash = ReturnType<typeof createHash>;
type Hmac = ReturnType<typeof createHmac>;

type Input = string | ArrayBuffer | ArrayBufferView;

function bytes(data: Input): Uint8Array | string {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export class NodeSha256 {
  readonly #secret: Input | undefined;
  #state: Hash | Hmac;

  constructor(secret?: Input) {
    this.#secret = secret;
    this.#state = this.#fresh();
  }

  #fresh(): Hash | Hmac {
    return this.#secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(this.#secret));
  }

  update(data: Input): void {
    this.#state.update(bytes(data));
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.#state.digest()));
  }

  reset(): void {
    this.#state = this.#fresh();
  }
}
