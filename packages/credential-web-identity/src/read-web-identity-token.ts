import { resolveRuntime, type ReadTextFile } from '@iamkit/credentials';
import { webIdentityError } from './web-identity-errors.js';

/**
 * Options of {@link readWebIdentityToken}.
 *
 * @example
 * ```ts
 * await readWebIdentityToken(path, { setting: "web_identity_token_file of profile 'ci'" });
 * ```
 * @public
 */
export interface ReadWebIdentityTokenOptions {
  /** Defaults to reading the file system. */
  readonly readFile?: ReadTextFile | undefined;
  /** What set the path, for messages. Default `AWS_WEB_IDENTITY_TOKEN_FILE`. */
  readonly setting?: string | undefined;
}

const MISSING = new Set(['ENOENT', 'ENOTDIR']);

/**
 * Reads a web identity token file and returns the token, trimmed. Every iamkit web identity
 * provider calls it on **every** fetch: kubelet rotates projected service-account tokens, and a token
 * kept in memory expires. A missing or unreadable file is `ERR_WEB_IDENTITY_TOKEN_FILE`, an empty one
 * `ERR_WEB_IDENTITY_TOKEN_EMPTY`; both messages name the file and the setting that points at it,
 * never the token.
 *
 * @example
 * ```ts
 * const token = await readWebIdentityToken('/var/run/secrets/eks.amazonaws.com/serviceaccount/token');
 * ```
 * @public
 */
export async function readWebIdentityToken(path: string, options: ReadWebIdentityTokenOptions = {}): Promise<string> {
  const { readFile } = resolveRuntime({ readFile: options.readFile });
  const setting = options.setting ?? 'AWS_WEB_IDENTITY_TOKEN_FILE';
  let text: string;
  try {
    text = await readFile(path);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const codeText = typeof code === 'string' ? ` (${code})` : '';
    const fix =
      typeof code === 'string' && MISSING.has(code)
        ? `check that the token volume is mounted (on EKS: the service account is annotated with eks.amazonaws.com/role-arn and the pod was restarted after that), or fix ${setting}.`
        : `make it readable by this process's user, or fix ${setting}.`;
    throw webIdentityError(
      'ERR_WEB_IDENTITY_TOKEN_FILE',
      `the web identity token file ${path} (from ${setting}) ${typeof code === 'string' && MISSING.has(code) ? 'does not exist' : 'cannot be read'}${codeText}: ${fix}`,
      { retryable: true, cause: error },
    );
  }
  const token = text.trim();
  if (token === '') {
    throw webIdentityError(
      'ERR_WEB_IDENTITY_TOKEN_EMPTY',
      `the web identity token file ${path} (from ${setting}) is empty: it should hold the OIDC token that ${setting} points at; check what writes it (kubelet on EKS).`,
      { retryable: true },
    );
  }
  return token;
}
