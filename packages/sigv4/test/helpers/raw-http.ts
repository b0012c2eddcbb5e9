// A small parser for the raw HTTP/1.1 requests of the official SigV4 suite (request.txt and
// *-signed-request.txt). It keeps everything the signer must handle itself: obsolete line folding
// stays in the value as "\n<whitespace>…", repeated headers stay repeated, and the request target
// stays raw (spaces, raw UTF-8, percent escapes).

export interface RawRequest {
  readonly method: string;
  /** The request target exactly as written: path, and `?query` when present. */
  readonly target: string;
  readonly version: string;
  /** Header lines in order; a folded value keeps its line breaks. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string | undefined;
}

export function parseRawRequest(text: string): RawRequest {
  const normalised = text.replace(/\r\n/g, '\n');
  const blank = normalised.indexOf('\n\n');
  const head = blank < 0 ? normalised : normalised.slice(0, blank);
  const rest = blank < 0 ? '' : normalised.slice(blank + 2);
  const lines = head.split('\n');
  const requestLine = lines.shift();
  if (requestLine === undefined || requestLine === '') throw new Error('raw request: missing request line');
  const firstSpace = requestLine.indexOf(' ');
  const lastSpace = requestLine.lastIndexOf(' ');
  if (firstSpace < 0 || lastSpace <= firstSpace) throw new Error(`raw request: malformed request line ${JSON.stringify(requestLine)}`);
  const version = requestLine.slice(lastSpace + 1);
  if (!version.startsWith('HTTP/')) throw new Error(`raw request: no HTTP version in ${JSON.stringify(requestLine)}`);
  const headers: [string, string][] = [];
  for (const line of lines) {
    if (line === '') continue;
    if (line.startsWith(' ') || line.startsWith('\t')) {
      const previous = headers.at(-1);
      if (previous === undefined) throw new Error('raw request: continuation line before any header');
      previous[1] = `${previous[1]}\n${line}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`raw request: malformed header line ${JSON.stringify(line)}`);
    headers.push([line.slice(0, colon), line.slice(colon + 1)]);
  }
  return {
    method: requestLine.slice(0, firstSpace),
    target: requestLine.slice(firstSpace + 1, lastSpace),
    version,
    headers,
    body: rest === '' ? undefined : rest,
  };
}

export function splitTarget(target: string): { readonly path: string; readonly query: string | undefined } {
  const q = target.indexOf('?');
  return q < 0 ? { path: target, query: undefined } : { path: target.slice(0, q), query: target.slice(q + 1) };
}

/** Decoded `[key, value]` pairs of a query, sorted, so that two queries compare as multisets. */
export function queryMultiset(query: string | undefined): string[][] {
  if (query === undefined || query === '') return [];
  const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
  return query
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      return eq < 0 ? [decode(part), ''] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))];
    })
    .sort((a, b) => (a.join('\u0000') < b.join('\u0000') ? -1 : 1));
}

/**
 * Headers as a sorted list of [lower-case name, value]: repeated names joined with ',' and
 * whitespace (including folds) collapsed, which is what a server sees after parsing.
 */
export function headerSet(headers: Iterable<readonly [string, string]>): string[][] {
  const merged = new Map<string, string[]>();
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    const collapsed = value.replace(/[\s]+/g, ' ').trim();
    merged.set(key, [...(merged.get(key) ?? []), collapsed]);
  }
  return [...merged.entries()].map(([name, values]) => [name, values.join(',')]).sort((a, b) => ((a[0] ?? '') < (b[0] ?? '') ? -1 : 1));
}
