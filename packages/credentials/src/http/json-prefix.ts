// Tells a JSON document that was cut short from one that is wrong: returns the index of the first
// character that no valid JSON document could have there, or -1 when the whole text is the start
// of some valid document (so it was truncated). Used only after JSON.parse failed, whose own
// messages are engine-specific and quote the input (which may hold a secret).

type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'done';

interface Scan {
  readonly next: number;
  readonly bad?: number;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

export function jsonPrefixError(text: string): number {
  const stack: ('{' | '[')[] = [];
  let expect = 'value' as Expect;
  let i = 0;
  const afterValue = (): Expect => (stack.length === 0 ? 'done' : 'comma-or-close');
  while (i < text.length) {
    const c = text.charAt(i);
    if (WHITESPACE.has(c)) {
      i += 1;
      continue;
    }
    const top = stack[stack.length - 1];
    if (expect === 'done') return i;
    if (expect === 'colon') {
      if (c !== ':') return i;
      expect = 'value';
      i += 1;
      continue;
    }
    if (expect === 'comma-or-close' || expect === 'value-or-close' || expect === 'key-or-close') {
      if ((c === '}' && top === '{') || (c === ']' && top === '[')) {
        stack.pop();
        expect = afterValue();
        i += 1;
        continue;
      }
      if (expect === 'comma-or-close') {
        if (c !== ',') return i;
        expect = top === '{' ? 'key' : 'value';
        i += 1;
        continue;
      }
    }
    if (expect === 'key' || expect === 'key-or-close') {
      if (c !== '"') return i;
      const scan = scanString(text, i);
      if (scan.bad !== undefined) return scan.bad;
      i = scan.next;
      expect = 'colon';
      continue;
    }
    // expect is 'value' or 'value-or-close'
    if (c === '{' || c === '[') {
      stack.push(c);
      expect = c === '{' ? 'key-or-close' : 'value-or-close';
      i += 1;
      continue;
    }
    const scan = c === '"' ? scanString(text, i) : c === '-' || isDigit(c) ? scanNumber(text, i) : scanLiteral(text, i);
    if (scan.bad !== undefined) return scan.bad;
    i = scan.next;
    expect = afterValue();
  }
  return -1;
}

function scanString(text: string, start: number): Scan {
  let j = start + 1;
  while (j < text.length) {
    const c = text.charAt(j);
    if (c === '"') return { next: j + 1 };
    if (c === '\\') {
      const e = text.charAt(j + 1);
      if (e === '') return { next: text.length };
      if (ESCAPES.has(e)) {
        j += 2;
        continue;
      }
      if (e !== 'u') return { next: j, bad: j + 1 };
      for (let k = j + 2; k < j + 6; k += 1) {
        if (k >= text.length) return { next: text.length };
        if (!/[0-9a-fA-F]/.test(text.charAt(k))) return { next: k, bad: k };
      }
      j += 6;
      continue;
    }
    if (c.charCodeAt(0) < 0x20) return { next: j, bad: j };
    j += 1;
  }
  return { next: text.length };
}

function scanNumber(text: string, start: number): Scan {
  let j = start;
  const end = { next: text.length };
  if (text.charAt(j) === '-') j += 1;
  if (j >= text.length) return end;
  if (text.charAt(j) === '0') j += 1;
  else if (isDigit(text.charAt(j))) j = digits(text, j);
  else return { next: j, bad: j };
  if (text.charAt(j) === '.') {
    j += 1;
    if (j >= text.length) return end;
    if (!isDigit(text.charAt(j))) return { next: j, bad: j };
    j = digits(text, j);
  }
  if (text.charAt(j) === 'e' || text.charAt(j) === 'E') {
    j += 1;
    if (text.charAt(j) === '+' || text.charAt(j) === '-') j += 1;
    if (j >= text.length) return end;
    if (!isDigit(text.charAt(j))) return { next: j, bad: j };
    j = digits(text, j);
  }
  return { next: j };
}

function scanLiteral(text: string, start: number): Scan {
  const word = ['true', 'false', 'null'].find((w) => w.startsWith(text.charAt(start)));
  if (word === undefined) return { next: start, bad: start };
  for (let k = 0; k < word.length; k += 1) {
    if (start + k >= text.length) return { next: text.length };
    if (text.charAt(start + k) !== word.charAt(k)) return { next: start + k, bad: start + k };
  }
  return { next: start + word.length };
}

function digits(text: string, start: number): number {
  let j = start;
  while (isDigit(text.charAt(j))) j += 1;
  return j;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9' && c.length === 1;
}
