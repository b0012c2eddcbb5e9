import { credentialSource, type Credentials } from '../credentials.js';
import { IamkitError } from '../errors.js';
import { credentialsFromFields } from '../validation/credentials-from-fields.js';

/**
 * What a wrapped provider resolved to, as the frozen, redacting credentials the cache hands out:
 * credentials made by `createCredentials` pass through; anything else (a plain object from a
 * hand-written provider) is validated and rebuilt. Expiry is not judged here: the cache's
 * mandatory-window check does that, with its own message.
 */
export function normalizeCredentials(value: unknown, label: string): Credentials {
  if (typeof value !== 'object' || value === null) {
    throw new IamkitError({
      code: 'ERR_CREDENTIALS_INVALID',
      source: label,
      message: `${label}: the credential provider resolved to ${value === null ? 'null' : typeof value} instead of credentials.`,
    });
  }
  const credentials = value as Credentials;
  const source = credentialSource(credentials);
  const expiration: unknown = credentials.expiration;
  const validExpiry = expiration === undefined || (expiration instanceof Date && !Number.isNaN(expiration.getTime()));
  if (Object.isFrozen(value) && source !== undefined && validExpiry) return credentials;
  return credentialsFromFields(value, { source: source ?? label, now: () => Number.NEGATIVE_INFINITY });
}
