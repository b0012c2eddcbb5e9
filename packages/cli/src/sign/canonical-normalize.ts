const XML_ENTITIES: Readonly<Record<string, string>> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&#10;': '\n', '&#xA;': '\n', '&#13;': '\r', '&#xD;': '\r', '&amp;': '&' };
const QUOTES = new Set(['"', "'", '`']);

function stripQuotes(text: string): string | undefined {
  const first = text[0];
  if (text.length >= 2 && first !== undefined && QUOTES.has(first) && text.endsWith(first)) return text.slice(1, -1);
  return undefined;
}

/**
 * Undoes what copying a canonical request out of an error message, a log or a JSON document does
 * to it: the `<CanonicalRequest>` element of an S3-style XML error (entities decoded), the
 * "Canonical String for this request should have been '…'" sentence of API Gateway, surrounding
 * quotes, `\n` escapes, CRLF line ends, a common indentation, trailing whitespace and blank lines
 * around it. Returns the text and what was done, so the comparison can say so.
 *
 * @example
 * ```ts
 * normalizeCanonicalRequest('"GET\\n/\\n\\nhost:example.amazonaws.com\\n\\nhost\\ne3b0…b855"');
 * // { text: 'GET\n/\n\nhost:example.amazonaws.com\n\nhost\ne3b0…b855', normalizations: ['turned \\n escapes into line breaks', 'removed the surrounding quotes'] }
 * ```
 * @public
 */
export function normalizeCanonicalRequest(input: string): { readonly text: string; readonly normalizations: readonly string[] } {
  const done: string[] = [];
  let text = input;
  // Escaped line breaks (a JSON string, a log line): only when the text has no real ones to speak of.
  if (text.includes('\\n') && text.split('\n').length < 4) {
    text = text.replace(/\\(["\\nrt])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c));
    done.push('turned \\n escapes into line breaks');
  }
  const xml = /<CanonicalRequest>([\s\S]*?)<\/CanonicalRequest>/.exec(text);
  if (xml !== null) {
    text = (xml[1] ?? '').replace(/&(?:lt|gt|quot|apos|amp|#10|#xA|#13|#xD);/g, (entity) => XML_ENTITIES[entity] ?? entity);
    done.push('took the <CanonicalRequest> element of the XML error and decoded its entities');
  }
  const gateway = /Canonical String for this request should have been\s*'([\s\S]*?)'\s*(?:\n\s*\n|The String-to-Sign|$)/.exec(text);
  if (gateway !== null) {
    text = gateway[1] ?? '';
    done.push('took the text after "Canonical String for this request should have been"');
  }
  // Twice at most: a JSON string of a quoted string is quoted twice once unescaped.
  for (let round = 0, unquoted = stripQuotes(text.trim()); unquoted !== undefined && round < 2; round++, unquoted = stripQuotes(text.trim())) {
    text = unquoted;
    if (round === 0) done.push('removed the surrounding quotes');
  }
  if (text.includes('\r')) {
    text = text.replace(/\r\n?/g, '\n');
    done.push('turned CRLF line ends into LF');
  }
  let lines = text.split('\n');
  while (lines.length > 0 && lines[0]?.trim() === '') lines.shift();
  while (lines.length > 0 && lines.at(-1)?.trim() === '') lines.pop();
  const trimmed = lines.map((line) => line.replace(/[ \t]+$/, ''));
  if (trimmed.some((line, i) => line !== lines[i])) done.push('removed trailing whitespace');
  lines = trimmed;
  const indents = lines.filter((line) => line !== '').map((line) => /^[ \t]*/.exec(line)?.[0] ?? '');
  const common = indents.reduce<string | undefined>((shared, indent) => (shared === undefined ? indent : commonPrefix(shared, indent)), undefined) ?? '';
  if (common !== '') {
    lines = lines.map((line) => line.slice(common.length));
    done.push('removed a common indentation');
  }
  return { text: lines.join('\n'), normalizations: done };
}

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}
