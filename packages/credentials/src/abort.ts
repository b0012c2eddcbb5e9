import { IamkitError } from './errors.js';

/** The `ERR_ABORTED` error for a caller whose AbortSignal fired. */
export function abortedError(signal: AbortSignal, source: string, what: string): IamkitError {
  return new IamkitError({
    code: 'ERR_ABORTED',
    source,
    message: `${source}: ${what} was abandoned because the caller's AbortSignal fired.`,
    cause: signal.reason,
  });
}

/**
 * Waits for `promise` unless `signal` fires first. The promise itself keeps running: it may be a
 * fetch shared with other callers, which must not be cancelled because one of them gave up.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined, source: string, what: string): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(abortedError(signal, source, what));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      reject(abortedError(signal, source, what));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
