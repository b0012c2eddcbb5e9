import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIamkitError } from '@iamkit/credentials';
import { splitCommandLine } from '../src/index.js';
import { quote } from './helpers.js';

describe('splitCommandLine: table', () => {
  it.each([
    ['a b  c', ['a', 'b', 'c']],
    ['  lead\ttab\nnewline  ', ['lead', 'tab', 'newline']],
    [`'single quoted' "double quoted"`, ['single quoted', 'double quoted']],
    [`'keeps \\ and " and $x literally'`, ['keeps \\ and " and $x literally']],
    [`"escapes \\" \\\\ \\$ \\\` only"`, ['escapes " \\ $ ` only']],
    [`"other \\n backslashes stay"`, ['other \\n backslashes stay']],
    ['a\\ b\\"c\\\'d\\|e', [`a b"c'd|e`]],
    [`--name="a b"'c d'e`, ['--name=a bc de']],
    [`'' "" x`, ['', '', 'x']],
    ['it\'\'s', ['its']],
    ['line \\\ncontinued', ['line', 'continued']],
    ['"line \\\ncontinued"', ['line continued']],
    ['a#b c', ['a#b', 'c']],
    ['"#quoted" \\#escaped', ['#quoted', '#escaped']],
    ['~ ~/bin ~user a~/b "~/q"', ['/home/me', '/home/me/bin', '~user', 'a~/b', '~/q']],
    ['* ? [x] {a,b} = !', ['*', '?', '[x]', '{a,b}', '=', '!']],
    ['"$" is refused but \\$ and \'$\' are not', null],
  ])('%j → %j', (command, expected) => {
    if (expected === null) return expect(() => splitCommandLine(command)).toThrow();
    expect(splitCommandLine(command, { home: '/home/me' })).toEqual(expected);
  });

  it('leaves ~ alone without a home directory', () => {
    expect(splitCommandLine('~/bin/x')).toEqual(['~/bin/x']);
  });

  it.each([
    ['', /it is empty/],
    [' \t\n', /it is empty/],
    ["a 'b", /single quote at position 3 is never closed/],
    ['a "b', /double quote at position 3 is never closed/],
    ['a "b\\"', /double quote at position 3 is never closed/],
    ['a\\', /ends with a backslash/],
    ['a | b', /"\|" at position 3 would be interpreted by a shell/],
    ['a>out', /">" at position 2/],
    ['a < in', /"<" at position 3/],
    ['a && b', /"&" at position 3/],
    ['a; b', /";" at position 2/],
    ['(a)', /"\(" at position 1/],
    ['echo $HOME', /"\$" at position 6/],
    ['echo `id`', /"`" at position 6/],
    ['"$HOME"', /"\$" at position 2 would be expanded by a shell even inside double quotes/],
    ['"`id`"', /"`" at position 2 would be expanded/],
    ['cmd #comment', /word at position 5 starts with "#"/],
  ])('rejects %j', (command, problem) => {
    let caught: unknown;
    try {
      splitCommandLine(command);
    } catch (error) {
      caught = error;
    }
    expect(isIamkitError(caught, 'ERR_PROCESS_COMMAND_INVALID')).toBe(true);
    expect((caught as Error).message).toMatch(problem);
    expect((caught as Error).message).toContain("write sh -c '…'");
  });
});

// Arguments made of anything but NUL (which no argv can hold).
const arg = fc.string({ unit: fc.oneof(fc.constantFrom(...' \t\n\'"\\$`|&;<>()#~*?[]{}=!'.split('')), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => !c.includes('\u0000'))) });
const argv = fc.array(arg, { minLength: 1, maxLength: 6 });

function doubleQuote(word: string): string {
  return `"${word.replace(/["\\$`]/g, (c) => `\\${c}`)}"`;
}

describe('splitCommandLine: properties', () => {
  it('recovers any argv written with single quotes', () => {
    fc.assert(fc.property(argv, (words) => { expect(splitCommandLine(words.map(quote).join(' '))).toEqual(words); }), { numRuns: 500 });
  });

  it('recovers any argv written with double quotes and escapes', () => {
    fc.assert(fc.property(argv, (words) => { expect(splitCommandLine(words.map(doubleQuote).join('\t'))).toEqual(words); }), { numRuns: 500 });
  });

  it('recovers any argv written with backslashes only', () => {
    const escape = (w: string): string => (w === '' ? "''" : w.replace(/[\s\S]/g, (c) => (c === '\n' ? "'\n'" : `\\${c}`)));
    fc.assert(fc.property(argv, (words) => { expect(splitCommandLine(words.map(escape).join(' '))).toEqual(words); }), { numRuns: 500 });
  });

  // The real thing: whatever splitCommandLine accepts, a POSIX shell splits into the same words.
  it.skipIf(!existsSync('/bin/sh'))('agrees with /bin/sh on every command line it accepts', () => {
    const piece = fc.oneof(
      fc.stringMatching(/^[a-z0-9=.,:@%+/-]{1,4}$/),
      fc.constantFrom(' ', '  ', '\t', "'a b'", "''", '""', '"x y"', '"q\\"q"', '"\\\\"', '"\\n"', '\\ ', '\\\'', '\\"', "'\\'", '#', 'a#', '~', '~/d', "'|'", '\\|'),
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), (pieces) => {
        const command = pieces.join('');
        let words: string[];
        try {
          words = splitCommandLine(command, { home: '/home/sh' });
        } catch {
          return; // refused: nothing to compare
        }
        const sh = spawnSync('/bin/sh', ['-c', `printf '%s\\0' ${command}`], { env: { HOME: '/home/sh', PATH: '/usr/bin:/bin' }, encoding: 'utf8' });
        expect(sh.status).toBe(0);
        expect(words).toEqual(sh.stdout.split('\u0000').slice(0, -1));
      }),
      { numRuns: 150 },
    );
  });
});
