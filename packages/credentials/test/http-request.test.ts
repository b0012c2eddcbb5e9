import { afterEach, describe, expect, it } from 'vitest';
import { Agent } from 'undici';
import { type IamkitError, httpRequest, isIamkitError, parseJsonBody } from '../src/index.js';
import { closedPort, httpServer, rawServer, type TestServer } from './helpers/servers.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serve<T extends TestServer>(server: Promise<T>): Promise<T> {
  const started = await server;
  servers.push(started);
  return started;
}

async function failure(promise: Promise<unknown>): Promise<IamkitError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isIamkitError(error)) throw new Error(`expected an IamkitError, got ${String(error)}`);
  return error;
}

describe('httpRequest', () => {
  it('sends method, headers and body and reads the whole response', async () => {
    const server = await serve(
      httpServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"AccessKeyId":"ASIA"}');
      }),
    );
    const response = await httpRequest({
      url: `${server.url}/v2/credentials/abc?x=1`,
      method: 'POST',
      headers: { authorization: 'token-value', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity',
      source: 'test',
    });
    expect(response).toMatchObject({ status: 200, method: 'POST', url: `${server.url}/v2/credentials/abc`, body: '{"AccessKeyId":"ASIA"}' });
    expect(response.headers['content-type']).toBe('application/json');
    expect(parseJsonBody(response, { source: 'test' })).toEqual({ AccessKeyId: 'ASIA' });
    expect(server.requests[0]).toMatchObject({ method: 'POST', url: '/v2/credentials/abc?x=1', body: 'Action=GetCallerIdentity' });
    expect(server.requests[0]?.headers.authorization).toBe('token-value');
  });

  it('keeps the connection alive between requests, on the default and on an injected dispatcher', async () => {
    // undici returns a socket to its pool one tick after the body ends; real refreshes are minutes apart.
    const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    const server = await serve(httpServer((_req, res) => res.end('ok')));
    for (let i = 0; i < 3; i += 1) {
      await httpRequest({ url: server.url, source: 'test' });
      await tick();
    }
    expect(server.connections).toBe(1);

    const other = await serve(httpServer((_req, res) => res.end('ok')));
    const dispatcher = new Agent();
    try {
      for (let i = 0; i < 3; i += 1) {
        await httpRequest({ url: other.url, source: 'test', dispatcher });
        await tick();
      }
      expect(other.connections).toBe(1);
    } finally {
      await dispatcher.close();
    }
  });

  it('times out waiting for response headers and names the phase and the option', async () => {
    const server = await serve(httpServer(() => undefined));
    const error = await failure(httpRequest({ url: `${server.url}/slow`, source: 'container', headersTimeoutMs: 100 }));
    expect(error.code).toBe('ERR_HTTP_TIMEOUT');
    expect(error.retryable).toBe(true);
    expect(error.message).toBe(
      `container: GET ${server.url}/slow timed out waiting for the response headers (100 ms, option headersTimeoutMs). The server accepted the connection but did not answer.`,
    );
  });

  it('times out when the body stalls, saying how much arrived', async () => {
    const server = await serve(
      httpServer((_req, res) => {
        res.writeHead(200, { 'content-length': '100' });
        res.write('{"AccessKeyId":');
      }),
    );
    const error = await failure(httpRequest({ url: server.url, source: 'container', bodyTimeoutMs: 100 }));
    expect(error.code).toBe('ERR_HTTP_TIMEOUT');
    expect(error.message).toContain('timed out while reading the body (no data for that long after 15 bytes) (100 ms, option bodyTimeoutMs)');
  });

  it('times out while connecting (a TLS endpoint that never completes the handshake)', async () => {
    const server = await serve(rawServer(() => undefined));
    const error = await failure(httpRequest({ url: `https://127.0.0.1:${server.port}/`, source: 'sts', connectTimeoutMs: 100 }));
    expect(error.code).toBe('ERR_HTTP_TIMEOUT');
    expect(error.message).toContain('timed out while connecting (100 ms, option connectTimeoutMs)');
  });

  it('reports a body cut short by a reset as truncated', async () => {
    const server = await serve(
      rawServer((socket) => {
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"AccessKeyId"');
        setImmediate(() => socket.resetAndDestroy());
      }),
    );
    const error = await failure(httpRequest({ url: server.url, source: 'imds' }));
    expect(error.code).toBe('ERR_HTTP_TRUNCATED_BODY');
    expect(error.retryable).toBe(true);
    // Whether the socket reports the reset itself or only the close it causes depends on timing.
    expect(error.message).toMatch(
      /^imds: the response to GET http:\/\/127\.0\.0\.1:\d+\/ was cut short: the connection (was reset|closed) after 14 bytes of 100 announced \((ECONNRESET|UND_ERR_SOCKET)\)\.$/,
    );
  });

  it('reports a body shorter than its content-length as truncated', async () => {
    const server = await serve(
      rawServer((socket) => {
        socket.end('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nabc');
      }),
    );
    const error = await failure(httpRequest({ url: server.url, source: 'imds' }));
    expect(error.code).toBe('ERR_HTTP_TRUNCATED_BODY');
    expect(error.message).toContain('the connection closed after 3 bytes of 100 announced');
  });

  it('reports a chunked body that ends without its last chunk as truncated', async () => {
    const server = await serve(
      rawServer((socket) => {
        socket.end('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n');
      }),
    );
    const error = await failure(httpRequest({ url: server.url, source: 'imds' }));
    expect(error.code).toBe('ERR_HTTP_TRUNCATED_BODY');
    expect(error.message).toContain('after 5 bytes');
  });

  it('refuses a body larger than the cap, announced or streamed', async () => {
    const announced = await serve(
      rawServer((socket) => {
        socket.write('HTTP/1.1 200 OK\r\ncontent-length: 10485760\r\n\r\n');
      }),
    );
    const error = await failure(httpRequest({ url: announced.url, source: 'container', maxBodyBytes: 1024 }));
    expect(error.code).toBe('ERR_HTTP_BODY_TOO_LARGE');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('larger than 1024 bytes (content-length 10485760)');

    const streamed = await serve(
      httpServer((_req, res) => {
        res.writeHead(200);
        for (let i = 0; i < 64; i += 1) res.write('x'.repeat(1024));
        res.end();
      }),
    );
    const streamedError = await failure(httpRequest({ url: streamed.url, source: 'container', maxBodyBytes: 4096 }));
    expect(streamedError.code).toBe('ERR_HTTP_BODY_TOO_LARGE');
    expect(streamedError.message).toMatch(/larger than 4096 bytes \(\d+ bytes received so far\)/);
  });

  it('maps undici’s own maxResponseSize on an injected dispatcher to the same code', async () => {
    const server = await serve(httpServer((_req, res) => res.end('x'.repeat(2048))));
    const dispatcher = new Agent({ maxResponseSize: 100 });
    try {
      const error = await failure(httpRequest({ url: server.url, source: 'test', dispatcher }));
      expect(error.code).toBe('ERR_HTTP_BODY_TOO_LARGE');
    } finally {
      await dispatcher.close();
    }
  });

  it('reports a refused connection', async () => {
    const port = await closedPort();
    const error = await failure(httpRequest({ url: `http://127.0.0.1:${port}/v1/credentials`, source: 'container' }));
    expect(error.code).toBe('ERR_HTTP_CONNECTION');
    expect(error.retryable).toBe(true);
    expect(error.message).toBe(
      `container: GET http://127.0.0.1:${port}/v1/credentials failed: the connection was refused (ECONNREFUSED). Nothing is listening there: check the endpoint URL and that the agent or service runs.`,
    );
  });

  it('reports a connection reset or closed before any response', async () => {
    const reset = await serve(rawServer((socket) => socket.resetAndDestroy()));
    const resetError = await failure(httpRequest({ url: reset.url, source: 'imds' }));
    expect(resetError.code).toBe('ERR_HTTP_CONNECTION');
    expect(resetError.message).toContain('the connection was reset before a response arrived (ECONNRESET)');

    const closed = await serve(rawServer((socket) => socket.end()));
    const closedError = await failure(httpRequest({ url: closed.url, source: 'imds' }));
    expect(closedError.code).toBe('ERR_HTTP_CONNECTION');
    expect(closedError.message).toContain('the server closed the connection before a response arrived');
  });

  it('stops at once when the signal fires', async () => {
    const server = await serve(httpServer(() => undefined));
    const controller = new AbortController();
    const pending = failure(httpRequest({ url: server.url, source: 'imds', signal: controller.signal, headersTimeoutMs: 30_000 }));
    setImmediate(() => controller.abort());
    const error = await pending;
    expect(error.code).toBe('ERR_ABORTED');
    expect((await failure(httpRequest({ url: server.url, source: 'imds', signal: AbortSignal.abort() }))).code).toBe('ERR_ABORTED');
  });

  it('refuses URLs it cannot use, without echoing credentials or query strings', async () => {
    for (const url of ['not a url', 'ftp://example.invalid/x', 'file:///etc/passwd']) {
      const error = await failure(httpRequest({ url, source: 'container' }));
      expect(error.code).toBe('ERR_CONFIG_INVALID');
    }
    const error = await failure(httpRequest({ url: 'ftp://user:hunter2@host/x?token=abc', source: 'container' }));
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('token=abc');
  });

  it('refuses a header value with a line break without echoing it', async () => {
    const server = await serve(httpServer((_req, res) => res.end('ok')));
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW0ifQ.c2lnbmF0dXJl';
    const error = await failure(httpRequest({ url: server.url, source: 'container', headers: { authorization: `${token}\r\nx: y` }, secrets: [token] }));
    expect(error.code).toBe('ERR_CONFIG_INVALID');
    expect(error.message).not.toContain(token);
    expect(server.requests).toHaveLength(0);
  });
});
