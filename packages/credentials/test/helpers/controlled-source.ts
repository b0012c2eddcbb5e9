import type { CredentialProviderOptions, Credentials } from '../../src/index.js';

interface Pending {
  readonly options: CredentialProviderOptions | undefined;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** A provider whose every call waits until the test resolves or rejects it. */
export interface ControlledSource {
  readonly provider: (options?: CredentialProviderOptions) => Promise<Credentials>;
  /** Calls made so far. */
  readonly calls: number;
  /** Calls not yet settled. */
  readonly pending: number;
  readonly lastOptions: CredentialProviderOptions | undefined;
  resolve(value: unknown): Promise<void>;
  reject(error: unknown): Promise<void>;
}

export function controlledSource(): ControlledSource {
  const queue: Pending[] = [];
  let calls = 0;
  let lastOptions: CredentialProviderOptions | undefined;
  const take = (): Pending => {
    const next = queue.shift();
    if (next === undefined) throw new Error('no pending call to settle');
    return next;
  };
  return {
    provider: (options) => {
      calls += 1;
      lastOptions = options;
      return new Promise<Credentials>((resolve, reject) => queue.push({ options, resolve: resolve, reject }));
    },
    get calls() {
      return calls;
    },
    get pending() {
      return queue.length;
    },
    get lastOptions() {
      return lastOptions;
    },
    async resolve(value) {
      take().resolve(value);
      await flush();
    },
    async reject(error) {
      take().reject(error);
      await flush();
    },
  };
}

/** Lets every settled promise's callbacks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
  await new Promise((resolve) => setImmediate(resolve));
}

/** Whether a promise has settled yet, without waiting for it. */
export async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await flush();
  return settled;
}

/** Runs `fn` and returns its result as a promise (a throw becomes a rejection): a provider without awaits. */
export function later<T>(fn: () => T): Promise<Awaited<T>> {
  return new Promise<Awaited<T>>((resolve) => {
    resolve(fn() as Awaited<T>);
  });
}
