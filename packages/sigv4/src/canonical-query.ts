import { recodeComponent } from './uri-encode.js';

/**
 * One query parameter: `key` and `value` in canonical SigV4 encoding, and `raw`, the
 * `key=value` text exactly as it appeared in the URL (kept when a presigned URL is rebuilt).
 * @internal
 */
export interface QueryParam {
  readonly key: string;
  readonly value: string;
  readonly raw: string;
}

/**
 * Splits a raw query string. Each `&`-separated part is `key=value` or a bare `key` (signed as
 * `key=`); empty parts (`a=1&&b=2`) are not parameters. Keys and values are percent-decoded,
 * with `+` read as a space as HTML forms, `URLSearchParams` and AWS services read it, then encoded
 * again in SigV4 form. A literal `+` must therefore be sent as `%2B`.
 * @internal
 */
export function parseQuery(query: string): QueryParam[] {
  const params: QueryParam[] = [];
  if (query === '') return params;
  let start = 0;
  while (start <= query.length) {
    let end = query.indexOf('&', start);
    if (end < 0) end = query.length;
    if (end > start) {
      const raw = query.slice(start, end);
      const eq = raw.indexOf('=');
      const key = eq < 0 ? raw : raw.slice(0, eq);
      const value = eq < 0 ? '' : raw.slice(eq + 1);
      params.push({ key: recodeComponent(key, true), value: recodeComponent(value, true), raw });
    }
    start = end + 1;
  }
  return params;
}

function compareParams(a: QueryParam, b: QueryParam): number {
  // Encoded keys and values are ASCII, so code-unit order is byte order.
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  if (a.value === b.value) return 0;
  return a.value < b.value ? -1 : 1;
}

/**
 * The canonical query string: parameters sorted by encoded key, then by encoded value, each as
 * `key=value`, joined with `&`. `X-Amz-Signature` (any case) is never part of it.
 * @internal
 */
export function canonicalQuery(params: readonly QueryParam[]): string {
  if (params.length === 0) return '';
  const sorted = params.filter((param) => param.key.toLowerCase() !== 'x-amz-signature').sort(compareParams);
  let out = '';
  for (const param of sorted) out += out === '' ? `${param.key}=${param.value}` : `&${param.key}=${param.value}`;
  return out;
}
