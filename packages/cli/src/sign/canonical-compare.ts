import { type CanonicalPart, lineParts, showLine } from './canonical-parts.js';
import { normalizeCanonicalRequest } from './canonical-normalize.js';
import { headerHint, methodHint, pathHint, payloadHashHint, queryHint, signedHeadersHint } from './compare-hints.js';

/**
 * The first line where two canonical requests differ, both versions of it (session tokens
 * redacted), the column of the first differing character, and what that line means.
 *
 * @example
 * ```ts
 * const d: CanonicalDifference = { line: 2, part: 'path', header: null, ours: '/a%2520b', theirs: '/a%20b', column: 4, hint: 'The same path, encoded once more by this side …' };
 * ```
 * @public
 */
export interface CanonicalDifference {
  /** 1-based. */
  readonly line: number;
  readonly part: CanonicalPart;
  /** For header lines: the header concerned. */
  readonly header: string | null;
  /** This side's line; null where this side has no such line. */
  readonly ours: string | null;
  /** AWS's line (the one given); null where it has no such line. */
  readonly theirs: string | null;
  /** 1-based position of the first differing character, when both lines exist. */
  readonly column: number | null;
  readonly hint: string;
}

/**
 * The result of {@link compareCanonicalRequests}.
 *
 * @example
 * ```ts
 * const { identical, difference }: CanonicalComparison = compareCanonicalRequests(signed.canonicalRequest, pasted);
 * ```
 * @public
 */
export interface CanonicalComparison {
  readonly identical: boolean;
  /** How the given text was cleaned up first (quotes, `\n` escapes, CRLF, …). */
  readonly normalizations: readonly string[];
  readonly lines: { readonly ours: number; readonly theirs: number };
  /** The first difference; null when identical. */
  readonly difference: CanonicalDifference | null;
  /** What to conclude overall. */
  readonly summary: string;
}

function firstColumn(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i + 1;
}

function describe(index: number, ours: readonly string[], theirs: readonly string[]): CanonicalDifference {
  const a = ours[index];
  const b = theirs[index];
  const oursParts = lineParts(ours);
  const theirsParts = lineParts(theirs);
  const base = { line: index + 1, ours: a === undefined ? null : showLine(a), theirs: b === undefined ? null : showLine(b), column: a === undefined || b === undefined ? null : firstColumn(a, b), header: null };
  if (a === undefined) return { ...base, part: 'missing-line', hint: `AWS's canonical request goes on after this side's ends (it has ${theirs.length} lines, this side ${ours.length}): compare the headers block — AWS signed more headers.` };
  if (b === undefined) return { ...base, part: 'extra-line', hint: `This side's canonical request goes on after AWS's ends (${ours.length} lines against ${theirs.length}): the given text may be cut short, or this side signs more headers.` };
  const part = oursParts[index] ?? 'extra-line';
  const other = theirsParts[index];
  if ((part === 'header' || part === 'headers-end') && (other === 'header' || other === 'headers-end')) {
    const { header, hint } = headerHint(a, b, ours, theirs);
    return { ...base, part: 'header', header, hint };
  }
  switch (part) {
    case 'method':
      return { ...base, part, hint: methodHint(a, b) };
    case 'path':
      return { ...base, part, hint: pathHint(a, b) };
    case 'query':
      return { ...base, part, hint: queryHint(a, b) };
    case 'signed-headers':
      return { ...base, part, hint: signedHeadersHint(a, b) };
    case 'payload-hash':
      return { ...base, part, hint: payloadHashHint(a, b) };
    default:
      return { ...base, part, hint: `The canonical requests are shaped differently from line ${index + 1} on: check that the text given is a whole canonical request (method, path, query, headers, a blank line, signed headers, payload hash).` };
  }
}

/**
 * Compares a canonical request this side computed with one copied from an AWS error message (S3
 * and API Gateway include theirs), after undoing the usual mangling of the copy
 * ({@link normalizeCanonicalRequest}). Points at the FIRST differing line, with both versions and
 * a hint of what that line means: the method, the path's encoding, the query, a header (missing,
 * extra, or a changed value), the signed headers, the payload hash. Session tokens are never shown.
 *
 * @example
 * ```ts
 * import { signRequest } from '@iamkit/sigv4';
 * import { compareCanonicalRequests } from '@iamkit/cli';
 * const ours = signRequest(request, options).canonicalRequest;
 * const { difference } = compareCanonicalRequests(ours, canonicalRequestFromTheError);
 * if (difference) console.log(`line ${difference.line} (${difference.part}): ${difference.hint}`);
 * ```
 * @public
 */
export function compareCanonicalRequests(ours: string, theirs: string): CanonicalComparison {
  return compareNormalized(ours, normalizeCanonicalRequest(theirs));
}

/** {@link compareCanonicalRequests} of a text {@link normalizeCanonicalRequest} has already cleaned up. */
export function compareNormalized(ours: string, normalized: ReturnType<typeof normalizeCanonicalRequest>): CanonicalComparison {
  const a = ours.split('\n');
  const b = normalized.text.split('\n');
  const lines = { ours: a.length, theirs: b.length };
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    const difference = describe(i, a, b);
    return { identical: false, normalizations: normalized.normalizations, lines, difference, summary: `The canonical requests differ first at line ${difference.line} (${difference.part}${difference.header === null ? '' : ` ${difference.header}`}). Lines before it match.` };
  }
  return {
    identical: true,
    normalizations: normalized.normalizations,
    lines,
    difference: null,
    summary: 'The canonical requests are identical. If AWS still says the signature does not match, the difference is in the string to sign — the time (X-Amz-Date) or the region or service of the credential scope — or in the secret key itself.',
  };
}

