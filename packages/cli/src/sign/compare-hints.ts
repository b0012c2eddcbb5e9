import { EMPTY_PAYLOAD_SHA256, UNSIGNED_PAYLOAD } from '@iamkit/sigv4';
import { headerLines, headerName } from './canonical-parts.js';

// A percent-escape written with lower-case hex digits (%2f).
const LOWER_HEX = /%(?:[0-9a-f][a-f]|[a-f][0-9a-f])/;
const S3_NOTE = 'Every service except S3 encodes the path twice (a space sent as %20 is %2520 in the canonical request) and removes ./, ../ and empty segments; S3 encodes once and keeps the path as is (--service s3 signs that way).';

export function methodHint(ours: string, theirs: string): string {
  if (ours.toUpperCase() === theirs.toUpperCase()) return `The HTTP method differs in case ("${ours}" here, "${theirs}" at AWS): it is signed exactly as sent, and AWS APIs expect upper case.`;
  return `The HTTP method differs ("${ours}" here, "${theirs}" at AWS): sign the method the request is really sent with (pass --method ${theirs}).`;
}

export function pathHint(ours: string, theirs: string): string {
  if (ours.replace(/%25/g, '%') === theirs || theirs.replace(/%25/g, '%') === ours) {
    const more = ours.length > theirs.length ? 'this side' : 'AWS';
    return `The same path, encoded once more by ${more}: the path encoding differs. ${S3_NOTE} If the HTTP client percent-encodes the path before sending, sign the encoded form.`;
  }
  if (/\/\.{1,2}(?:\/|$)|\/\//.test(ours) || /\/\.{1,2}(?:\/|$)|\/\//.test(theirs)) {
    return `The path is normalized differently: one side kept ./, ../ or empty segments that the other removed. ${S3_NOTE}`;
  }
  if (LOWER_HEX.test(ours) !== LOWER_HEX.test(theirs)) return 'The path uses lower-case percent-encoding (%2f) on one side: SigV4 uses upper case (%2F).';
  return `The canonical path differs: check which path the request really goes to, and its encoding. ${S3_NOTE}`;
}

function params(query: string): string[] {
  return query === '' ? [] : query.split('&');
}

export function queryHint(ours: string, theirs: string): string {
  const a = params(ours);
  const b = params(theirs);
  if (a.some((p) => p.startsWith('X-Amz-Signature=')) || b.some((p) => p.startsWith('X-Amz-Signature='))) return 'X-Amz-Signature must not be part of the canonical query string of a presigned URL.';
  if (ours.includes('+') || theirs.includes('+')) return 'A + in the query: AWS reads it as a space and signs it as %20; a literal plus must be sent as %2B.';
  if (LOWER_HEX.test(ours) !== LOWER_HEX.test(theirs)) return 'Lower-case percent-encoding in the query: SigV4 encodes with upper-case hex (%2F, not %2f).';
  if (a.length === b.length && [...a].sort().join('&') === [...b].sort().join('&')) return 'The same parameters in another order: the canonical query string sorts them by name, then by value (byte order, after encoding).';
  const missing = b.filter((p) => !a.includes(p)).map((p) => p.split('=')[0]);
  const extra = a.filter((p) => !b.includes(p)).map((p) => p.split('=')[0]);
  const lists = [missing.length > 0 ? `AWS has ${missing.join(', ')} that this side does not` : '', extra.length > 0 ? `this side has ${extra.join(', ')} that AWS does not` : ''].filter((s) => s !== '').join('; ');
  return `The canonical query string differs (${lists || 'in values'}): every name and value is URI-encoded (A-Z a-z 0-9 - _ . ~ kept, the rest %XX upper case, a space as %20), a parameter without a value is written name=, and parameters are sorted. Sign exactly the query that is sent.`;
}

function headerValueHint(name: string): string {
  switch (name) {
    case 'x-amz-date':
      return 'X-Amz-Date differs: the two were signed at different times. To compare, sign with the same time (--date, taken from the canonical request you gave when it has an x-amz-date line).';
    case 'host':
      return 'The Host differs: sign for the host (and port) the server sees. A proxy, a load balancer or a non-default port changes it; a default port (:443, :80) must not be in it.';
    case 'x-amz-security-token':
      return 'The session token signed is not the one AWS received: credentials from one session with the token of another (a leftover AWS_SESSION_TOKEN), or a token added or changed after signing.';
    case 'content-type':
      return 'The Content-Type differs: an HTTP client or proxy often adds "; charset=utf-8" after signing. Send exactly the signed value, or sign what is sent.';
    case 'x-amz-content-sha256':
      return 'x-amz-content-sha256 differs: the body sent is not the body signed, or one side used UNSIGNED-PAYLOAD.';
    default:
      return `The value of ${name} differs: values are signed trimmed, with runs of spaces collapsed to one. If something changed the header after signing (a proxy, the HTTP client), sign what is actually sent or leave it out of the signed headers.`;
  }
}

export function headerHint(oursLine: string | undefined, theirsLine: string | undefined, ours: readonly string[], theirs: readonly string[]): { readonly header: string | null; readonly hint: string } {
  const oursName = oursLine === undefined || oursLine === '' ? undefined : headerName(oursLine);
  const theirsName = theirsLine === undefined || theirsLine === '' ? undefined : headerName(theirsLine);
  if (oursName !== undefined && oursName === theirsName) return { header: oursName, hint: headerValueHint(oursName) };
  const oursNames = new Set(headerLines(ours).map(headerName));
  const theirsNames = new Set(headerLines(theirs).map(headerName));
  if (theirsName !== undefined && !oursNames.has(theirsName)) {
    return { header: theirsName, hint: `AWS's canonical request has a ${theirsName} header that this side did not sign: pass it with --header if the request sends it (a header added after signing, like x-amz-security-token or x-amz-content-sha256, must be signed too).` };
  }
  if (oursName !== undefined && !theirsNames.has(oursName)) {
    return { header: oursName, hint: `This side signs a ${oursName} header that AWS's canonical request does not have: it was not sent as signed (an HTTP client or proxy dropped or renamed it), or it should not be signed.` };
  }
  return { header: oursName ?? theirsName ?? null, hint: 'The canonical headers are in a different order: they are lower case and sorted by name.' };
}

export function signedHeadersHint(ours: string, theirs: string): string {
  const a = ours.split(';');
  const b = theirs.split(';');
  const missing = b.filter((h) => !a.includes(h));
  const extra = a.filter((h) => !b.includes(h));
  if (missing.length === 0 && extra.length === 0) return 'SignedHeaders lists the same headers in another order: it must be lower case, sorted, separated by ";".';
  return `SignedHeaders differs${missing.length > 0 ? `; AWS's has ${missing.join(', ')}` : ''}${extra.length > 0 ? `; this side's has ${extra.join(', ')}` : ''}: it must name exactly the headers of the canonical headers block, lower case, sorted.`;
}

export function payloadHashHint(ours: string, theirs: string): string {
  if (ours === EMPTY_PAYLOAD_SHA256 || theirs === EMPTY_PAYLOAD_SHA256) {
    return `One side hashed an empty body (${EMPTY_PAYLOAD_SHA256.slice(0, 12)}…): the body was not signed, or not sent. Pass the exact body with --body or --body-file.`;
  }
  if (ours === UNSIGNED_PAYLOAD || theirs === UNSIGNED_PAYLOAD) return 'One side signed UNSIGNED-PAYLOAD and the other a body hash: S3 accepts UNSIGNED-PAYLOAD (with x-amz-content-sha256 set to it); other services need the hash.';
  return 'The payload hash differs: the body that was sent is not the body that was signed (JSON serialized again, a trailing newline, another character encoding, a compressed body). Pass the exact bytes with --body-file.';
}
