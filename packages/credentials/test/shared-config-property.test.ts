import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SharedConfigParseError, parseIni } from '../src/index.js';

// A model of a file: sections of entries, each a (possibly multi-line) value or a sub-section.
type Entry = { key: string; lines: string[] } | { key: string; children: [string, string][] };
interface Section {
  header: string;
  entries: Entry[];
}

const name = fc.stringMatching(/^[A-Za-z0-9_-]{1,10}$/).filter((n) => n !== '__proto__');
const key = fc.stringMatching(/^[A-Za-z0-9_]{1,12}$/);
// Values the AWS rules keep intact: trimmed, non-empty, no comment marker after whitespace.
const value = fc
  .string({ unit: fc.constantFrom(...'abcXYZ019 =/+:.-_#;[]"\'\t'.split('')), minLength: 1, maxLength: 20 })
  .filter((v) => v === v.trim() && v !== '' && !/^[#;]/.test(v) && !/\s[#;]/.test(v));
const header = fc.oneof(
  name,
  fc.tuple(fc.constantFrom('profile', 'sso-session', 'services'), name).map(([type, n]) => `${type} ${n}`),
);
const entry: fc.Arbitrary<Entry> = fc.oneof(
  fc.record({ key, lines: fc.array(value, { minLength: 1, maxLength: 3 }) }),
  fc.record({ key, children: fc.uniqueArray(fc.tuple(key, value), { minLength: 1, maxLength: 3, selector: ([k]) => k }) }),
);
const section: fc.Arbitrary<Section> = fc.record({
  header,
  entries: fc.uniqueArray(entry, { maxLength: 5, selector: (e) => e.key }),
});
const file = fc.uniqueArray(section, { maxLength: 5, selector: (s) => s.header });

// Formatting freedom the parser must ignore.
const style = fc.record({
  eol: fc.constantFrom('\n', '\r\n'),
  indent: fc.constantFrom('', ' ', '  ', '\t'),
  deeper: fc.constantFrom(' ', '  ', '\t', '    '),
  before: fc.constantFrom('', ' ', '\t', '   '),
  after: fc.constantFrom('', ' ', '\t', '  '),
  comments: fc.boolean(),
  blank: fc.boolean(),
  bom: fc.boolean(),
});
type Style = typeof style extends fc.Arbitrary<infer S> ? S : never;

function serialise(sections: Section[], s: Style): string {
  const out: string[] = [];
  if (s.comments) out.push('# generated', '; file');
  for (const sec of sections) {
    out.push(s.comments ? `[${sec.header}] # header` : `[${sec.header}]`);
    for (const e of sec.entries) {
      if (s.blank) out.push('');
      if ('lines' in e) {
        const [first, ...rest] = e.lines;
        out.push(`${s.indent}${e.key}${s.before}=${s.after}${first ?? ''}${s.comments ? ' # note' : ''}`);
        for (const line of rest) out.push(`${s.indent}${s.deeper}${line}`);
      } else {
        out.push(`${s.indent}${e.key}${s.before}=`);
        if (s.comments) out.push(`${s.indent}${s.deeper}; inside`);
        for (const [k, v] of e.children) out.push(`${s.indent}${s.deeper}${k}${s.before}=${s.after}${v}`);
      }
    }
  }
  return (s.bom ? '\uFEFF' : '') + out.join(s.eol) + (s.blank ? s.eol : '');
}

function model(sections: Section[]): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const sec of sections) {
    // Prototype-less, like the parser's records: `__proto__` is a key a file may contain.
    const props = Object.create(null) as Record<string, string>;
    for (const e of sec.entries) {
      if ('lines' in e) props[e.key] = e.lines.join('\n');
      else for (const [k, v] of e.children) props[`${e.key}.${k}`] = v;
    }
    out[sec.header] = props;
  }
  return out;
}

function parsed(text: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const sec of parseIni(text).sections) out[sec.header] = { ...sec.properties };
  return out;
}

describe('parseIni: properties', () => {
  it('round-trips any file written in any accepted style', () => {
    fc.assert(
      fc.property(file, style, (sections, s) => {
        expect(parsed(serialise(sections, s))).toEqual(model(sections));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same result for LF and CRLF files', () => {
    fc.assert(
      fc.property(file, style, (sections, s) => {
        expect(parsed(serialise(sections, { ...s, eol: '\r\n' }))).toEqual(parsed(serialise(sections, { ...s, eol: '\n' })));
      }),
      { numRuns: 100 },
    );
  });

  it('either parses or throws a SharedConfigParseError pointing at a real line', () => {
    const iniish = fc.string({ unit: fc.constantFrom('[', ']', '=', '#', ';', ' ', '\t', '\n', '\r\n', 'a', 'p', 'profile ', '__proto__', '"') });
    fc.assert(
      fc.property(fc.oneof(iniish, fc.string()), (text) => {
        try {
          parseIni(text, { path: 'fuzz' });
        } catch (error) {
          expect(error).toBeInstanceOf(SharedConfigParseError);
          const { line } = error as SharedConfigParseError;
          expect(line).toBeGreaterThanOrEqual(1);
          expect(line).toBeLessThanOrEqual(text.split(/\r\n|\r|\n/).length);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reports the line of a malformed line inserted anywhere', () => {
    fc.assert(
      fc.property(file, style, fc.nat(), (sections, s, at) => {
        const lines = serialise(sections, { ...s, bom: false }).split(s.eol);
        // A bare word at column 0 is never a continuation and never valid.
        const index = lines.length === 0 ? 0 : at % (lines.length + 1);
        lines.splice(index, 0, 'garbage');
        expect(() => parseIni(lines.join(s.eol), { path: 'f' })).toThrow(`f line ${index + 1}:`);
      }),
      { numRuns: 200 },
    );
  });
});
