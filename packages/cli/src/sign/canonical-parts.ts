/**
 * What a line of a canonical request is: `method`, `path` (canonical URI), `query`, a `header`
 * line, the blank `headers-end` line, `signed-headers`, `payload-hash`; `extra-line` for lines past
 * the payload hash, `missing-line` where one side ends early.
 *
 * @example
 * ```ts
 * const part: CanonicalPart = compareCanonicalRequests(ours, theirs).difference?.part ?? 'method';
 * ```
 * @public
 */
export type CanonicalPart = 'method' | 'path' | 'query' | 'header' | 'headers-end' | 'signed-headers' | 'payload-hash' | 'extra-line' | 'missing-line';

/** The part of every line of a canonical request (also of a mangled one: best effort). */
export function lineParts(lines: readonly string[]): CanonicalPart[] {
  const parts: CanonicalPart[] = [];
  const blank = lines.findIndex((line, i) => i >= 3 && line === '');
  const headersEnd = blank === -1 ? Math.max(3, lines.length - 2) : blank;
  lines.forEach((_line, i) => {
    if (i === 0) parts.push('method');
    else if (i === 1) parts.push('path');
    else if (i === 2) parts.push('query');
    else if (i < headersEnd) parts.push('header');
    else if (i === headersEnd && blank !== -1) parts.push('headers-end');
    else if (i === headersEnd + (blank === -1 ? 0 : 1)) parts.push('signed-headers');
    else if (i === headersEnd + (blank === -1 ? 1 : 2)) parts.push('payload-hash');
    else parts.push('extra-line');
  });
  return parts;
}

export function headerName(line: string): string {
  const colon = line.indexOf(':');
  return colon === -1 ? line : line.slice(0, colon);
}

/** The header lines of a canonical request. */
export function headerLines(lines: readonly string[]): string[] {
  const parts = lineParts(lines);
  return lines.filter((_line, i) => parts[i] === 'header');
}

/** Keeps session tokens out of anything shown: the header value and the presign query parameter. */
export function showLine(line: string): string {
  if (/^x-amz-security-token:/i.test(line)) return 'x-amz-security-token:[redacted]';
  return line.replace(/(X-Amz-Security-Token=)[^&\s]*/gi, '$1[redacted]');
}
