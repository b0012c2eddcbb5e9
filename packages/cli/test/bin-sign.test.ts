// `iamkit sign` as a child process: every step compared with @iamkit/sigv4, a signature STS
// accepts, presigned URLs, offline keys, and --compare pointing at the first differing line.
import { presignRequest, signRequest, UNSIGNED_PAYLOAD } from '@iamkit/sigv4';
import { describe, expect, it } from 'vitest';
import type { SignReport } from '../src/index.js';
import { flat, iamkit } from './helpers/bin.js';
import { expectSchema } from './helpers/schemas.js';
import { ALICE, ALICE_ENV, BOB, baseEnv, SAMPLE_SECRETS, scratchHome, sts, writeFile } from './helpers/world.js';

const DATE = '2026-03-01T12:00:00Z';
const aliceEnv = { ...baseEnv(), ...ALICE_ENV };
const bobEnv = { ...baseEnv(), AWS_ACCESS_KEY_ID: BOB.accessKeyId, AWS_SECRET_ACCESS_KEY: BOB.secretAccessKey, AWS_SESSION_TOKEN: BOB.sessionToken };
const STS_BODY = 'Action=GetCallerIdentity&Version=2011-06-15';
const FORM = 'application/x-www-form-urlencoded';

async function sign(args: readonly string[], env: Record<string, string> = aliceEnv, options: { stdin?: string; secrets?: string[] } = {}) {
  return await iamkit(['sign', ...args], { env, stdin: options.stdin, secrets: [...SAMPLE_SECRETS, ...(options.secrets ?? [])] });
}

async function signJson(args: readonly string[], env: Record<string, string> = aliceEnv, options: { stdin?: string; secrets?: string[] } = {}) {
  const result = await sign(['--json', ...args], env, options);
  const report = result.json() as SignReport;
  expectSchema('sign', report);
  return { result, report };
}

describe('iamkit sign --explain', () => {
  it('shows exactly what @iamkit/sigv4 computes: canonical request, string to sign, signature, Authorization', async () => {
    const args = ['--explain', '--method', 'POST', '--url', 'https://sts.amazonaws.com/', '--header', `content-type: ${FORM}`, '--body', STS_BODY, '--date', DATE];
    const { result, report } = await signJson(args);
    expect(result.code).toBe(0);
    const expected = signRequest({ method: 'POST', url: 'https://sts.amazonaws.com/', headers: { 'content-type': FORM }, body: STS_BODY }, { credentials: ALICE, region: 'us-east-1', service: 'sts', date: DATE });
    expect(report).toMatchObject({
      mode: 'header',
      region: 'us-east-1',
      service: 'sts',
      amzDate: '20260301T120000Z',
      canonicalRequest: expected.canonicalRequest,
      stringToSign: expected.stringToSign,
      signature: expected.signature,
      authorization: expected.authorization,
      signedHeaders: ['content-type', 'host', 'x-amz-date'],
      presignedUrl: null,
      credentials: { accessKeyId: 'AKIA…0001', source: 'env', sessionToken: false },
      comparison: null,
    });
    expect(report.headers).toEqual({ ...expected.headers });

    const text = await sign(args);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('1. Canonical request');
    expect(text.stdout).toMatch(/^ {2}1 {2}POST$/m);
    expect(text.stdout).toMatch(/^ {2}6 {2}x-amz-date:20260301T120000Z$/m);
    expect(text.stdout).toMatch(/^ {2}7 {2}\(empty\)$/m);
    expect(text.stdout).toContain(`  ${expected.stringToSign.split('\n').join('\n  ')}`);
    expect(text.stdout).toContain(`4. Authorization header:\n  ${expected.authorization}`);
  });

  it('without --explain: just the Authorization header and the headers to send', async () => {
    const result = await sign(['--url', 'https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15', '--date', DATE]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('Canonical request');
    expect(result.stdout).toContain('Authorization header:\n  AWS4-HMAC-SHA256 Credential=AKIAALICEEXAMPLE0001/20260301/us-east-1/sts/aws4_request');
  });

  it('the signature it prints is one STS accepts', async () => {
    const emulator = await sts();
    const { report } = await signJson(['--method', 'POST', '--url', `${emulator.url}/`, '--service', 'sts', '--region', 'us-east-1', '--header', `content-type: ${FORM}`, '--body', STS_BODY]);
    const response = await fetch(`${emulator.url}/`, { method: 'POST', headers: report.headers, body: STS_BODY });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(`<Arn>${ALICE.arn}</Arn>`);
  });

  it('infers the service and region from an AWS host name', async () => {
    const { report } = await signJson(['--url', 'https://sts.eu-west-1.amazonaws.com/', '--date', DATE]);
    expect(report).toMatchObject({ service: 'sts', region: 'eu-west-1', credentialScope: '20260301/eu-west-1/sts/aws4_request' });
  });

  it('a session token is signed but shown as [redacted] everywhere', async () => {
    const { result, report } = await signJson(['--explain', '--url', 'https://sts.amazonaws.com/', '--date', DATE], bobEnv);
    expect(result.code).toBe(0);
    const expected = signRequest({ method: 'GET', url: 'https://sts.amazonaws.com/' }, { credentials: BOB, region: 'us-east-1', service: 'sts', date: DATE });
    expect(report.signature).toBe(expected.signature);
    expect(report.signedHeaders).toContain('x-amz-security-token');
    expect(report.canonicalRequest).toContain('x-amz-security-token:[redacted]');
    expect(report.headers['x-amz-security-token']).toBe('[redacted]');
    expect(report.credentials.sessionToken).toBe(true);
  });

  it('--presign: the presigned URL (token redacted), as @iamkit/sigv4 presigns it', async () => {
    const url = 'https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15';
    const { report } = await signJson(['--presign', '--expires', '300', '--url', url, '--date', DATE], bobEnv);
    const expected = presignRequest({ method: 'GET', url }, { credentials: BOB, region: 'us-east-1', service: 'sts', date: DATE, expiresIn: 300 });
    expect(report.mode).toBe('presign');
    expect(report.signature).toBe(expected.signature);
    expect(report.authorization).toBeNull();
    expect(report.presignedUrl).toBe(expected.url.replace(encodeURIComponent(BOB.sessionToken), '[redacted]'));
    expect(report.presignedUrl).toContain('X-Amz-Expires=300');
  });

  it('S3 is signed the S3 way (path encoded once, UNSIGNED-PAYLOAD when presigned)', async () => {
    const url = 'https://bucket.s3.eu-west-1.amazonaws.com/a b/../c.txt';
    const { report } = await signJson(['--presign', '--url', url, '--date', DATE]);
    const expected = presignRequest({ method: 'GET', url }, { credentials: ALICE, region: 'eu-west-1', service: 's3', date: DATE, normalizePath: false, doubleEncodePath: false, payloadHash: UNSIGNED_PAYLOAD });
    expect(report).toMatchObject({ service: 's3', region: 'eu-west-1', payloadHash: UNSIGNED_PAYLOAD, signature: expected.signature });
    expect(report.canonicalRequest.split('\n')[1]).toBe('/a%20b/../c.txt');
    expect(report.notes.join(' ')).toContain('S3 rules');
  });

  it('a body from a file, and from stdin', async () => {
    const home = scratchHome();
    const file = writeFile(home, 'body.json', '{"TableName":"t"}\n');
    const fromFile = await signJson(['--url', 'https://dynamodb.eu-west-1.amazonaws.com/', '--body-file', file, '--date', DATE]);
    const fromStdin = await signJson(['--url', 'https://dynamodb.eu-west-1.amazonaws.com/', '--body-file', '-', '--date', DATE], aliceEnv, { stdin: '{"TableName":"t"}\n' });
    const expected = signRequest({ method: 'POST', url: 'https://dynamodb.eu-west-1.amazonaws.com/', body: '{"TableName":"t"}\n' }, { credentials: ALICE, region: 'eu-west-1', service: 'dynamodb', date: DATE });
    expect(fromFile.report.payloadHash).toBe(expected.payloadHash);
    expect(fromStdin.report.signature).toBe(expected.signature);
    expect(fromFile.report.method).toBe('POST');
  });
});

describe('iamkit sign: credentials', () => {
  it('offline: --access-key-id with the secret from a named variable, never printed, with a warning', async () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYOFFLINE001';
    const env = { ...baseEnv(), MY_SECRET: secret };
    const { result, report } = await signJson(['--url', 'https://sts.amazonaws.com/', '--date', DATE, '--access-key-id', 'AKIAOFFLINEEXAMPLE01', '--secret-from-env', 'MY_SECRET'], env, { secrets: [secret] });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Never type a secret key on a command line');
    const expected = signRequest({ method: 'GET', url: 'https://sts.amazonaws.com/' }, { credentials: { accessKeyId: 'AKIAOFFLINEEXAMPLE01', secretAccessKey: secret }, region: 'us-east-1', service: 'sts', date: DATE });
    expect(report.signature).toBe(expected.signature);
    expect(report.credentials.source).toBe('--access-key-id');
  });

  it.each([
    ['--secret-access-key', ['--secret-access-key', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYTYPED00001']],
    ['--secret-access-key=…', ['--secret-access-key=wJalrXUtnFEMI/K7MDENG+bPxRfiCYTYPED00001']],
    ['--session-token', ['--session-token', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYTYPED00001']],
    ['a value for --secret-from-env', ['--access-key-id', 'AKIAOFFLINEEXAMPLE01', '--secret-from-env', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYTYPED00001']],
  ])('refuses a secret on the command line (%s) without repeating it', async (_name, args) => {
    const result = await sign(['--url', 'https://sts.amazonaws.com/', ...args], baseEnv(), { secrets: ['wJalrXUtnFEMI/K7MDENG+bPxRfiCYTYPED00001'] });
    expect(result.code).toBe(64);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/shell history/);
    expect(result.stderr).toMatch(/rotate it/);
  });

  it('no credentials anywhere: exit 1, and how to sign offline', async () => {
    const result = await sign(['--url', 'https://sts.amazonaws.com/'], baseEnv());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no credentials to sign with: No credential source is configured');
    expect(result.stderr).toContain('--access-key-id and --secret-from-env');
  });
});

describe('iamkit sign --compare', () => {
  const url = 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/my%20items?b=2&a=1';
  const base = { method: 'POST', url, headers: { 'content-type': 'application/json' }, body: '{"a":1}' } as const;
  const options = { credentials: ALICE, region: 'eu-west-1', service: 'execute-api', date: DATE } as const;
  const args = ['--method', 'POST', '--url', url, '--header', 'content-type: application/json', '--body', '{"a":1}'];
  const ours = signRequest(base, options).canonicalRequest;

  async function compare(theirs: string, extra: readonly string[] = []) {
    const file = writeFile(scratchHome(), 'theirs.txt', theirs);
    const json = await signJson([...args, ...extra, '--compare', file]);
    const text = await sign([...args, ...extra, '--compare', file]);
    expect(text.code).toBe(json.result.code);
    return { code: json.result.code, comparison: json.report.comparison, report: json.report, text: text.stdout };
  }

  it('identical after undoing the copy’s mangling (quotes, \\n escapes, CRLF, trailing spaces); the date comes from it', async () => {
    const mangled = `  ${JSON.stringify(ours.split('\n').map((line) => `${line}  `).join('\r\n'))}\n`;
    const { code, comparison, report, text } = await compare(mangled);
    expect(code).toBe(0);
    expect(comparison).toMatchObject({ identical: true, difference: null });
    expect(comparison?.normalizations).toEqual(['turned \\n escapes into line breaks', 'removed the surrounding quotes', 'turned CRLF line ends into LF', 'removed trailing whitespace']);
    expect(report.amzDate).toBe('20260301T120000Z');
    expect(report.notes[0]).toContain('the X-Amz-Date of the canonical request given');
    expect(text).toContain('✔ The canonical requests are identical.');
  });

  it('a path encoded once where AWS encodes twice: line 2, path', async () => {
    const theirs = signRequest(base, { ...options, doubleEncodePath: false }).canonicalRequest;
    const { code, comparison, text } = await compare(theirs);
    expect(code).toBe(5);
    expect(comparison?.difference).toMatchObject({ line: 2, part: 'path', ours: '/prod/my%2520items', theirs: '/prod/my%20items', column: 11 });
    expect(comparison?.difference?.hint).toContain('encoded once more by this side');
    expect(text).toContain('✖ First difference at line 2 (path):');
    expect(text).toContain(`    this side: /prod/my%2520items\n    AWS:       /prod/my%20items\n${' '.repeat(15 + 10)}^ column 11`);
  });

  it('parameters out of order: line 3, query', async () => {
    const theirs = ours.split('\n').map((line, i) => (i === 2 ? 'b=2&a=1' : line)).join('\n');
    const { comparison } = await compare(theirs);
    expect(comparison?.difference).toMatchObject({ line: 3, part: 'query' });
    expect(comparison?.difference?.hint).toContain('sorts them by name');
  });

  it('a header value changed on the way (a charset added): that header', async () => {
    const theirs = signRequest({ ...base, headers: { 'content-type': 'application/json; charset=utf-8' } }, options).canonicalRequest;
    const { comparison } = await compare(theirs);
    expect(comparison?.difference).toMatchObject({ line: 4, part: 'header', header: 'content-type', theirs: 'content-type:application/json; charset=utf-8' });
    expect(comparison?.difference?.hint).toContain('charset');
  });

  it('a header AWS received signed that this side did not sign', async () => {
    const theirs = signRequest({ ...base, headers: { ...base.headers, 'x-amz-target': 'DynamoDB_20120810.GetItem' } }, options).canonicalRequest;
    const { comparison } = await compare(theirs);
    expect(comparison?.difference).toMatchObject({ line: 7, part: 'header', header: 'x-amz-target', ours: '', theirs: 'x-amz-target:DynamoDB_20120810.GetItem' });
    expect(comparison?.difference?.hint).toContain('this side did not sign');
  });

  it('a different body: the payload hash, last line', async () => {
    const theirs = signRequest({ ...base, body: '{"a": 1}' }, options).canonicalRequest;
    const { comparison } = await compare(theirs);
    expect(comparison?.difference).toMatchObject({ line: 9, part: 'payload-hash' });
    expect(comparison?.difference?.hint).toContain('the body that was sent is not the body that was signed');
  });

  it('reads the canonical request from stdin, and from an S3 XML error', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><CanonicalRequest>${ours.replace(/&/g, '&amp;')}</CanonicalRequest><RequestId>X</RequestId></Error>`;
    const result = await sign([...args, '--json', '--compare', '-'], aliceEnv, { stdin: xml });
    expect(result.code).toBe(0);
    expect((result.json() as SignReport).comparison?.normalizations[0]).toContain('<CanonicalRequest>');
  });

  it('session tokens in both versions are never shown', async () => {
    const theirs = signRequest({ method: 'GET', url: 'https://sts.amazonaws.com/' }, { credentials: { ...BOB, sessionToken: 'IQoJb3JpZ2luX2VjEOTHERSESSIONTOKEN0000000000000000000000000000' }, region: 'us-east-1', service: 'sts', date: DATE }).canonicalRequest;
    const file = writeFile(scratchHome(), 'theirs.txt', theirs);
    const result = await sign(['--url', 'https://sts.amazonaws.com/', '--compare', file], bobEnv, { secrets: ['IQoJb3JpZ2luX2VjEOTHERSESSIONTOKEN0000000000000000000000000000'] });
    expect(result.code).toBe(5);
    expect(flat(result.stdout)).toContain('First difference at line 6 (header x-amz-security-token)');
    expect(result.stdout).toContain('this side: x-amz-security-token:[redacted]');
    expect(result.stdout).toContain('AWS:       x-amz-security-token:[redacted]');
  });
});

describe('iamkit sign: usage errors (64)', () => {
  it.each([
    [[], '--url'],
    [['--url', 'sts.amazonaws.com'], 'absolute URL'],
    [['--url', 'https://example.com/'], 'pass --service'],
    [['--url', 'https://example.com/', '--service', 'execute-api'], 'pass --region'],
    [['--url', 'https://sts.amazonaws.com/', '--expires', '60'], '--expires goes with --presign'],
    [['--url', 'https://sts.amazonaws.com/', '--date', '20260301'], 'is a day, not a time'],
    [['--url', 'https://sts.amazonaws.com/', '--header', 'no-colon'], '--header takes "name: value"'],
    [['--url', 'https://sts.amazonaws.com/', '--body', 'x', '--body-file', 'y'], 'not both'],
    [['--url', 'https://sts.amazonaws.com/', '--frobnicate'], "Unknown option '--frobnicate'"],
  ])('%j', async (args, message) => {
    const result = await sign(args);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Run iamkit sign --help');
  });
});
