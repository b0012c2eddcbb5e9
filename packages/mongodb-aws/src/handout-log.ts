import { describeCredentials, type Credentials, type CredentialsSummary } from '@iamkit/credentials';

/** Consecutive handouts of one access key id: the credentials the provider gave the driver. */
export interface HandoutRun {
  readonly accessKeyId: string;
  /** Sequence numbers (1-based, per provider) of the first and last handout of this run. */
  readonly first: number;
  last: number;
  /** Clock time of the last handout. */
  at: number;
  /** Masked key id, source, expiry and whether a token came with it: never the secrets. */
  readonly summary: CredentialsSummary;
}

/**
 * Remembers which access key ids the provider handed out, in order, as runs of the same key: the
 * driver does not tell which credentials a failed connection used, only that it failed, so the
 * adapter narrows it down to the keys handed out since that connection was created.
 */
export class HandoutLog {
  #seq = 0;
  readonly #runs: HandoutRun[] = [];
  readonly #max: number;

  constructor(max = 32) {
    this.#max = max;
  }

  /** The sequence number of the last handout (0 before the first). */
  get seq(): number {
    return this.#seq;
  }

  get last(): HandoutRun | undefined {
    return this.#runs[this.#runs.length - 1];
  }

  record(credentials: Credentials, at: number): void {
    this.#seq += 1;
    const last = this.last;
    if (last?.accessKeyId === credentials.accessKeyId) {
      last.last = this.#seq;
      last.at = at;
      return;
    }
    this.#runs.push({ accessKeyId: credentials.accessKeyId, first: this.#seq, last: this.#seq, at, summary: describeCredentials(credentials) });
    // Bounded: a failure that old has no key left to blame anyway.
    if (this.#runs.length > this.#max) this.#runs.shift();
  }

  /**
   * The distinct key ids handed out after handout number `since`, oldest first; every key in the
   * log when `since` is unknown (a connection created before the adapter was attached).
   */
  keysSince(since: number | undefined): string[] {
    const keys: string[] = [];
    for (const run of this.#runs) {
      if ((since === undefined || run.last > since) && !keys.includes(run.accessKeyId)) keys.push(run.accessKeyId);
    }
    return keys;
  }
}
