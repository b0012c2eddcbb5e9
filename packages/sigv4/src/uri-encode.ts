// SigV4 percent-encoding (RFC 3986 unreserved set) written as plain loops: no regexes, no
// encodeURIComponent (which throws on lone surrogates and leaves !'()* alone).

const HEX = '0123456789ABCDEF';
// '%00' … '%FF', built once; frozen so the module holds no mutable state.
const PERCENT: readonly string[] = Object.freeze(Array.from({ length: 256 }, (_, b) => `%${HEX[b >> 4] ?? ''}${HEX[b & 15] ?? ''}`));

/** A-Z a-z 0-9 - . _ ~ */
function isUnreserved(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e || c === 0x5f || c === 0x7e;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

function encodeByte(b: number): string {
  return isUnreserved(b) ? String.fromCharCode(b) : (PERCENT[b] ?? '');
}

/** Appends the UTF-8 encoding of the code point starting at `value[i]`; returns the next index. */
function encodeCodePoint(value: string, i: number, out: string[]): number {
  let cp = value.charCodeAt(i);
  let next = i + 1;
  if (cp >= 0xd800 && cp <= 0xdbff && next < value.length) {
    const low = value.charCodeAt(next);
    if (low >= 0xdc00 && low <= 0xdfff) {
      cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
      next++;
    }
  }
  // A lone surrogate becomes U+FFFD, as Buffer.from and TextEncoder do.
  if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
  if (cp < 0x80) out.push(encodeByte(cp));
  else if (cp < 0x800) out.push(PERCENT[0xc0 | (cp >> 6)] ?? '', PERCENT[0x80 | (cp & 63)] ?? '');
  else if (cp < 0x10000) out.push(PERCENT[0xe0 | (cp >> 12)] ?? '', PERCENT[0x80 | ((cp >> 6) & 63)] ?? '', PERCENT[0x80 | (cp & 63)] ?? '');
  else out.push(PERCENT[0xf0 | (cp >> 18)] ?? '', PERCENT[0x80 | ((cp >> 12) & 63)] ?? '', PERCENT[0x80 | ((cp >> 6) & 63)] ?? '', PERCENT[0x80 | (cp & 63)] ?? '');
  return next;
}

/**
 * SigV4 URI encoding: every UTF-8 byte except `A-Z a-z 0-9 - . _ ~` becomes `%XX` (upper-case
 * hex), a space becomes `%20` (never `+`). With `encodeSlash: false`, `/` is kept (for paths).
 * The input is encoded as given: a `%` becomes `%25`.
 *
 * @example
 * ```ts
 * uriEncode('a b/ሴ');        // 'a%20b%2F%E1%88%B4'
 * uriEncode('/a b/', false); // '/a%20b/'
 * ```
 * @public
 */
export function uriEncode(value: string, encodeSlash = true): string {
  const length = value.length;
  let i = 0;
  while (i < length) {
    const c = value.charCodeAt(i);
    if (!isUnreserved(c) && (encodeSlash || c !== 0x2f)) break;
    i++;
  }
  if (i === length) return value;
  const out: string[] = [value.slice(0, i)];
  while (i < length) {
    const c = value.charCodeAt(i);
    if (isUnreserved(c) || (!encodeSlash && c === 0x2f)) {
      out.push(value[i] ?? '');
      i++;
    } else {
      i = encodeCodePoint(value, i, out);
    }
  }
  return out.join('');
}

/**
 * Decodes `%XX` escapes (and `+` as a space when `plusIsSpace`) and encodes the result again in
 * SigV4 form, byte by byte, so that invalid UTF-8 such as `%FF` survives unchanged and a `%` that
 * starts no escape is encoded as `%25`. Used for query parameters, and for path segments when
 * the path is not double-encoded (S3).
 * @internal
 */
export function recodeComponent(raw: string, plusIsSpace: boolean): string {
  const length = raw.length;
  let i = 0;
  while (i < length && isUnreserved(raw.charCodeAt(i))) i++;
  if (i === length) return raw;
  const out: string[] = [raw.slice(0, i)];
  while (i < length) {
    const c = raw.charCodeAt(i);
    if (c === 0x25 && i + 2 < length) {
      const hi = hexValue(raw.charCodeAt(i + 1));
      const lo = hexValue(raw.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        out.push(encodeByte((hi << 4) | lo));
        i += 3;
        continue;
      }
    }
    if (c === 0x2b && plusIsSpace) {
      out.push('%20');
      i++;
    } else if (isUnreserved(c)) {
      out.push(raw[i] ?? '');
      i++;
    } else {
      i = encodeCodePoint(raw, i, out);
    }
  }
  return out.join('');
}
