import { IamkitError, scrubSecrets } from '@iamkit/credentials';

/**
 * The codes `@iamkit/credential-providers` raises itself; the sources underneath raise their own
 * (`ERR_INI_…`, `ERR_CONTAINER_…`, `ERR_IMDS_…`, `ERR_WEB_IDENTITY_…`, `ERR_STS_…`, …) and those pass
 * through unchanged.
 *
 * @example
 * ```ts
 * if (isIamkitError(error, 'ERR_PROVIDERS_MFA_REQUIRED' satisfies ProvidersErrorCode)) console.error(error.message);
 * ```
 * @public
 */
export type ProvidersErrorCode =
  /** `params.SerialNumber` is set and there is neither an `mfaCodeProvider` nor a `TokenCode`. */
  | 'ERR_PROVIDERS_MFA_REQUIRED'
  /** The `mfaCodeProvider` threw or returned something that is not a string. */
  | 'ERR_PROVIDERS_MFA_CODE_FAILED'
  /** The source credentials of `fromTemporaryCredentials` are not configured in this environment. */
  | 'ERR_PROVIDERS_SOURCE_UNAVAILABLE'
  /** The source the default chain has been using is no longer configured; it does not switch identity silently. */
  | 'ERR_PROVIDERS_IDENTITY_LOST';

export function providersError(code: ProvidersErrorCode, source: string, message: string, cause?: unknown): IamkitError<ProvidersErrorCode> {
  return new IamkitError({ code, source, message, cause });
}

export function invalidOption(fn: string, message: string): IamkitError {
  return new IamkitError({ code: 'ERR_CONFIG_INVALID', source: 'providers', message: `${fn}(): ${message}` });
}

/** A foreign error's message, scrubbed, and a copy of it without the original's stack or fields. */
export function scrubbedCause(error: unknown, known: readonly (string | undefined)[] = []): { message: string; cause: Error } {
  const message = scrubSecrets(error instanceof Error ? error.message : String(error), known);
  const cause = Object.assign(new Error(message), { name: error instanceof Error ? error.name : 'Error' });
  cause.stack = `${cause.name}: ${message}`;
  return { message, cause };
}
