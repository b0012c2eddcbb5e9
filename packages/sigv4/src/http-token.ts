// RFC 9110 `token` characters: the only ones allowed in a header name or a method. Anything else
// (CR, LF, ':', space, non-ASCII) could forge or split a canonical header line.

function isTokenChar(c: number): boolean {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39)) return true;
  switch (c) {
    case 0x21: // !
    case 0x23: // #
    case 0x24: // $
    case 0x25: // %
    case 0x26: // &
    case 0x27: // '
    case 0x2a: // *
    case 0x2b: // +
    case 0x2d: // -
    case 0x2e: // .
    case 0x5e: // ^
    case 0x5f: // _
    case 0x60: // `
    case 0x7c: // |
    case 0x7e: // ~
      return true;
    default:
      return false;
  }
}

/**
 * The lower-case form of an HTTP token, or `undefined` when `value` is empty or not a token.
 * One pass, and no allocation when the name is already lower case (the common case).
 * @internal
 */
export function lowerToken(value: string): string | undefined {
  const length = value.length;
  if (length === 0) return undefined;
  let upper = false;
  for (let i = 0; i < length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) upper = true;
    else if (!isTokenChar(c)) return undefined;
  }
  return upper ? value.toLowerCase() : value;
}
