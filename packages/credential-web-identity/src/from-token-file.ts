import { notConfigured, resolveRuntime, type CredentialProvider, type CredentialProviderOptions, type Credentials, type Env } from '@iamkit/credentials';
import { webIdentityCaller } from './assume-role-with-web-identity.js';
import { readWebIdentityToken } from './read-web-identity-token.js';
import { SOURCE, webIdentityError } from './web-identity-errors.js';
import type { WebIdentityOptions } from './web-identity-options.js';

/**
 * Options of {@link fromTokenFile}: the AWS SDK's `fromTokenFile` options, plus the shared
 * {@link WebIdentityOptions}. Each option wins over its environment variable.
 *
 * @example
 * ```ts
 * fromTokenFile({ webIdentityTokenFile: '/var/run/secrets/token', roleArn: 'arn:aws:iam::123456789012:role/orders' });
 * ```
 * @public
 */
export interface FromTokenFileOptions extends WebIdentityOptions {
  /** The OIDC token file; default `AWS_WEB_IDENTITY_TOKEN_FILE`. Read on every fetch. */
  readonly webIdentityTokenFile?: string | undefined;
  /** The role to assume; default `AWS_ROLE_ARN`. */
  readonly roleArn?: string | undefined;
  /**
   * How to name the token file's setting in messages; default `AWS_WEB_IDENTITY_TOKEN_FILE` or
   * `option webIdentityTokenFile`. `fromIni` passes `web_identity_token_file of profile 'x'`.
   */
  readonly tokenFileSetting?: string | undefined;
}

const TOKEN_FILE = 'AWS_WEB_IDENTITY_TOKEN_FILE';
const ROLE_ARN = 'AWS_ROLE_ARN';
const SESSION_NAME = 'AWS_ROLE_SESSION_NAME';

interface Setting {
  readonly value: string;
  readonly from: string;
}

/**
 * Credentials from STS AssumeRoleWithWebIdentity with the OIDC token in a file — EKS IAM roles for
 * service accounts (IRSA) and any other OIDC identity: `AWS_WEB_IDENTITY_TOKEN_FILE`,
 * `AWS_ROLE_ARN` and optionally `AWS_ROLE_SESSION_NAME` (options win over the variables).
 *
 * - The token file is read on **every** fetch, so a rotated token is always the one sent.
 * - Neither the file nor the role set: not configured (a chain moves on). Only one of them set:
 *   `ERR_WEB_IDENTITY_PARTIAL`, naming the missing variable. A missing or empty file:
 *   `ERR_WEB_IDENTITY_TOKEN_FILE` / `ERR_WEB_IDENTITY_TOKEN_EMPTY`, naming the file and variable.
 * - The request is unsigned, as in the AWS SDKs. STS's refusals keep their code and explanation
 *   (`ERR_STS_INVALID_IDENTITY_TOKEN`: token expired, not re-read, or for another provider), and
 *   name the role and the file. The token never appears in an error, a log or an event.
 * - The session name defaults to `AWS_ROLE_SESSION_NAME`, else `iamkit-<ms>-<random>`.
 *
 * The provider does not cache; wrap it in `cached()` (or use `fromTokenFile` of
 * `@iamkit/credential-providers`, which does).
 *
 * @example
 * ```ts
 * import { cached } from '@iamkit/credentials';
 * import { fromTokenFile } from '@iamkit/credential-web-identity';
 * const provider = cached(fromTokenFile()); // reads AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN
 * const { accessKeyId, expiration } = await provider();
 * ```
 * @public
 */
export function fromTokenFile(options: FromTokenFileOptions = {}): CredentialProvider {
  const call = webIdentityCaller(options);
  const provider = async (callOptions?: CredentialProviderOptions): Promise<Credentials> => {
    // Re-resolved per call: the default env is the live process.env.
    const { env, readFile } = resolveRuntime(options);
    const file = setting(options.webIdentityTokenFile, options.tokenFileSetting ?? 'option webIdentityTokenFile', env, TOKEN_FILE);
    const role = setting(options.roleArn, 'option roleArn', env, ROLE_ARN);
    if (file === undefined && role === undefined) {
      throw notConfigured({ source: SOURCE, reason: `${TOKEN_FILE} and ${ROLE_ARN} are not set`, configureWith: [`${TOKEN_FILE} + ${ROLE_ARN}`] });
    }
    if (file === undefined) {
      throw webIdentityError(
        'ERR_WEB_IDENTITY_PARTIAL',
        `${role?.from ?? ROLE_ARN} is set (${role?.value ?? ''}) but ${TOKEN_FILE} is not: set ${TOKEN_FILE} to the path of the OIDC token file to assume it with, or unset ${ROLE_ARN}.`,
      );
    }
    if (role === undefined) {
      throw webIdentityError(
        'ERR_WEB_IDENTITY_PARTIAL',
        `${file.from} is set (${file.value}) but ${ROLE_ARN} is not: set ${ROLE_ARN} to the ARN of the role to assume (on EKS, annotate the service account with eks.amazonaws.com/role-arn), or unset ${TOKEN_FILE}.`,
      );
    }
    const session = setting(options.roleSessionName, 'option roleSessionName', env, SESSION_NAME);
    const token = await readWebIdentityToken(file.value, { readFile, setting: file.from });
    return call({ roleArn: role.value, roleSessionName: session?.value, token, tokenFrom: `the token in ${file.value} (${file.from})`, fromFile: true, signal: callOptions?.signal });
  };
  return Object.assign(provider, { sourceName: SOURCE });
}

// An option wins over its variable; blank values count as unset (`VAR=` is a common leftover).
function setting(option: string | undefined, optionName: string, env: Env, variable: string): Setting | undefined {
  if (option !== undefined && option.trim() !== '') return { value: option.trim(), from: optionName };
  const value = env[variable]?.trim();
  return value === undefined || value === '' ? undefined : { value, from: variable };
}
