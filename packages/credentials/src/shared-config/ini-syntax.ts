/**
 * The typed section kinds of the shared config file: `[profile x]`, `[sso-session x]`,
 * `[services x]`.
 *
 * @example
 * ```ts
 * const kind: IniSectionType = 'sso-session';
 * ```
 * @public
 */
export type IniSectionType = 'profile' | 'sso-session' | 'services';

/** One meaningful line: what is left after comments, with the indentation it had. */
export interface IniLine {
  /** Leading spaces and tabs (a tab counts as one). */
  readonly indent: number;
  /** The text without its comment, trimmed; never empty. */
  readonly content: string;
}

/**
 * Splits text into lines (LF, CRLF or a lone CR) and drops a leading byte-order mark, so a file
 * saved by a Windows editor parses like any other.
 */
export function splitLines(text: string): string[] {
  return (text.startsWith('\uFEFF') ? text.slice(1) : text).split(/\r\n|\r|\n/);
}

/**
 * Strips the comment from a line and measures its indentation; `undefined` for a blank or
 * comment-only line. As in the AWS SDKs, `#` and `;` start a comment at the start of a line or
 * after whitespace, so `a=b#c` keeps its `#` while `a = b # note` loses the note.
 */
export function tokenizeLine(raw: string): IniLine | undefined {
  const content = stripComment(raw).trim();
  if (content === '') return undefined;
  return { indent: raw.length - raw.trimStart().length, content };
}

function stripComment(line: string): string {
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if ((char === '#' || char === ';') && (i === 0 || /\s/.test(line.charAt(i - 1)))) return line.slice(0, i);
  }
  return line;
}

/** A parsed `[…]` line, or the reason it is malformed. */
export type SectionHeader =
  | { readonly ok: true; readonly header: string; readonly type: IniSectionType | undefined; readonly name: string }
  | { readonly ok: false; readonly problem: string };

const TYPED = /^(profile|sso-session|services)\s+(.+)$/;

/** Reads `[name]` / `[<type> <name>]` (the name optionally in matching quotes). */
export function parseSectionHeader(content: string): SectionHeader {
  if (!content.endsWith(']')) return { ok: false, problem: 'unterminated section header: a line starting with "[" must end with "]"' };
  const header = content.slice(1, -1).trim();
  if (header === '') return { ok: false, problem: 'empty section name "[]"' };
  if (/[[\]]/.test(header)) return { ok: false, problem: 'a section name cannot contain "[" or "]"' };
  const typed = TYPED.exec(header);
  const type = typed?.[1] as IniSectionType | undefined;
  const name = typed?.[2] === undefined ? header : unquote(typed[2].trim());
  if (name === '') return { ok: false, problem: `empty ${type ?? 'section'} name` };
  if (name === '__proto__') return { ok: false, problem: 'the section name "__proto__" is not allowed' };
  return { ok: true, header, type, name };
}

function unquote(name: string): string {
  const first = name.charAt(0);
  if (name.length >= 2 && (first === '"' || first === "'") && name.endsWith(first)) return name.slice(1, -1).trim();
  return name;
}
