import { stsErrors, type StsErrorDetails } from './sts-errors.js';

/**
 * Collects STS's input-validation failures and words them as STS does:
 * "2 validation errors detected: Value 'x' at 'roleSessionName' failed to satisfy constraint:
 * Member must have length greater than or equal to 2; Value null at 'roleArn' …".
 */
export class StsValidation {
  readonly #problems: string[] = [];

  #fail(member: string, value: string | undefined, constraint: string): void {
    const shown = value === undefined ? 'null' : `'${value}'`;
    this.#problems.push(`Value ${shown} at '${member}' failed to satisfy constraint: Member must ${constraint}`);
  }

  /** A string parameter with length bounds and an optional character pattern. */
  text(member: string, value: string | undefined, options: { readonly required?: boolean; readonly min: number; readonly max: number; readonly pattern?: readonly [RegExp, string] }): void {
    if (value === undefined) {
      if (options.required === true) this.#fail(member, undefined, 'not be null');
      return;
    }
    if (value.length < options.min) this.#fail(member, value, `have length greater than or equal to ${options.min}`);
    if (value.length > options.max) this.#fail(member, value, `have length less than or equal to ${options.max}`);
    if (options.pattern !== undefined && !options.pattern[0].test(value)) this.#fail(member, value, `satisfy regular expression pattern: ${options.pattern[1]}`);
  }

  /** An integer parameter (sent as text) within bounds; returns it, or `undefined` when absent or bad. */
  integer(member: string, value: string | undefined, min: number, max: number): number | undefined {
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value.trim())) {
      this.#fail(member, value, 'be a whole number');
      return undefined;
    }
    const number = Number(value);
    if (number < min) this.#fail(member, value, `have value greater than or equal to ${min}`);
    if (number > max) this.#fail(member, value, `have value less than or equal to ${max}`);
    return number;
  }

  /** The ValidationError to answer with, if anything failed. */
  result(): StsErrorDetails | undefined {
    const count = this.#problems.length;
    if (count === 0) return undefined;
    return stsErrors.validation(`${count} validation error${count === 1 ? '' : 's'} detected: ${this.#problems.join('; ')}`);
  }
}

/** `[\w+=,.@-]*`: role session names, source identities. */
export const SESSION_NAME_PATTERN = [/^[\w+=,.@-]*$/, '[\\w+=,.@-]*'] as const;
/** `[\w+=,.@:/-]*`: external ids. */
export const EXTERNAL_ID_PATTERN = [/^[\w+=,.@:/-]*$/, '[\\w+=,.@:\\/-]*'] as const;
/** `[\d]*`: MFA token codes. */
export const TOKEN_CODE_PATTERN = [/^\d*$/, '[\\d]*'] as const;
