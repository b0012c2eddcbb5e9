import { recodeComponent, uriEncode } from './uri-encode.js';

/** True when the path has an empty, `.` or `..` segment (a `/` followed by `/` or `.`). */
function needsNormalizing(path: string): boolean {
  let slash = path.indexOf('/');
  while (slash >= 0 && slash < path.length - 1) {
    const next = path.charCodeAt(slash + 1);
    if (next === 0x2f || next === 0x2e) return true;
    slash = path.indexOf('/', slash + 1);
  }
  return false;
}

/**
 * Removes empty, `.` and `..` segments the way the AWS SDK does (`//a/./b/../c/` → `/a/c/`): a
 * trailing `/` is kept when something is left, and `..` never climbs above the root.
 * @internal
 */
export function normalizePath(path: string): string {
  if (!needsNormalizing(path)) return path;
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const lead = path.startsWith('/') ? '/' : '';
  const trail = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return `${lead}${segments.join('/')}${trail}`;
}

/**
 * The canonical URI. `doubleEncode` (every service but S3) encodes the path exactly as given, so
 * an escape such as `%20` is signed as `%2520`. Without it (S3), each segment is decoded and
 * encoded once, so `/a%20b` and `/a b` both sign as `/a%20b` and `%2F` stays inside its segment.
 * @internal
 */
export function canonicalPath(path: string, normalize: boolean, doubleEncode: boolean): string {
  const p = normalize ? normalizePath(path) : path;
  if (doubleEncode) return uriEncode(p, false);
  if (!p.includes('%')) return uriEncode(p, false);
  return p
    .split('/')
    .map((segment) => recodeComponent(segment, false))
    .join('/');
}
