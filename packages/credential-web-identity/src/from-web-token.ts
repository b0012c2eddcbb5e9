import { isIamkitError, scrubSecrets, type CredentialProvider, type CredentialProviderOptions, type Credentials } from '@iamkit/credentials';
import { webIdentityCaller } from './assume-role-with-web-identity.js';
import { invalidOption, SOURCE, webIdentityError } from './web-identity-errors.js';
import type { WebIdentityOptions } from './web-identity-options.js';

/**
 * Options of {@link fromWebToken}: the role, the token (or a function returning the current one),
 * and the shared {@link WebIdentityOptions}.
 *
 * @example
 * ```ts
 * fromWebToken({ roleArn: 'arn:aws:iam::123456789012:role/ci', webIdentityToken: () => ciTokenClient.idToken() });
 * ```
 * @public
 */
export interface FromWebTokenOptions extends WebIdentityOptions {
  readonly roleArn: string;
  /**
   * The OIDC ID token or OAuth 2.0 access token, or a function returning the current one; the
   * function is called on every fetch, so it can hand out rotated tokens.
   */
  readonly webIdentityToken: string | (() => string | Promise<string>);
}

/**
 * Credentials from STS AssumeRoleWithWebIdentity with a token you supply: a string, or a function
 * that returns the current token (called on every fetch). Everything else is as in
 * {@link fromTokenFile}: an unsigned request, STS's refusals explained, the token never in an error,
 * a log or an event.
 *
 * @example
 * ```ts
 * import { cached } from '@iamkit/credentials';
 * import { fromWebToken } from '@iamkit/credential-web-identity';
 * const provider = cached(fromWebToken({ roleArn: 'arn:aws:iam::123456789012:role/ci', webIdentityToken: () => getIdToken() }));
 * ```
 * @public
 */
export function fromWebToken(options: FromWebTokenOptions): CredentialProvider {
  if (typeof options !== 'object' || (options as unknown) === null) throw invalidOption('fromWebToken', 'pass { roleArn, webIdentityToken }.');
  if (typeof options.roleArn !== 'string' || options.roleArn.trim() === '') {
    throw invalidOption('fromWebToken', 'option roleArn must be the ARN of the role to assume, like arn:aws:iam::123456789012:role/name.');
  }
  const supplied: unknown = options.webIdentityToken;
  if (typeof supplied !== 'string' && typeof supplied !== 'function') {
    throw invalidOption('fromWebToken', `option webIdentityToken must be the token (a string) or a function returning it, not ${supplied === null ? 'null' : typeof supplied}.`);
  }
  const call = webIdentityCaller(options);
  const roleArn = options.roleArn.trim();
  const provider = async (callOptions?: CredentialProviderOptions): Promise<Credentials> => {
    const token = await currentToken(options.webIdentityToken);
    return call({ roleArn, roleSessionName: options.roleSessionName, token, tokenFrom: 'the token supplied to fromWebToken', fromFile: false, signal: callOptions?.signal });
  };
  return Object.assign(provider, { sourceName: SOURCE });
}

async function currentToken(supplied: FromWebTokenOptions['webIdentityToken']): Promise<string> {
  let value: unknown;
  if (typeof supplied === 'string') {
    value = supplied;
  } else {
    try {
      value = await supplied();
    } catch (error) {
      if (isIamkitError(error)) throw error;
      // The function may have put the token (or another secret) in its message.
      const message = scrubSecrets(error instanceof Error ? error.message : String(error));
      throw webIdentityError('ERR_WEB_IDENTITY_TOKEN_CALLBACK', `the webIdentityToken function of fromWebToken failed: ${message}`, { retryable: true, cause: Object.assign(new Error(message), { name: error instanceof Error ? error.name : 'Error' }) });
    }
  }
  if (typeof value !== 'string') {
    throw webIdentityError('ERR_WEB_IDENTITY_TOKEN_CALLBACK', `the webIdentityToken function of fromWebToken returned ${value === null ? 'null' : typeof value}, not the token string.`);
  }
  const token = value.trim();
  if (token === '') throw webIdentityError('ERR_WEB_IDENTITY_TOKEN_EMPTY', 'the token supplied to fromWebToken is empty: pass the OIDC token (or a function returning it).');
  return token;
}
