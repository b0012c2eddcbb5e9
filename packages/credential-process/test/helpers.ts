import { type Server, type Socket, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const HELPER = fileURLToPath(new URL('./fixtures/helper.mjs', import.meta.url));

/** Single-quotes a word for a POSIX shell (and so for splitCommandLine). */
export function quote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** A command line that runs the fixture helper with `args` under this very node binary. */
export function helper(...args: string[]): string {
  return [process.execPath, HELPER, ...args].map(quote).join(' ');
}

export const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** A child that reported in: its pid, and a promise that settles when it is gone. */
export interface ReportedChild {
  readonly pid: number;
  /** Resolves when the child's connection closes, which the kernel does when it exits. */
  readonly gone: Promise<void>;
}

/** A loopback server the helper reports its pid to; resolves children as they connect. */
export interface PidServer {
  readonly port: number;
  nextChild(): Promise<ReportedChild>;
  /** Resolves once every connected child's socket has closed, i.e. the child is gone. */
  allClosed(): Promise<void>;
  close(): Promise<void>;
}

export async function pidServer(): Promise<PidServer> {
  const waiting: ((child: ReportedChild) => void)[] = [];
  const reported: ReportedChild[] = [];
  const sockets = new Set<Socket>();
  const closed: Promise<void>[] = [];
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const gone = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    closed.push(gone);
    socket.on('error', () => undefined);
    socket.once('data', (data) => {
      const child = { pid: Number(data.toString()), gone };
      const next = waiting.shift();
      if (next === undefined) reported.push(child);
      else next(child);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    nextChild: () => {
      const child = reported.shift();
      return child === undefined ? new Promise((resolve) => waiting.push(resolve)) : Promise.resolve(child);
    },
    allClosed: async () => {
      await Promise.all(closed);
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Whether a process with this pid still exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}
