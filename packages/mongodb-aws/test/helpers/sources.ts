import { createCredentials, type CredentialProviderOptions, type Credentials } from '@iamkit/credentials';

export const K1 = Object.freeze({ accessKeyId: 'ASIAFIRSTKEYEXAMPLE1', secretAccessKey: 'firstSecretKeyfirstSecretKeyfirstSecret1', sessionToken: 'IQoJb3JpZ2luX2VjFIRSTSESSIONTOKENVALUE111' });
export const K2 = Object.freeze({ accessKeyId: 'ASIASECONDKEYEXAMPL2', secretAccessKey: 'secondSecretKeysecondSecretKeysecondSec2', sessionToken: 'IQoJb3JpZ2luX2VjSECONDSESSIONTOKENVALUE22' });
export const SECRETS = [K1.secretAccessKey, K1.sessionToken, K2.secretAccessKey, K2.sessionToken];

/** A source answering from a script of credentials (the last one repeats), counting its calls. */
export function scriptedSource(script: readonly { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string; readonly expiration?: Date }[], source = 'container'): {
  readonly provider: (options?: CredentialProviderOptions) => Promise<Credentials>;
  readonly calls: number;
} {
  let calls = 0;
  return {
    provider: async () => {
      const next = script[Math.min(calls, script.length - 1)];
      calls += 1;
      if (next === undefined) throw new Error('empty script');
      return createCredentials(next, source);
    },
    get calls() {
      return calls;
    },
  };
}

/** A source whose calls wait until the test settles them. */
export function heldSource(source = 'container'): {
  readonly provider: () => Promise<Credentials>;
  readonly calls: number;
  resolve(init: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string; readonly expiration?: Date }): void;
  reject(error: unknown): void;
} {
  const pending: { resolve(value: Credentials): void; reject(error: unknown): void }[] = [];
  let calls = 0;
  return {
    provider: () => {
      calls += 1;
      return new Promise<Credentials>((resolve, reject) => pending.push({ resolve, reject }));
    },
    get calls() {
      return calls;
    },
    resolve(init) {
      const next = pending.shift();
      if (next === undefined) throw new Error('no pending call');
      next.resolve(createCredentials(init, source));
    },
    reject(error) {
      const next = pending.shift();
      if (next === undefined) throw new Error('no pending call');
      next.reject(error);
    },
  };
}

/** Lets settled promises' callbacks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
  await new Promise((resolve) => setImmediate(resolve));
}
