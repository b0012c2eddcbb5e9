import { IamkitError } from '@iamkit/credentials';

/**
 * Options of {@link splitCommandLine}.
 *
 * @example
 * ```ts
 * splitCommandLine('~/bin/creds --profile dev', { home: '/home/me' }); // ['/home/me/bin/creds', '--profile', 'dev']
 * ```
 * @public
 */
export interface SplitCommandOptions {
  /** Expands a word that is `~` or starts with `~/`; without it `~` stays literal. */
  readonly home?: string | undefined;
}

// Characters a POSIX shell would act on (pipes, redirections, lists, subshells, expansions). The
// command runs without a shell, so instead of passing them through with a different meaning
// than the user intended, they are refused unless quoted or escaped.
const SHELL_OPERATORS = new Set(['|', '&', ';', '<', '>', '(', ')', '$', '`']);
const BLANK = new Set([' ', '\t', '\n', '\r']);

/**
 * Splits a `credential_process` command line into the program and its arguments, with the
 * quoting rules of a POSIX shell but nothing else a shell does:
 *
 * - blanks (space, tab, newline) separate words;
 * - `'single quotes'` keep everything literally, up to the next `'`;
 * - `"double quotes"` keep everything literally except `\"`, `\\`, `\$` and a backslash before a backtick, which
 *   stand for the second character (any other backslash is kept);
 * - outside quotes a backslash makes the next character literal;
 * - quoted and unquoted pieces next to each other form one word (`--name="a b"`); `''` is an
 *   empty argument;
 * - `~` or a leading `~/` in an unquoted word becomes the home directory (when `home` is given).
 *
 * No variables, globs, pipes or redirections: an unquoted `| & ; < > ( ) $` or backtick, a `$`
 * or backtick inside double quotes, or a word starting with `#` is rejected (code
 * `ERR_PROCESS_COMMAND_INVALID`) rather than silently meaning something else; write
 * `sh -c '…'` to use a shell. Unbalanced quotes and a trailing backslash are rejected too.
 * Error messages give the position, never the command, which may contain secrets.
 *
 * @example
 * ```ts
 * splitCommandLine(`/opt/bin/get-creds --role "ops admin" --note 'it''s'`);
 * // ['/opt/bin/get-creds', '--role', 'ops admin', '--note', 'its']
 * ```
 * @public
 */
export function splitCommandLine(command: string, options: SplitCommandOptions = {}): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const fail = (problem: string): never => {
    throw new IamkitError({
      code: 'ERR_PROCESS_COMMAND_INVALID',
      source: 'process',
      message: `the command line is invalid: ${problem}. credential_process runs without a shell; quote the character or write sh -c '…' to use one.`,
    });
  };

  while (i < command.length) {
    const char = command.charAt(i);
    if (BLANK.has(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else if (char === "'") {
      const end = command.indexOf("'", i + 1);
      if (end === -1) fail(`the single quote at position ${i + 1} is never closed`);
      word += command.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (char === '"') {
      const [text, next] = readDoubleQuoted(command, i, fail);
      word += text;
      inWord = true;
      i = next;
    } else if (char === '\\') {
      if (i + 1 >= command.length) fail('it ends with a backslash');
      const escaped = command.charAt(i + 1);
      // Backslash-newline is a line continuation in a shell: it disappears.
      if (escaped !== '\n') {
        word += escaped;
        inWord = true;
      }
      i += 2;
    } else if (char === '~' && !inWord && (i + 1 === command.length || command.charAt(i + 1) === '/' || BLANK.has(command.charAt(i + 1))) && options.home !== undefined) {
      word += options.home;
      inWord = true;
      i++;
    } else {
      if (SHELL_OPERATORS.has(char)) fail(`"${char}" at position ${i + 1} would be interpreted by a shell`);
      if (char === '#' && !inWord) fail(`the word at position ${i + 1} starts with "#", which a shell reads as a comment`);
      word += char;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  if (words.length === 0) fail('it is empty');
  return words;
}

function readDoubleQuoted(command: string, open: number, fail: (problem: string) => never): [string, number] {
  let text = '';
  for (let i = open + 1; i < command.length; i++) {
    const char = command.charAt(i);
    if (char === '"') return [text, i + 1];
    if (char === '\\' && i + 1 < command.length) {
      const next = command.charAt(i + 1);
      if (next === '"' || next === '\\' || next === '$' || next === '`') {
        text += next;
        i++;
        continue;
      }
      if (next === '\n') {
        i++;
        continue;
      }
    }
    if (char === '$' || char === '`') fail(`"${char}" at position ${i + 1} would be expanded by a shell even inside double quotes`);
    text += char;
  }
  return fail(`the double quote at position ${open + 1} is never closed`);
}
