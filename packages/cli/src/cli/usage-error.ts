import { IamkitError, isIamkitError } from '@iamkit/credentials';

/**
 * A bad command line (code `ERR_CLI_USAGE`): the message says what to change, and the command
 * exits with 64 after printing it and where to find the help.
 */
export function usageError(message: string, cause?: unknown): IamkitError<'ERR_CLI_USAGE'> {
  return new IamkitError({ code: 'ERR_CLI_USAGE', source: 'cli', message, cause });
}

export function isUsageError(value: unknown): value is IamkitError<'ERR_CLI_USAGE'> {
  return isIamkitError(value, 'ERR_CLI_USAGE');
}
