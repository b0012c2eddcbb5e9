import type { CredentialProvider } from '@iamkit/credentials';

/** A provider that records how long each call took (success or failure), for the report. */
export function timedProvider(provider: CredentialProvider, now: () => number = () => performance.now()): { readonly provider: CredentialProvider; durations(): number[] } {
  const durations: number[] = [];
  return {
    provider: (options) => {
      const started = now();
      const done = (): void => {
        durations.push(now() - started);
      };
      const call = provider(options);
      call.then(done, done);
      return call;
    },
    durations: () => [...durations].sort((a, b) => a - b),
  };
}
