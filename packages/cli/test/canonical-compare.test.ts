// compareCanonicalRequests and normalizeCanonicalRequest as functions: every part a difference can
// be in, and every kind of mangling a copied canonical request suffers.
import { EMPTY_PAYLOAD_SHA256, signRequest, UNSIGNED_PAYLOAD } from '@iamkit/sigv4';
import { describe, expect, it } from 'vitest';
import { compareCanonicalRequests, normalizeCanonicalRequest } from '../src/index.js';
import { ALICE } from './helpers/world.js';

const OURS = signRequest(
  { method: 'POST', url: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod/items?a=1&b=2', headers: { 'content-type': 'application/json', 'x-amz-target': 'Svc.Op' }, body: '{}' },
  { credentials: ALICE, region: 'eu-west-1', service: 'execute-api', date: '2026-03-01T12:00:00Z' },
).canonicalRequest;
const LINES = OURS.split('\n');

function withLine(index: number, line: string): string {
  return LINES.map((l, i) => (i === index ? line : l)).join('\n');
}

describe('normalizeCanonicalRequest', () => {
  it.each<[string, string, string[]]>([
    ['as is', OURS, []],
    ['double quotes', `"${OURS}"`, ['removed the surrounding quotes']],
    ['single quotes and spaces around', `  '${OURS}'  \n`, ['removed the surrounding quotes']],
    ['a JSON string with its quotes escaped too', `"\\"${OURS.replace(/\n/g, '\\n')}\\""`, ['turned \\n escapes into line breaks', 'removed the surrounding quotes']],
    ['backticks', `\`${OURS}\``, ['removed the surrounding quotes']],
    ['a JSON string', JSON.stringify(OURS), ['turned \\n escapes into line breaks', 'removed the surrounding quotes']],
    ['\\n escapes without quotes', OURS.replace(/\n/g, '\\n'), ['turned \\n escapes into line breaks']],
    ['CRLF', OURS.replace(/\n/g, '\r\n'), ['turned CRLF line ends into LF']],
    ['trailing spaces and tabs', OURS.split('\n').map((l) => `${l} \t`).join('\n'), ['removed trailing whitespace']],
    ['indented in a log', OURS.split('\n').map((l) => (l === '' ? '' : `    ${l}`)).join('\n'), ['removed a common indentation']],
    ['blank lines around', `\n\n${OURS}\n\n`, []],
    ['an S3 XML error', `<Error><Code>SignatureDoesNotMatch</Code><CanonicalRequest>${OURS.replace(/&/g, '&amp;')}</CanonicalRequest></Error>`, ['took the <CanonicalRequest> element of the XML error and decoded its entities']],
    ['an API Gateway message', `{"message":"The request signature we calculated does not match the signature you provided.\\n\\nThe Canonical String for this request should have been\\n'${OURS.replace(/\n/g, '\\n')}'\\n\\nThe String-to-Sign should have been\\n'AWS4-HMAC-SHA256\\n…'\\n"}`, ['turned \\n escapes into line breaks', 'took the text after "Canonical String for this request should have been"']],
  ])('%s', (_name, input, normalizations) => {
    const result = normalizeCanonicalRequest(input);
    expect(result.text).toBe(OURS);
    expect(result.normalizations).toEqual(normalizations);
  });
});

describe('compareCanonicalRequests: the first differing line and what it means', () => {
  it('identical: says where else to look', () => {
    const result = compareCanonicalRequests(OURS, `"${OURS}"`);
    expect(result).toMatchObject({ identical: true, difference: null, lines: { ours: LINES.length, theirs: LINES.length } });
    expect(result.summary).toContain('the difference is in the string to sign');
  });

  it.each<[string, string, Record<string, unknown>, string]>([
    ['method case', withLine(0, 'post'), { line: 1, part: 'method', column: 1 }, 'differs in case'],
    ['another method', withLine(0, 'PUT'), { line: 1, part: 'method' }, 'pass --method PUT'],
    ['path not normalized', withLine(1, '/prod/./items'), { line: 2, part: 'path' }, 'normalized differently'],
    ['path in lower-case hex', withLine(1, '/prod/it%2fems'), { line: 2, part: 'path' }, 'lower-case percent-encoding'],
    ['a plus in the query', withLine(2, 'a=1+2&b=2'), { line: 3, part: 'query' }, 'A + in the query'],
    ['lower-case hex in the query', withLine(2, 'a=%2f&b=2'), { line: 3, part: 'query' }, 'upper-case hex'],
    ['X-Amz-Signature in the query', withLine(2, 'X-Amz-Signature=abc&a=1&b=2'), { line: 3, part: 'query' }, 'must not be part of the canonical query'],
    ['a parameter missing', withLine(2, 'a=1&b=2&c=3'), { line: 3, part: 'query' }, 'AWS has c that this side does not'],
    ['a charset added to a header', withLine(3, 'content-type:application/json;charset=utf-8'), { line: 4, part: 'header', header: 'content-type' }, 'charset'],
    ['the host', withLine(4, 'host:abc.execute-api.eu-west-1.amazonaws.com:443'), { line: 5, part: 'header', header: 'host' }, 'a default port'],
    ['the time', withLine(5, 'x-amz-date:20260301T120001Z'), { line: 6, part: 'header', header: 'x-amz-date', column: 26 }, 'signed at different times'],
    ['a header this side signs that AWS did not get', LINES.filter((_l, i) => i !== 6).join('\n'), { line: 7, part: 'header', header: 'x-amz-target', ours: 'x-amz-target:Svc.Op', theirs: '' }, 'does not have'],
    ['signed headers in another order', withLine(8, 'host;content-type;x-amz-date;x-amz-target'), { line: 9, part: 'signed-headers' }, 'another order'],
    ['signed headers that differ', withLine(8, 'content-type;host;x-amz-date'), { line: 9, part: 'signed-headers' }, "this side's has x-amz-target"],
    ['an empty body hashed', withLine(9, EMPTY_PAYLOAD_SHA256), { line: 10, part: 'payload-hash' }, 'hashed an empty body'],
    ['UNSIGNED-PAYLOAD', withLine(9, UNSIGNED_PAYLOAD), { line: 10, part: 'payload-hash' }, 'UNSIGNED-PAYLOAD'],
    ['another body', withLine(9, 'a'.repeat(64)), { line: 10, part: 'payload-hash' }, 'not the body that was signed'],
    ['cut short', LINES.slice(0, -1).join('\n'), { line: 10, part: 'extra-line', theirs: null, column: null }, 'cut short'],
    ['longer', `${OURS}\nmore`, { line: 11, part: 'missing-line', ours: null }, 'goes on after'],
  ])('%s', (_name, theirs, difference, hint) => {
    const result = compareCanonicalRequests(OURS, theirs);
    expect(result.identical).toBe(false);
    expect(result.difference).toMatchObject(difference);
    expect(result.difference?.hint).toContain(hint);
    expect(result.summary).toContain(`first at line ${String(difference.line)}`);
  });

  it('never shows a session token, in a header or a presigned query', () => {
    const token = 'IQoJb3JpZ2luX2VjETOKENEXAMPLE0000000000000000000000000000000000';
    const ours = `GET\n/\nX-Amz-Security-Token=${encodeURIComponent(token)}&a=1\nhost:h\nx-amz-security-token:${token}\n\nhost\n${'0'.repeat(64)}`;
    const theirs = ours.replace('a=1', 'a=2').replace(`x-amz-security-token:${token}`, 'x-amz-security-token:other');
    const query = compareCanonicalRequests(ours, theirs).difference;
    expect(query).toMatchObject({ part: 'query', ours: 'X-Amz-Security-Token=[redacted]&a=1', theirs: 'X-Amz-Security-Token=[redacted]&a=2' });
    const header = compareCanonicalRequests(ours, ours.replace(`x-amz-security-token:${token}`, 'x-amz-security-token:other')).difference;
    expect(header).toMatchObject({ part: 'header', header: 'x-amz-security-token', ours: 'x-amz-security-token:[redacted]', theirs: 'x-amz-security-token:[redacted]' });
    expect(JSON.stringify([query, header])).not.toContain(token.slice(0, 20));
  });

  it('a text that is not a canonical request at all still gets an answer', () => {
    const result = compareCanonicalRequests(OURS, 'hello');
    expect(result.difference).toMatchObject({ line: 1, part: 'method' });
  });
});
