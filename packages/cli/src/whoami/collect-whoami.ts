import { type Credentials } from '@iamkit/credentials';
import { EXIT_CODES, type ExitCode } from '../cli/exit-codes.js';
import { clockCheck, type ClockCheck } from '../shared/clock.js';
import type { CommonOptions } from '../shared/common-options.js';
import { readEachFileOnce } from '../shared/read-once.js';
import { resolveCredentials } from '../shared/resolve-credentials.js';
import { checkIdentity, skippedSts, type IdentityView, type StsCheck } from '../shared/sts-identity.js';
import { errorView, type CredentialsView, type ErrorView } from '../shared/views.js';

/**
 * What `iamkit whoami --json` prints (schema `iamkit.whoami/1`, see `WHOAMI_REPORT_SCHEMA`).
 *
 * @example
 * ```ts
 * const { identity, source }: WhoamiReport = await collectWhoami();
 * console.log(`${identity?.arn} (from ${source})`);
 * ```
 * @public
 */
export interface WhoamiReport {
  readonly schema: 'iamkit.whoami/1';
  readonly ok: boolean;
  /** 0, 1 (no credentials) or 2 (STS did not accept them). */
  readonly exitCode: ExitCode;
  /** The source of the default chain that supplied the credentials. */
  readonly source: string | null;
  readonly credentials: CredentialsView | null;
  /** Account, Arn, UserId, and the `$external` user MongoDB maps the ARN to. */
  readonly identity: IdentityView | null;
  readonly sts: StsCheck;
  /** Measured on the same answer; `whoami` reports it but does not fail on it (`doctor` does). */
  readonly clock: ClockCheck;
  /** Why there are no credentials (the chain's own message, listing every source). */
  readonly error: ErrorView | null;
}

/** whoami's report, and the credentials for the caller that must keep them out of its output. */
export async function runWhoami(given: CommonOptions): Promise<{ readonly report: WhoamiReport; readonly credentials: Credentials | undefined }> {
  // The chain and the STS region read the same shared files: once per run.
  const options = { ...given, readFile: readEachFileOnce(given.readFile) };
  const resolved = await resolveCredentials(options);
  const { credentials } = resolved;
  if (credentials === undefined) {
    const report: WhoamiReport = {
      schema: 'iamkit.whoami/1',
      ok: false,
      exitCode: EXIT_CODES.noCredentials,
      source: resolved.chain.decidedBy,
      credentials: null,
      identity: null,
      sts: skippedSts('No credentials to check.'),
      clock: clockCheck(undefined, 'Not measured: no credentials.'),
      error: resolved.error === undefined ? null : errorView(resolved.error),
    };
    return { report, credentials };
  }
  const { check, skew } = await checkIdentity(credentials, options);
  const ok = check.status === 'ok';
  const report: WhoamiReport = {
    schema: 'iamkit.whoami/1',
    ok,
    exitCode: ok ? EXIT_CODES.ok : EXIT_CODES.stsRejected,
    source: resolved.chain.decidedBy,
    credentials: resolved.selected,
    identity: check.identity,
    sts: check,
    clock: clockCheck(skew, 'Not measured: STS could not be reached.'),
    error: null,
  };
  return { report, credentials };
}

/**
 * `iamkit whoami` as data: the default chain's credentials, STS GetCallerIdentity with them
 * (Account, Arn, UserId), which source supplied them, and the `$external` user name mongod maps
 * that ARN to (`arnToMongoUser` of `@iamkit/mongodb-aws`: an IAM user unchanged, a role session as
 * `…:assumed-role/ROLE/*`). Secret-free.
 *
 * @example
 * ```ts
 * import { collectWhoami } from '@iamkit/cli';
 * const report = await collectWhoami({ profile: 'prod' });
 * console.log(report.identity?.mongoUser);
 * ```
 * @public
 */
export async function collectWhoami(options: CommonOptions = {}): Promise<WhoamiReport> {
  return (await runWhoami(options)).report;
}
