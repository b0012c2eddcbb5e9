import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback HTTP barrier: every GET /barrier waits until `parties` have arrived, then all get "go" at once. */
export interface Barrier {
  readonly url: string;
  /** Serves throw-away credentials, for warming up a client before the barrier. */
  readonly warmUpUrl: string;
  /** Resolves when the last party has arrived (and everyone has been released). */
  readonly released: Promise<void>;
  readonly arrived: number;
  close(): Promise<void>;
}

export async function startBarrier(parties: number): Promise<Barrier> {
  const waiting: ServerResponse[] = [];
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const server = createServer((req, res) => {
    if (req.url === '/warm-up') {
      // Credentials shaped like the agent's, so a process can run the whole client path once
      // before the barrier without spending any of the agent's rate limit.
      const expiration = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ AccessKeyId: 'ASIAWARMUPWARMUP0000', SecretAccessKey: 'warm-up-secret-not-used', Token: 'warm-up-token', Expiration: expiration }));
      return;
    }
    waiting.push(res);
    if (waiting.length < parties) return;
    // Everyone is here: answer all of them in the same tick, with the moment of release (epoch
    // milliseconds, same machine clock) so each process can measure from it.
    const body = `go ${performance.timeOrigin + performance.now()}`;
    for (const held of waiting) {
      held.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(Buffer.byteLength(body)) });
      held.end(body);
    }
    release();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/barrier`,
    warmUpUrl: `http://127.0.0.1:${port}/warm-up`,
    released,
    get arrived() {
      return waiting.length;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => { resolve(); });
      }),
  };
}
