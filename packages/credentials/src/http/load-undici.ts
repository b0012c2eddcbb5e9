import type * as Undici from 'undici';

let loading: Promise<typeof Undici> | undefined;

/**
 * undici, loaded on the first HTTP request rather than when iamkit is imported: loading it costs
 * about 100 ms of start-up on a small machine, which a process that never makes a request (env or
 * profile credentials, a CLI printing help) should not pay.
 */
export function loadUndici(): Promise<typeof Undici> {
  loading ??= import('undici');
  return loading;
}
