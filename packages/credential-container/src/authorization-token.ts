import { IamkitError, type ReadTextFile } from '@iamkit/credentials';
import type { ContainerNoticeKind } from './container-diagnostics.js';

export const TOKEN = 'AWS_CONTAINER_AUTHORIZATION_TOKEN';
export const TOKEN_FILE = 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE';

/** The two token settings, each from its option or else its environment variable. */
export interface TokenSettings {
  readonly token: { readonly value: string; readonly setting: string } | undefined;
  readonly file: { readonly value: string; readonly setting: string } | undefined;
}

/**
 * The `Authorization` value to send, or `undefined` when no token is configured. The file wins
 * over the inline token and is read on every call: EKS rotates the projected service-account token
 * behind the same path, so a token read once goes stale within hours. The value is trimmed (files
 * end with a newline) and sent raw, without `Bearer`; one with CR or LF inside could smuggle a
 * header and is refused.
 */
export async function readAuthorizationToken(
  settings: TokenSettings,
  readFile: ReadTextFile,
  notice: (kind: ContainerNoticeKind, message: string) => void,
): Promise<string | undefined> {
  const { file, token } = settings;
  if (file !== undefined) {
    if (token !== undefined) {
      notice('token-file-wins', `both ${file.setting} and ${token.setting} are set; using the file, as the AWS SDKs do. Unset one of them to silence this.`);
    }
    let text: string;
    try {
      text = await readFile(file.value);
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      throw new IamkitError({
        code: 'ERR_CONTAINER_TOKEN_FILE',
        source: 'container',
        message:
          `container: cannot read the authorization token file ${JSON.stringify(file.value)} named by ${file.setting}` +
          `${typeof code === 'string' ? ` (${code})` : ''}: check that the file is mounted and readable, or fix ${file.setting}.`,
        cause: error,
      });
    }
    return checkToken(text, `the file ${JSON.stringify(file.value)} (${file.setting})`, file.setting);
  }
  return token === undefined ? undefined : checkToken(token.value, token.setting, token.setting);
}

function checkToken(raw: string, where: string, setting: string): string {
  const value = raw.trim();
  const invalid = (why: string): IamkitError =>
    new IamkitError({ code: 'ERR_CONTAINER_TOKEN_INVALID', source: 'container', message: `container: the authorization token in ${where} ${why}; fix ${setting}.` });
  if (value === '') throw invalid('is empty');
  if (/[\r\n]/.test(value)) throw invalid('contains a line break (CR or LF) inside it, which would break the Authorization header');
  if (/\p{Cc}/u.test(value)) throw invalid('contains a control character');
  return value;
}
