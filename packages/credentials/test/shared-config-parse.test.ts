import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SharedConfigParseError, isIamkitError, isSecretSetting, parseIni } from '../src/index.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

/** The sections of `text` as plain `{ header: { key: value } }`, for compact expectations. */
function sections(text: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const section of parseIni(text).sections) out[section.header] = { ...section.properties };
  return out;
}

describe('parseIni: table', () => {
  const cases: [string, string, Record<string, Record<string, string>>][] = [
    ['plain section', '[default]\nregion=us-east-1\n', { default: { region: 'us-east-1' } }],
    ['whitespace around = and name', '[ default ]\n  region   =   eu-west-1  \n', { default: { region: 'eu-west-1' } }],
    ['tabs', '[default]\n\tregion\t=\teu-west-1\t\n', { default: { region: 'eu-west-1' } }],
    ['CRLF', '[default]\r\nregion = a\r\noutput = json\r\n', { default: { region: 'a', output: 'json' } }],
    ['lone CR', '[default]\rregion = a\r', { default: { region: 'a' } }],
    ['BOM', '\uFEFF[default]\nregion = a', { default: { region: 'a' } }],
    ['no trailing newline', '[a]\nk = v', { a: { k: 'v' } }],
    ['full-line comments', '# top\n; also\n[a]\n  # indented comment\nk = v\n', { a: { k: 'v' } }],
    ['comment after whitespace', '[a] # header comment\nk = v ; note\nj = w\t# tab note\n', { a: { k: 'v', j: 'w' } }],
    ['# and ; inside a value', '[a]\nk = v#1;2\nurl = https://x/#frag\n', { a: { k: 'v#1;2', url: 'https://x/#frag' } }],
    ['= inside a value', '[a]\nk = a=b=c\n', { a: { k: 'a=b=c' } }],
    ['empty value is absent', '[a]\nk =\nj = 1\n', { a: { j: '1' } }],
    ['later keys win', '[a]\nk = 1\nk = 2\n', { a: { k: '2' } }],
    ['duplicate sections merge', '[a]\nk = 1\nj = 1\n[b]\nx = y\n[a]\nk = 2\n', { a: { k: '2', j: '1' }, b: { x: 'y' } }],
    ['empty section', '[a]\n[b]\nk = v\n', { a: {}, b: { k: 'v' } }],
    ['typed sections', '[profile dev]\nk = 1\n[sso-session corp]\nsso_region = us-east-1\n[services s]\nk = 2\n', {
      'profile dev': { k: '1' },
      'sso-session corp': { sso_region: 'us-east-1' },
      'services s': { k: '2' },
    }],
    ['uniformly indented keys are not continuations', '[a]\n  k = 1\n  j = 2\n', { a: { k: '1', j: '2' } }],
    ['sub-section', '[a]\ns3 =\n  max_concurrent_requests = 20\n  region = x\nk = v\n', {
      a: { 's3.max_concurrent_requests': '20', 's3.region': 'x', k: 'v' },
    }],
    ['sub-section with comments and blank lines inside', '[a]\ns3 =\n  # c\n\n  addressing_style = path\n', { a: { 's3.addressing_style': 'path' } }],
    ['sub-section ends at the next section', '[a]\ns3 =\n  x = 1\n[b]\n  y = 2\n', { a: { 's3.x': '1' }, b: { y: '2' } }],
    ['continuation line', '[a]\nk = first\n  second\n    third = 3\nj = 1\n', { a: { k: 'first\nsecond\nthird = 3', j: '1' } }],
    ['continuation of a sub-section value', '[a]\np =\n  child = one\n    two\n', { a: { 'p.child': 'one\ntwo' } }],
    ['continuation with CRLF and a comment', '[a]\r\nk = 1\r\n  2 # c\r\n', { a: { k: '1\n2' } }],
    ['keys with dots and dashes', '[a]\ns3.addressing-style = path\n', { a: { 's3.addressing-style': 'path' } }],
    ['constructor and toString are ordinary keys', '[constructor]\ntoString = x\n', { constructor: { toString: 'x' } }],
    ['only comments', '# nothing\n;here\n', {}],
    ['empty text', '', {}],
  ];

  it.each(cases)('%s', (_name, text, expected) => {
    expect(sections(text)).toEqual(expected);
  });

  it('splits typed headers into type and name, with or without quotes', () => {
    const parsed = parseIni('[profile   dev]\n[profile "with space"]\n[profile \'q\']\n[default]\n[profile]\n[sso-session corp]\n[plugins x]\n').sections;
    expect(parsed.map((s) => [s.type, s.name])).toEqual([
      ['profile', 'dev'],
      ['profile', 'with space'],
      ['profile', 'q'],
      [undefined, 'default'],
      [undefined, 'profile'],
      ['sso-session', 'corp'],
      [undefined, 'plugins x'],
    ]);
  });

  it('records the line of each header and key', () => {
    const [a, b] = parseIni('# c\n[a]\n\nk = 1\n  more\n[b]\np =\n  x = 1\n').sections;
    expect(a?.line).toBe(2);
    expect(a?.lines).toEqual({ k: 4 });
    expect(b?.line).toBe(6);
    expect(b?.lines).toEqual({ 'p.x': 8 });
  });

  it('returns prototype-less property records', () => {
    const [section] = parseIni('[a]\nk = v\n').sections;
    expect(Object.getPrototypeOf(section?.properties)).toBeNull();
    expect(Object.isFrozen(section?.properties)).toBe(true);
  });

  it('keeps secret values out of JSON and util.inspect but readable by key', () => {
    const parsed = parseIni(`[default]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = ${SECRET}\naws_session_token = tok-${SECRET}\nregion = x\n`);
    expect(parsed.sections[0]?.properties.aws_secret_access_key).toBe(SECRET);
    for (const text of [JSON.stringify(parsed), inspect(parsed, { depth: 10 })]) {
      expect(text).not.toContain(SECRET);
      expect(text).toContain('AKIDEXAMPLE');
      expect(text).toContain('[redacted]');
    }
  });
});

describe('parseIni: malformed input names the file and line', () => {
  const path = '/home/me/.aws/credentials';
  const cases: [string, string, number, RegExp][] = [
    ['property before any section', '# c\nregion = x\n', 2, /before any \[section\]/],
    ['line without =', '[a]\nk = v\nnot a property\n', 3, /expected "key = value"/],
    ['unterminated header', '[a]\nk = v\n\n[profile dev\n', 4, /unterminated section header/],
    ['text after a header', '[a] extra\n', 1, /unterminated section header/],
    ['empty header', '[]\n', 1, /empty section name/],
    ['empty typed name', '[profile ""]\n', 1, /empty profile name/],
    ['bracket inside a header', '[a[b]\n', 1, /cannot contain/],
    ['missing key', '[a]\n = v\n', 2, /no key before "="/],
    ['__proto__ section', '[a]\n[__proto__]\nk = v\n', 2, /"__proto__" is not allowed/],
    ['profile __proto__', '[profile __proto__]\n', 1, /"__proto__" is not allowed/],
    ['sub-section line without =', '[a]\np =\n  nonsense\n', 3, /inside the sub-section "p"/],
    ['CRLF line numbers', '[a]\r\nk = v\r\n\r\nbroken\r\n', 4, /expected "key = value"/],
  ];

  it.each(cases)('%s', (_name, text, line, problem) => {
    let caught: unknown;
    try {
      parseIni(text, { path });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SharedConfigParseError);
    expect(isIamkitError(caught, 'ERR_SHARED_CONFIG_PARSE')).toBe(true);
    const error = caught as SharedConfigParseError;
    expect(error.path).toBe(path);
    expect(error.line).toBe(line);
    expect(error.message).toContain(`${path} line ${line}:`);
    expect(error.message).toMatch(problem);
    expect(error.toJSON()).toMatchObject({ code: 'ERR_SHARED_CONFIG_PARSE', path, line });
  });

  it('uses <input> when no path is given', () => {
    expect(() => parseIni('k = v')).toThrow(/^<input> line 1:/);
  });

  it('never echoes the malformed line, which may hold a secret', () => {
    for (const text of [`${SECRET}==\n`, `[a]\n${SECRET} =\n  junk\n`, `AKIDEXAMPLEAKIDEXAMPLEAKIDEXAMPLEAKIDEXAM=\n`, `[a]\naws_secret_access_key ${SECRET}\n`, `aws_secret_access_key = ${SECRET}\n`, `[a]\np =\n  ${SECRET}\n`, `[${SECRET}\n`]) {
      let caught: unknown;
      try {
        parseIni(text, { path });
      } catch (error) {
        caught = error;
      }
      expect(isIamkitError(caught)).toBe(true);
      for (const view of [(caught as Error).message, inspect(caught, { depth: 10 }), JSON.stringify(caught)]) {
        expect(view).not.toContain(SECRET);
        expect(view).not.toContain("AKIDEXAMPLEAKIDEXAMPLE");
      }
    }
  });
});

describe('isSecretSetting', () => {
  it.each([
    ['aws_secret_access_key', true],
    ['aws_session_token', true],
    ['aws_security_token', true],
    ['AWS_SECRET_ACCESS_KEY', true],
    ['proxy_password', true],
    ['aws_access_key_id', false],
    ['region', false],
    ['web_identity_token_file', false],
    ['credential_process', false],
  ])('%s → %s', (key, secret) => {
    expect(isSecretSetting(key)).toBe(secret);
  });
});
