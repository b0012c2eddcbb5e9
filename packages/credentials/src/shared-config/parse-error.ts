import { IamkitError, type IamkitErrorJSON } from '../errors.js';

/**
 * A shared config or credentials file that cannot be parsed (code `ERR_SHARED_CONFIG_PARSE`).
 * The message names the file and the 1-based line, and never repeats the line's text: a
 * malformed line may well hold a secret key.
 *
 * @example
 * ```ts
 * try {
 *   parseIni('aws_access_key_id = AKID\n', { path: '/home/me/.aws/credentials' });
 * } catch (error) {
 *   if (error instanceof SharedConfigParseError) console.error(error.path, error.line); // … 1
 * }
 * ```
 * @public
 */
export class SharedConfigParseError extends IamkitError<'ERR_SHARED_CONFIG_PARSE'> {
  override readonly name = 'SharedConfigParseError';
  /** The file, as given to {@link parseIni} (or `<input>`). */
  readonly path: string;
  /** 1-based line number of the offending line. */
  readonly line: number;

  constructor(path: string, line: number, problem: string) {
    super({
      code: 'ERR_SHARED_CONFIG_PARSE',
      source: 'shared-config',
      message: `${path} line ${line}: ${problem}. Fix or remove that line in ${path}.`,
    });
    this.path = path;
    this.line = line;
  }

  override toJSON(): IamkitErrorJSON & { readonly path: string; readonly line: number } {
    return { ...super.toJSON(), path: this.path, line: this.line };
  }
}
