import { IamkitError } from '@iamkit/credentials';

/**
 * The codes `@iamkit/emulators` raises. They all travel in an `IamkitError` from
 * `@iamkit/credentials`, so `isIamkitError(error, 'ERR_EMULATOR_LISTEN_FAILED')` works.
 *
 * @example
 * ```ts
 * import { isIamkitError } from '@iamkit/credentials';
 * try { await startImds({ port: 80 }); } catch (e) { if (isIamkitError(e, 'ERR_EMULATOR_LISTEN_FAILED')) useAnotherPort(); }
 * ```
 * @public
 */
export type EmulatorErrorCode =
  /** An option passed to `startX()` or a handle method has a value the emulator cannot use. */
  | 'ERR_EMULATOR_OPTION_INVALID'
  /** A fault rule passed to `handle.faults.push()` is malformed. */
  | 'ERR_EMULATOR_FAULT_INVALID'
  /** The server could not listen on the requested host and port. */
  | 'ERR_EMULATOR_LISTEN_FAILED';

/** Builds the error for a bad option; `option` names what to change. */
export function optionError(emulator: string, option: string, problem: string): IamkitError<EmulatorErrorCode> {
  return new IamkitError<EmulatorErrorCode>({
    code: 'ERR_EMULATOR_OPTION_INVALID',
    source: emulator,
    message: `${emulator}: option \`${option}\` ${problem}.`,
  });
}

/** Builds the error for a malformed fault rule; `field` names the rule field to fix. */
export function faultError(emulator: string, field: string, problem: string): IamkitError<EmulatorErrorCode> {
  return new IamkitError<EmulatorErrorCode>({
    code: 'ERR_EMULATOR_FAULT_INVALID',
    source: emulator,
    message: `${emulator}: fault rule \`${field}\` ${problem}.`,
  });
}

/** Builds the error for a failed listen, keeping the system error (EADDRINUSE, …) as the cause. */
export function listenError(emulator: string, address: string, cause: unknown): IamkitError<EmulatorErrorCode> {
  const code = (cause as { code?: unknown } | undefined)?.code;
  const why = typeof code === 'string' ? code : 'an error';
  return new IamkitError<EmulatorErrorCode>({
    code: 'ERR_EMULATOR_LISTEN_FAILED',
    source: emulator,
    message: `${emulator}: cannot listen on ${address} (${why}). Pass \`port: 0\` for a free port, or another \`host\`.`,
    cause,
  });
}
