import { SigV4Error } from './errors.js';

// What a header value may contain, decided once for the signer, the verifier and the tests:
//
// - Obsolete line folding is accepted: a line break (CRLF, or a bare LF) that is immediately
//   followed by a space or a tab continues the value, exactly as an HTTP/1.1 parser unfolds it.
//   In the canonical form it is whitespace like any other (the official suite's
//   get-header-value-multiline case).
// - Any other CR or LF is rejected with ERR_SIGV4_INVALID_HEADER: a bare CR, a line break at the
//   end of the value, or one followed by anything but SP/HTAB. Sent as is, such a value would
//   start a new header line (header injection); the signature would then cover a request the
//   server never sees. No value can therefore add a line to the canonical request.
// - Canonical form (the same as @smithy/signature-v4): CR, LF, SP and HTAB are whitespace; runs of
//   whitespace become one space; leading and trailing whitespace is removed. Every other
//   character, including non-ASCII, is kept as is and hashed as UTF-8.

function invalidLineBreak(name: string): SigV4Error {
  return new SigV4Error(
    'ERR_SIGV4_INVALID_HEADER',
    `header "${name}" has a line break that is not line folding (CR or LF must be followed by a space or tab); remove the CR/LF from the value.`,
  );
}

/** Throws unless every CR/LF in `value` is part of an obsolete line fold. */
function checkLineBreaks(name: string, value: string): void {
  const length = value.length;
  for (let i = 0; i < length; i++) {
    const c = value.charCodeAt(i);
    if (c !== 0x0d && c !== 0x0a) continue;
    let next = i + 1;
    if (c === 0x0d) {
      if (value.charCodeAt(next) !== 0x0a) throw invalidLineBreak(name);
      next++;
    }
    const after = value.charCodeAt(next);
    if (after !== 0x20 && after !== 0x09) throw invalidLineBreak(name);
    i = next;
  }
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}

/**
 * The canonical SigV4 form of one header value (see the rules above). Returns `value` itself when
 * nothing changes, which is the common case.
 * @internal
 */
export function canonicalHeaderValue(name: string, value: string): string {
  const length = value.length;
  if (length === 0) return value;
  // Fast path: no CR/LF/HTAB, no double space and no space at either end. indexOf is native and
  // vectorised: four of them beat one JavaScript loop over a long value (a base64 nonce, a token).
  if (
    value.charCodeAt(0) !== 0x20 &&
    value.charCodeAt(length - 1) !== 0x20 &&
    !value.includes('  ') &&
    !value.includes('\t') &&
    !value.includes('\n') &&
    !value.includes('\r')
  ) {
    return value;
  }
  checkLineBreaks(name, value);
  let i: number;
  let out = '';
  let pendingSpace = false;
  for (i = 0; i < length; i++) {
    const c = value.charCodeAt(i);
    if (isWhitespace(c)) {
      pendingSpace = out.length > 0;
      continue;
    }
    let end = i + 1;
    while (end < length && !isWhitespace(value.charCodeAt(end))) end++;
    out += pendingSpace ? ` ${value.slice(i, end)}` : value.slice(i, end);
    pendingSpace = false;
    i = end - 1;
  }
  return out;
}
