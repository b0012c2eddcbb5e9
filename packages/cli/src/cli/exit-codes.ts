/**
 * What the `iamkit` command's exit status means. Scripts can rely on these: they are part of the
 * documented interface and never change meaning.
 *
 * | code | name | meaning |
 * | --- | --- | --- |
 * | 0 | `ok` | every check passed (`explain`: the message was recognised; `sign --compare`: identical) |
 * | 1 | `noCredentials` | no credentials: no source is configured, or the configured one failed (throttled, half-configured, a bad profile) |
 * | 2 | `stsRejected` | credentials were found but STS refused them, or STS could not be asked |
 * | 3 | `clockSkew` | this machine's clock is more than 5 minutes from STS's (more than 15 fails every request) |
 * | 4 | `mongodbFailed` | `doctor --mongodb`: the MONGODB-AWS authentication (or the connection) failed |
 * | 5 | `canonicalMismatch` | `sign --compare`: the canonical requests differ |
 * | 6 | `notRecognised` | `explain`: iamkit does not recognise the message |
 * | 64 | `usage` | bad command line (unknown option, missing value) |
 * | 70 | `internal` | a bug in iamkit: please report it |
 *
 * @example
 * ```ts
 * import { EXIT_CODES } from '@iamkit/cli';
 * if (status === EXIT_CODES.clockSkew) console.error('fix the clock (NTP) first');
 * ```
 * @public
 */
export const EXIT_CODES = Object.freeze({
  ok: 0,
  noCredentials: 1,
  stsRejected: 2,
  clockSkew: 3,
  mongodbFailed: 4,
  canonicalMismatch: 5,
  notRecognised: 6,
  usage: 64,
  internal: 70,
} as const);

/**
 * One of the {@link EXIT_CODES} values.
 *
 * @example
 * ```ts
 * const code: ExitCode = EXIT_CODES.ok;
 * ```
 * @public
 */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
