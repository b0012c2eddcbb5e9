import { IamkitError, isIamkitError } from './errors.js';
import { scrubSecrets } from './redact.js';

/**
 * Gives any failure a code. A foreign error's text is scrubbed of the secrets the cache knows and
 * of anything shaped like one; if scrubbing changed it, the cause is replaced by a scrubbed copy,
 * so `util.inspect` of the error cannot print the secret through its cause either.
 */
export function toSourceError(value: unknown, source: string, known: readonly (string | undefined)[]): IamkitError {
  if (isIamkitError(value)) return value;
  const message = value instanceof Error ? value.message : String(value);
  const scrubbed = scrubSecrets(message, known);
  let cause: unknown = value;
  if (scrubbed !== message || (value instanceof Error && value.stack !== undefined && scrubSecrets(value.stack, known) !== value.stack)) {
    const copy = new Error(scrubbed);
    copy.name = value instanceof Error ? value.name : 'Error';
    copy.stack = value instanceof Error && value.stack !== undefined ? scrubSecrets(value.stack, known) : copy.stack;
    cause = copy;
  }
  return new IamkitError({
    code: 'ERR_CREDENTIALS_SOURCE_FAILED',
    source,
    retryable: true,
    message: `${source}: the credential provider failed: ${scrubbed}`,
    cause,
  });
}

