import { SigV4Error } from './errors.js';

/**
 * The parts of an absolute request URL the signer needs, kept exactly as given: SigV4 signs the
 * path as it goes on the wire, so a string URL is split by hand instead of through WHATWG `URL`
 * (which would resolve `/a/..` and re-encode the path).
 * @internal
 */
export interface ParsedUrl {
  /** `scheme://authority`, as given. */
  readonly origin: string;
  /** The raw path, `/` when the URL has none. */
  readonly path: string;
  /** The raw query without `?`; '' when there is none. */
  readonly query: string;
  /** The fragment with its `#`, or ''. Never signed or sent; kept for the presigned URL. */
  readonly fragment: string;
  /** The Host header value: lower-case host, port only when it is not the scheme's default. */
  readonly host: string;
}

function invalidUrl(reason: string): SigV4Error {
  // The URL itself is never echoed: a presigned URL carries a session token.
  return new SigV4Error('ERR_SIGV4_INVALID_URL', `request.url ${reason}; pass an absolute URL such as https://sts.amazonaws.com/ (a string or a URL object).`);
}

function isSchemeChar(c: number, first: boolean): boolean {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) return true;
  return !first && ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e);
}

function isPlainHostChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e || c === 0x3a || c === 0x5b || c === 0x5d || c === 0x5f;
}

function stripDefaultPort(scheme: string, host: string): string {
  if (scheme === 'https' && host.endsWith(':443')) return host.slice(0, -4);
  if (scheme === 'http' && host.endsWith(':80')) return host.slice(0, -3);
  return host;
}

/** Splits an absolute URL (string or WHATWG URL). @internal */
export function parseRequestUrl(input: string | URL): ParsedUrl {
  const url: unknown = input;
  if (typeof url === 'string') return parseUrlString(url);
  if (url instanceof URL) {
    if (url.host === '') throw invalidUrl('has no host');
    const { href, search, hash } = url;
    const end = href.length - search.length - hash.length;
    return {
      origin: href.slice(0, end - url.pathname.length),
      path: url.pathname === '' ? '/' : url.pathname,
      query: search.slice(1),
      fragment: hash,
      host: url.host,
    };
  }
  throw invalidUrl(`must be a string or a URL (got ${url === null ? 'null' : typeof url})`);
}

function parseUrlString(url: string): ParsedUrl {
  const length = url.length;
  let i = 0;
  while (i < length && isSchemeChar(url.charCodeAt(i), i === 0)) i++;
  if (i === 0 || url.charCodeAt(i) !== 0x3a || url.charCodeAt(i + 1) !== 0x2f || url.charCodeAt(i + 2) !== 0x2f) {
    throw invalidUrl('is not absolute (it must start with a scheme and //, e.g. https://)');
  }
  const scheme = url.slice(0, i).toLowerCase();
  const authorityStart = i + 3;
  let pathStart = -1;
  let queryStart = -1;
  let fragmentStart = -1;
  let plainHost = true;
  let hostStart = authorityStart;
  for (let j = authorityStart; j < length; j++) {
    const c = url.charCodeAt(j);
    if (c < 0x20 || c === 0x7f) throw invalidUrl('contains a control character (CR, LF, TAB or another one below 0x20)');
    if (fragmentStart >= 0) continue;
    if (c === 0x23) {
      fragmentStart = j;
    } else if (queryStart >= 0) {
      continue;
    } else if (c === 0x3f) {
      queryStart = j;
    } else if (pathStart < 0) {
      if (c === 0x2f) pathStart = j;
      else if (c === 0x40) {
        hostStart = j + 1;
        plainHost = true;
      } else if (!isPlainHostChar(c)) plainHost = false;
    }
  }
  const authorityEnd = pathStart >= 0 ? pathStart : queryStart >= 0 ? queryStart : fragmentStart >= 0 ? fragmentStart : length;
  if (hostStart >= authorityEnd) throw invalidUrl('has no host');
  const pathEnd = queryStart >= 0 ? queryStart : fragmentStart >= 0 ? fragmentStart : length;
  const path = pathStart >= 0 ? url.slice(pathStart, pathEnd) : '/';
  const query = queryStart >= 0 ? url.slice(queryStart + 1, fragmentStart >= 0 ? fragmentStart : length) : '';
  let host: string;
  if (plainHost) {
    host = stripDefaultPort(scheme, url.slice(hostStart, authorityEnd));
  } else {
    // Upper case, IDN or percent-encoded hosts: let WHATWG URL produce exactly the Host header
    // that fetch and undici will send (lower case, punycode).
    try {
      host = new URL(url).host;
    } catch {
      throw invalidUrl('has an invalid host');
    }
    if (host === '') throw invalidUrl('has no host');
  }
  return {
    origin: url.slice(0, authorityEnd),
    path,
    query,
    fragment: fragmentStart >= 0 ? url.slice(fragmentStart) : '',
    host,
  };
}
