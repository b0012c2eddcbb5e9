import { SigV4Error } from './errors.js';

/**
 * The credentials the signer needs: the same shape as `Credentials` in `@iamkit/credentials`,
 * the AWS SDK and the `mongodb` driver, so any of those objects can be passed as is.
 *
 * @example
 * ```ts
 * const credentials: SigV4Credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
 * ```
 * @public
 */
export interface SigV4Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Temporary credentials only; sent as `X-Amz-Security-Token`. An empty string means none. */
  readonly sessionToken?: string | undefined;
}

/** Validated credentials with an empty token normalised away. @internal */
export interface CheckedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string | undefined;
}

function invalid(reason: string): SigV4Error {
  // Never the values: only which field is wrong and where to set it.
  return new SigV4Error('ERR_SIGV4_INVALID_CREDENTIALS', `${reason}; pass credentials { accessKeyId, secretAccessKey, sessionToken? } (e.g. from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN or an iamkit provider).`);
}

function isKeyIdChar(c: number): boolean {
  // Printable ASCII except the characters that delimit the Credential= component.
  return c > 0x20 && c < 0x7f && c !== 0x2f && c !== 0x2c && c !== 0x3d;
}

/** Checks credentials without ever echoing them. @internal */
export function checkCredentials(credentials: unknown): CheckedCredentials {
  if (typeof credentials !== 'object' || credentials === null) throw invalid('credentials are missing');
  const { accessKeyId, secretAccessKey, sessionToken } = credentials as Record<string, unknown>;
  if (typeof accessKeyId !== 'string' || accessKeyId === '') throw invalid('credentials.accessKeyId is missing or empty');
  for (let i = 0; i < accessKeyId.length; i++) {
    if (!isKeyIdChar(accessKeyId.charCodeAt(i))) throw invalid('credentials.accessKeyId contains a space, "/", ",", "=" or a non-printable character');
  }
  if (typeof secretAccessKey !== 'string' || secretAccessKey === '') throw invalid('credentials.secretAccessKey is missing or empty');
  if (sessionToken === undefined || sessionToken === null || sessionToken === '') {
    return { accessKeyId, secretAccessKey, sessionToken: undefined };
  }
  if (typeof sessionToken !== 'string') throw invalid('credentials.sessionToken must be a string');
  if (sessionToken.includes('\n') || sessionToken.includes('\r')) throw invalid('credentials.sessionToken contains a line break (a truncated or concatenated token file?)');
  if (sessionToken.trim() !== sessionToken) throw invalid('credentials.sessionToken has leading or trailing whitespace (trim the token)');
  return { accessKeyId, secretAccessKey, sessionToken };
}
