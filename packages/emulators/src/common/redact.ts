import type { IncomingHttpHeaders } from 'node:http';
import { scrubSecrets } from '@iamkit/credentials';

const REDACTED = '[redacted]';

// Headers whose whole value is a credential: container authorization tokens (raw, no Bearer),
// IMDSv2 session tokens, SigV4 signatures and session tokens, cookies.
const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'x-aws-ec2-metadata-token',
  'x-amz-security-token',
]);

// Query parameters that carry credentials (presigned SigV4 URLs, web identity tokens).
const SECRET_PARAMS = new Set(['x-amz-security-token', 'x-amz-signature', 'x-amz-credential', 'webidentitytoken', 'token']);

/**
 * A copy of request headers that is safe to keep in a log: lower-case names, secret-bearing
 * headers replaced by `[redacted]`, and anything in the other values that looks like (or is) a
 * secret scrubbed.
 */
export function redactHeaders(headers: IncomingHttpHeaders, known: readonly string[]): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    out[name.toLowerCase()] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : scrubSecrets(text, known);
  }
  return Object.freeze(out);
}

/** The request target (path and query) with secret-bearing query parameters redacted. */
export function redactTarget(target: string, known: readonly string[]): string {
  const q = target.indexOf('?');
  if (q < 0) return scrubSecrets(target, known);
  const pairs = target
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return eq >= 0 && SECRET_PARAMS.has(safeDecode(name).toLowerCase()) ? `${name}=${REDACTED}` : pair;
    });
  return scrubSecrets(`${target.slice(0, q)}?${pairs.join('&')}`, known);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
