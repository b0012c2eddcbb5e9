import { type IniLine, type IniSectionType, parseSectionHeader, splitLines, tokenizeLine } from './ini-syntax.js';
import { scrubSecrets } from '../redact.js';
import { SharedConfigParseError } from './parse-error.js';
import { type IniSettings, emptyRecord, sealSettings } from './redacted-settings.js';

/**
 * One section of a parsed file. Sections that appear twice are merged (later keys win) and keep
 * the line of their first header.
 *
 * @example
 * ```ts
 * const [section] = parseIni('[profile dev]\nregion = eu-west-1\n').sections;
 * section?.type; // 'profile'
 * section?.name; // 'dev'
 * section?.properties.region; // 'eu-west-1'
 * ```
 * @public
 */
export interface IniSection {
  /** The text between the brackets, trimmed: `profile dev`. */
  readonly header: string;
  /** `profile`, `sso-session` or `services` for a typed header, otherwise `undefined`. */
  readonly type: IniSectionType | undefined;
  /** The name after the type (quotes removed), or the whole header for an untyped section. */
  readonly name: string;
  /** 1-based line of the header. */
  readonly line: number;
  /** Keys and values; sub-section keys are `parent.child`, continued values joined with `\n`. */
  readonly properties: IniSettings;
  /** 1-based line on which each key was (last) set. */
  readonly lines: Readonly<Record<string, number>>;
}

/**
 * The result of {@link parseIni}.
 *
 * @example
 * ```ts
 * const { path, sections } = parseIni(text, { path: '/home/me/.aws/config' });
 * ```
 * @public
 */
export interface ParsedIni {
  readonly path: string;
  readonly sections: readonly IniSection[];
}

/**
 * Options of {@link parseIni}.
 *
 * @example
 * ```ts
 * parseIni(text, { path: '/home/me/.aws/config' });
 * ```
 * @public
 */
export interface ParseIniOptions {
  /** Named in error messages; defaults to `<input>`. */
  readonly path?: string | undefined;
}

interface Building {
  readonly header: string;
  readonly type: IniSectionType | undefined;
  readonly name: string;
  readonly line: number;
  readonly properties: Record<string, string>;
  readonly lines: Record<string, number>;
}

/** The property whose indented follow-up lines belong to it. */
interface Open {
  readonly key: string;
  readonly indent: number;
  /** `key =` with nothing after it: indented `k = v` lines become `key.k`. */
  readonly parent: boolean;
  /** Inside a sub-section, the last `key.child` set (continuation lines extend it). */
  child?: string;
}

/**
 * Parses an AWS shared config or credentials file with the AWS SDK rules:
 *
 * - sections `[name]` and `[<type> <name>]` (`profile`, `sso-session`, `services`); the name
 *   `__proto__` is rejected;
 * - `key = value`, both trimmed; later keys win;
 * - `#` and `;` start a comment at the start of a line or after whitespace;
 * - `key =` with an empty value opens a sub-section: the following lines indented deeper than
 *   `key` are `child = value` pairs stored as `key.child`;
 * - any other line indented deeper than the property above it continues that value (joined with
 *   `\n`), as in Python's configparser; blank lines are ignored;
 * - LF, CRLF and CR line endings and a leading byte-order mark are accepted.
 *
 * Anything else — a property before the first section, a line without `=`, an unterminated
 * `[section` — throws {@link SharedConfigParseError} naming the file and line.
 *
 * @example
 * ```ts
 * const parsed = parseIni('[default]\nregion = us-east-1\ns3 =\n  max_concurrent_requests = 20\n', { path: 'config' });
 * parsed.sections[0]?.properties['s3.max_concurrent_requests']; // '20'
 * ```
 * @public
 */
export function parseIni(text: string, options: ParseIniOptions = {}): ParsedIni {
  const path = options.path ?? '<input>';
  const sections = new Map<string, Building>();
  let section: Building | undefined;
  let open: Open | undefined;

  splitLines(text).forEach((raw, index) => {
    const lineNumber = index + 1;
    const line = tokenizeLine(raw);
    if (line === undefined) return;
    const fail = (problem: string): never => {
      throw new SharedConfigParseError(path, lineNumber, problem);
    };

    if (section !== undefined && open !== undefined && line.indent > open.indent) {
      continueProperty(section, open, line, lineNumber, fail);
      return;
    }
    open = undefined;

    if (line.content.startsWith('[')) {
      const parsed = parseSectionHeader(line.content);
      if (!parsed.ok) return fail(parsed.problem);
      const id = `${parsed.type ?? ''}\u0000${parsed.name}`;
      section = sections.get(id);
      if (section === undefined) {
        section = { header: parsed.header, type: parsed.type, name: parsed.name, line: lineNumber, properties: emptyRecord(), lines: emptyRecord() };
        sections.set(id, section);
      }
      return;
    }

    const [key, value] = splitProperty(line.content, fail);
    if (section === undefined) return fail(`the property ${nameKey(key)} comes before any [section] header`);
    if (value !== '') set(section, key, value, lineNumber);
    open = { key, indent: line.indent, parent: value === '' };
  });

  return {
    path,
    sections: [...sections.values()].map((s) => ({ ...s, properties: sealSettings(s.properties), lines: Object.freeze(s.lines) })),
  };
}

function continueProperty(section: Building, open: Open, line: IniLine, lineNumber: number, fail: (problem: string) => never): void {
  if (!open.parent) {
    append(section, open.key, line.content, lineNumber);
    return;
  }
  if (line.content.includes('=')) {
    const [child, value] = splitProperty(line.content, fail);
    open.child = `${open.key}.${child}`;
    if (value !== '') set(section, open.child, value, lineNumber);
    return;
  }
  if (open.child === undefined) fail(`expected "key = value" inside the sub-section ${nameKey(open.key)}`);
  else append(section, open.child, line.content, lineNumber);
}

function splitProperty(content: string, fail: (problem: string) => never): [string, string] {
  const equals = content.indexOf('=');
  // The line's text is not quoted back: a malformed line is often a secret missing its "=".
  if (equals === -1) return fail('expected "key = value", a [section] header or a comment');
  const key = content.slice(0, equals).trim();
  if (key === '') return fail('a property has no key before "="');
  return [key, content.slice(equals + 1).trim()];
}

// A "key" can be a pasted token that ends in "=": quote only what looks like a setting name.
function nameKey(key: string): string {
  return /^[A-Za-z0-9_.-]{1,40}$/.test(key) && scrubSecrets(key) === key ? `"${key}"` : '(name not shown)';
}

function set(section: Building, key: string, value: string, lineNumber: number): void {
  section.properties[key] = value;
  section.lines[key] = lineNumber;
}

function append(section: Building, key: string, text: string, lineNumber: number): void {
  const before = section.properties[key];
  section.properties[key] = before === undefined ? text : `${before}\n${text}`;
  // A value continued from nowhere (after an empty `child =`) starts on this line.
  section.lines[key] ??= lineNumber;
}
