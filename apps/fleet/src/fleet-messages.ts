/** Child → parent, over IPC: how the fetch went (secret-free). */
export interface ResultMessage {
  readonly type: 'result';
  readonly ok: boolean;
  /** From the barrier's release to the credentials (or the error). */
  readonly ms: number;
  /** Masked key id on success. */
  readonly accessKeyId?: string | undefined;
  readonly code?: string | undefined;
  readonly message?: string | undefined;
}

export function isResultMessage(value: unknown): value is ResultMessage {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'result';
}
