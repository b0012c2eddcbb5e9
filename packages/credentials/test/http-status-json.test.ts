import { afterEach, describe, expect, it } from 'vitest';
import { httpRequest, httpStatusError, parseJsonBody, parseRetryAfter, type HttpResponse } from '../src/index.js';
import { secretsFor } from './helpers/credentials.js';
import { httpServer, type TestServer } from './helpers/servers.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function respond(status: number, headers: Record<string, string>, body: string): Promise<HttpResponse> {
  const server = await httpServer((_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  });
  servers.push(server);
  return httpRequest({ url: `${server.url}/v2/credentials/id`, source: 'container' });
}

const NOW = Date.parse('2015-10-21T07:28:00Z');

describe('httpStatusError', () => {
  it('turns the ECS agent’s 429 into ERR_CREDENTIALS_THROTTLED, retryable, with the body and advice', async () => {
    const response = await respond(429, { 'content-type': 'text/plain; charset=utf-8' }, 'You have reached maximum request limit.');
    const error = httpStatusError(response, { source: 'container' });
    expect(error).toMatchObject({ code: 'ERR_CREDENTIALS_THROTTLED', status: 429, retryable: true, retryAfterMs: undefined, source: 'container' });
    expect(error.message).toBe(
      `container: GET ${response.url} answered HTTP 429 Too Many Requests: "You have reached maximum request limit.". ` +
        'The endpoint is rate-limiting this host: share one cached() provider across clients and connections instead of fetching per request.',
    );
  });

  it('reads Retry-After in seconds and as an HTTP-date', async () => {
    const seconds = await respond(429, { 'retry-after': '2' }, 'Too Many Requests');
    expect(httpStatusError(seconds, { source: 'pod-identity' })).toMatchObject({ retryAfterMs: 2000 });
    expect(httpStatusError(seconds, { source: 'pod-identity' }).message).toContain('(Retry-After: 2 s)');

    const dated = await respond(429, { 'retry-after': 'Wed, 21 Oct 2015 07:28:30 GMT' }, '');
    expect(httpStatusError(dated, { source: 'sts', now: () => NOW })).toMatchObject({ retryAfterMs: 30_000 });
  });

  it('makes 503 retryable (with its Retry-After) and other 4xx not', async () => {
    const unavailable = await respond(503, { 'retry-after': '1' }, '{"code":"CredentialsUninitialized","message":"credentials are not yet available"}');
    expect(httpStatusError(unavailable, { source: 'container' })).toMatchObject({ code: 'ERR_HTTP_STATUS', status: 503, retryable: true, retryAfterMs: 1000 });
    expect(httpStatusError(unavailable, { source: 'container' }).message).toContain('CredentialsUninitialized');

    const bad = await respond(400, {}, '{"code":"InvalidIdInRequest","message":"bad id"}');
    const error = httpStatusError(bad, { source: 'container', hint: 'Check AWS_CONTAINER_CREDENTIALS_RELATIVE_URI.' });
    expect(error).toMatchObject({ code: 'ERR_HTTP_STATUS', status: 400, retryable: false });
    expect(error.message).toBe(
      `container: GET ${bad.url} answered HTTP 400: "{\\"code\\":\\"InvalidIdInRequest\\",\\"message\\":\\"bad id\\"}". Check AWS_CONTAINER_CREDENTIALS_RELATIVE_URI.`,
    );
    expect(httpStatusError({ ...bad, status: 408 }, { source: 'x' }).retryable).toBe(true);
    expect(httpStatusError({ ...bad, status: 500 }, { source: 'x' }).retryable).toBe(true);
    expect(httpStatusError({ ...bad, status: 403 }, { source: 'x' }).retryable).toBe(false);
  });

  it('scrubs secrets from the excerpt and keeps it to one short line', async () => {
    const { secretAccessKey, sessionToken } = secretsFor('status');
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW0ifQ.c2lnbmF0dXJl';
    const body = `<Error>\n  <Message>bad ${secretAccessKey} ${sessionToken} ${jwt} custom-auth-value</Message>\n</Error>${' filler'.repeat(700)}`;
    const response = await respond(403, { 'content-type': 'text/xml' }, body);
    const error = httpStatusError(response, { source: 'sts', secrets: ['custom-auth-value'] });
    for (const secret of [secretAccessKey, sessionToken, jwt, 'custom-auth-value']) expect(error.message).not.toContain(secret);
    expect(error.message).toContain('"<Error> <Message>bad [redacted] [redacted] [redacted] [redacted]</Message> </Error> filler filler');
    expect(error.message).not.toContain('\n');
    expect(error.message.length).toBeLessThan(400);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['0', 0],
    ['120', 120_000],
    [' 3 ', 3000],
    ['999999', 600_000],
    ['Wed, 21 Oct 2015 07:28:30 GMT', 30_000],
    ['Wed, 21 Oct 2015 07:27:00 GMT', 0],
    [['5', '7'], 5000],
    ['', undefined],
    ['-1', undefined],
    ['1.5', undefined],
    ['soon', undefined],
    ['5 minutes', undefined],
    [undefined, undefined],
  ] as const)('%j → %j', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});

describe('parseJsonBody', () => {
  it('tells truncated JSON from malformed JSON, and never quotes the body', async () => {
    const { secretAccessKey } = secretsFor('json');
    const truncated = await respond(200, { 'content-type': 'application/json' }, `{"AccessKeyId":"ASIA","SecretAccessKey":"${secretAccessKey.slice(0, 20)}`);
    let error: unknown;
    try {
      parseJsonBody(truncated, { source: 'container', what: 'credentials response' });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'ERR_HTTP_TRUNCATED_BODY', retryable: true });
    expect((error as Error).message).toBe(
      `container: the credentials response from GET ${truncated.url} is truncated: its 61 characters are the start of a JSON document that never ends, content-type application/json. The server or a proxy cut the response short.`,
    );
    expect((error as Error).message).not.toContain(secretAccessKey.slice(0, 20));
    expect((error as Error).cause).toBeUndefined();

    const html = await respond(200, { 'content-type': 'text/html' }, '<html><body>Portal login</body></html>');
    expect(() => parseJsonBody(html, { source: 'imds' })).toThrow(
      expect.objectContaining({
        code: 'ERR_HTTP_MALFORMED_BODY',
        retryable: false,
        message: `imds: the response from GET ${html.url} is not valid JSON: unexpected "<" at character 0 of 38, content-type text/html. It looks like HTML or XML: is a proxy or captive portal answering instead of the endpoint?`,
      }),
    );

    const empty = await respond(200, {}, '');
    expect(() => parseJsonBody(empty, { source: 'imds' })).toThrow(expect.objectContaining({ code: 'ERR_HTTP_MALFORMED_BODY', retryable: true }));
  });

  it.each([
    ['{"a":"abc', 'truncated'],
    ['{"a":1,', 'truncated'],
    ['{"a":', 'truncated'],
    ['{"a"', 'truncated'],
    ['[1,2', 'truncated'],
    ['{"a":tru', 'truncated'],
    ['{"a":"x\\', 'truncated'],
    ['{"a":"\\u00', 'truncated'],
    ['{"a":1.', 'truncated'],
    ['{"a":-', 'truncated'],
    ['{"a":1e', 'truncated'],
    ['{"a":[{"b":null},', 'truncated'],
    ['{"a" 1}', 'malformed'],
    ['{"a":1}}', 'malformed'],
    ['{"a":01}', 'malformed'],
    ['{"a":"\\x"}', 'malformed'],
    ['{"a":"\\u00zz"}', 'malformed'],
    ['{"a":1,}', 'malformed'],
    ['[1,]', 'malformed'],
    ['{a:1}', 'malformed'],
    ['{"a":undefined}', 'malformed'],
    ['{"a":"line\nbreak"}', 'malformed'],
    ['{"a":1]', 'malformed'],
    ['nul!', 'malformed'],
  ])('%j is %s', (body, kind) => {
    const response = { body, headers: {}, method: 'GET', url: 'http://127.0.0.1/x' };
    expect(() => parseJsonBody(response, { source: 'test' })).toThrow(
      expect.objectContaining({ code: kind === 'truncated' ? 'ERR_HTTP_TRUNCATED_BODY' : 'ERR_HTTP_MALFORMED_BODY' }),
    );
  });
});
