import type { Credentials } from '../credentials.js';
import { IamkitError, type IamkitErrorJSON } from '../errors.js';
import { formatDuration } from '../format-duration.js';
import { scrubSecrets } from '../redact.js';

/** Credentials that arrived expired or inside the mandatory window: a failure, never a value. */
export function tooCloseToExpiryError(credentials: Credentials, now: number, mandatoryWindowMs: number, source: string): IamkitError {
  const expiration = credentials.expiration ?? new Date(now);
  const left = expiration.getTime() - now;
  const when =
    left <= 0
      ? `expired at ${expiration.toISOString()} (${formatDuration(-left)} ago)`
      : `expire at ${expiration.toISOString()}, in ${formatDuration(left)}, inside the cache's ${formatDuration(mandatoryWindowMs)} mandatory window`;
  return new IamkitError({
    code: 'ERR_CREDENTIALS_EXPIRED',
    source,
    retryable: true,
    message:
      `${source}: the source returned credentials that ${when}, so they are not used. ` +
      'If this repeats, check this machine’s clock and that the source refreshes its credentials; ' +
      'for credentials that always live this briefly, lower mandatoryWindowMs in cached().',
  });
}

/** The error's JSON view with the known secrets scrubbed once more, for events and stats. */
export function safeErrorJSON(error: IamkitError, known: readonly (string | undefined)[]): IamkitErrorJSON {
  return JSON.parse(scrubSecrets(JSON.stringify(error), known)) as IamkitErrorJSON;
}
