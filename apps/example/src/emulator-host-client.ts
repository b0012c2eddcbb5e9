import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isHostMessage, type HostConfig, type HostMessage, type HostRequest, type HostStats } from './host-messages.js';

/** The demo's handle on its emulator host process. */
export interface EmulatorHost {
  /** `mongodb://127.0.0.1:PORT/?authMechanism=MONGODB-AWS&authSource=$external` */
  readonly mongoUri: string;
  /** `{ AWS_CONTAINER_CREDENTIALS_FULL_URI }`: what the app's credential chain reads. */
  readonly containerEnv: Readonly<Record<string, string>>;
  readonly rateLimit: string;
  stats(): Promise<HostStats>;
  /** The next `find` the server receives closes its connection: the driver clears the pool. */
  dropNextFind(): Promise<void>;
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;

/** Forks the built emulator host (`emulator-host.js` beside this file) and waits until it listens. */
export async function startEmulatorHost(config: HostConfig = {}, hostPath: string | URL = new URL('./emulator-host.js', import.meta.url)): Promise<EmulatorHost> {
  const path = typeof hostPath === 'string' ? hostPath : fileURLToPath(hostPath);
  const child = fork(path, [JSON.stringify(config)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  const waiting: { readonly type: HostMessage['type']; resolve(message: HostMessage): void; reject(error: Error): void }[] = [];
  let failure: Error | undefined;
  const fail = (error: Error): void => {
    failure ??= error;
    for (const waiter of waiting.splice(0)) waiter.reject(error);
  };
  child.on('message', (message) => {
    if (!isHostMessage(message)) return;
    if (message.type === 'error') {
      fail(new Error(`the emulator host failed: ${message.message}`));
      return;
    }
    const index = waiting.findIndex((w) => w.type === message.type);
    if (index >= 0) waiting.splice(index, 1)[0]?.resolve(message);
  });
  child.on('exit', (code) => {
    fail(new Error(`the emulator host exited (code ${String(code)})`));
  });
  const next = <T extends HostMessage['type']>(type: T): Promise<Extract<HostMessage, { type: T }>> =>
    new Promise((resolve, reject) => {
      if (failure !== undefined) {
        reject(failure);
        return;
      }
      waiting.push({ type, resolve: resolve as (message: HostMessage) => void, reject });
    });
  const request = <T extends HostMessage['type']>(message: HostRequest, reply: T): Promise<Extract<HostMessage, { type: T }>> => {
    const answer = next(reply);
    child.send(message);
    return answer;
  };

  const ready = await withTimeout(next('ready'), START_TIMEOUT_MS, child);
  return {
    mongoUri: ready.mongoUri,
    containerEnv: ready.containerEnv,
    rateLimit: ready.rateLimit,
    stats: async () => (await request({ type: 'stats' }, 'stats')).stats,
    dropNextFind: async () => {
      await request({ type: 'drop-next-find' }, 'done');
    },
    close: async () => {
      if (child.exitCode !== null || !child.connected) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve(); }));
      await request({ type: 'close' }, 'done').catch(() => undefined);
      await withTimeout(exited, 10_000, child).catch(() => child.kill());
    },
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number, child: ChildProcess): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          child.kill();
          reject(new Error(`the emulator host did not answer within ${ms} ms`));
        }, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
