import { isIamkitError, type Credentials } from '@iamkit/credentials';
import { formatMs } from '../cli/durations.js';
import { EXIT_CODES, type ExitCode } from '../cli/exit-codes.js';
import { clockCheck, type ClockCheck } from '../shared/clock.js';
import { DEFAULT_TIMEOUT_MS, type CommonOptions } from '../shared/common-options.js';
import { readEachFileOnce } from '../shared/read-once.js';
import { resolveCredentials, type ResolvedCredentials } from '../shared/resolve-credentials.js';
import { checkIdentity, skippedSts, type StsCheck } from '../shared/sts-identity.js';
import { errorView } from '../shared/views.js';
import type { DoctorProblem, DoctorReport } from './doctor-report.js';
import { checkMongodb, skippedMongo, type MongoCheck } from './mongodb-check.js';

/**
 * Options of {@link collectDoctor}: the common ones, plus what to check.
 *
 * @example
 * ```ts
 * await collectDoctor({ tryAll: true, mongodbUri: 'mongodb+srv://cluster0.example.mongodb.net/' });
 * ```
 * @public
 */
export interface DoctorOptions extends CommonOptions {
  /** Ask every source, even after one decided (`--all`): shows every identity this environment could supply. */
  readonly tryAll?: boolean | undefined;
  /** Ask STS who the credentials are and compare clocks (default true; `--no-sts` turns it off). */
  readonly sts?: boolean | undefined;
  /** Authenticate one MONGODB-AWS connection to this URI with the resolved credentials (`--mongodb`). */
  readonly mongodbUri?: string | undefined;
  /** Loads the `mongodb` driver; default `import('mongodb')`. */
  readonly loadMongodb?: (() => Promise<unknown>) | undefined;
}

const MANDATORY_WINDOW_MS = 5 * 60_000;

function credentialProblems(resolved: ResolvedCredentials): DoctorProblem[] {
  const { error, chain, selected } = resolved;
  if (error !== undefined) {
    if (isIamkitError(error, 'ERR_CREDENTIALS_NONE_CONFIGURED')) {
      return [{ check: 'credentials', severity: 'error', message: 'No credential source is configured in this environment: each source above says what would configure it.' }];
    }
    const view = errorView(error);
    const what = view.throttled
      ? 'is configured but THROTTLED (HTTP 429): the credentials are not missing, the endpoint is rate-limiting this client'
      : 'is configured but failed, and the chain stops there: it never falls through to another identity';
    return [{ check: 'credentials', severity: 'error', message: `${chain.decidedBy ?? view.source ?? 'A source'} ${what} (${view.code}). Its message in the chain says what to change.` }];
  }
  if (selected?.expiresInMs !== null && selected?.expiresInMs !== undefined && selected.expiresInMs <= MANDATORY_WINDOW_MS) {
    return [{ check: 'credentials', severity: 'warning', message: `The credentials from ${selected.source ?? 'the chain'} expire in ${formatMs(selected.expiresInMs)}: MongoDB (and the iamkit cache) never use credentials this close to expiry; the source should hand out fresh ones.` }];
  }
  return [];
}

function stsProblems(sts: StsCheck): DoctorProblem[] {
  if (sts.status !== 'failed') return [];
  const why = sts.explanation === null ? (sts.error?.message ?? 'unknown error') : `${sts.explanation.code} — ${sts.explanation.cause}`;
  return [{ check: 'sts', severity: 'error', message: `STS did not accept the credentials: ${why}` }];
}

function exitCodeOf(resolved: ResolvedCredentials, sts: StsCheck, clock: ClockCheck, mongodb: MongoCheck | null): ExitCode {
  if (resolved.credentials === undefined) return EXIT_CODES.noCredentials;
  if (sts.status === 'failed') return EXIT_CODES.stsRejected;
  if (clock.status === 'warning' || clock.status === 'fatal') return EXIT_CODES.clockSkew;
  if (mongodb?.status === 'failed') return EXIT_CODES.mongodbFailed;
  return EXIT_CODES.ok;
}

/** The doctor's checks, and the resolved credentials for the caller that must keep them out of its output. */
export async function runDoctor(given: DoctorOptions): Promise<{ readonly report: DoctorReport; readonly credentials: Credentials | undefined }> {
  // The chain and the STS region read the same shared files: once per run.
  const options = { ...given, readFile: readEachFileOnce(given.readFile) };
  const now = options.now ?? Date.now;
  const checkedAt = new Date(now()).toISOString();
  const resolved = await resolveCredentials(options, options.tryAll === true);
  const { credentials } = resolved;

  let sts: StsCheck;
  let clock: ClockCheck;
  if (credentials === undefined) {
    sts = skippedSts('No credentials to check.');
    clock = clockCheck(undefined, 'Not measured: it is measured on STS’s answer, and there are no credentials to ask STS with.');
  } else if (options.sts === false) {
    sts = skippedSts('Skipped (--no-sts).');
    clock = clockCheck(undefined, 'Not measured (--no-sts).');
  } else {
    const result = await checkIdentity(credentials, options);
    sts = result.check;
    clock = clockCheck(result.skew, 'Not measured: STS could not be reached.');
  }

  let mongodb: MongoCheck | null = null;
  if (options.mongodbUri !== undefined) {
    mongodb =
      credentials === undefined
        ? skippedMongo(options.mongodbUri, 'No credentials to authenticate with.')
        : await checkMongodb(options.mongodbUri, credentials, { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, loadMongodb: options.loadMongodb, onProgress: options.onProgress });
  }

  const problems: DoctorProblem[] = [...credentialProblems(resolved), ...stsProblems(sts)];
  if (clock.status === 'warning' || clock.status === 'fatal') problems.push({ check: 'clock', severity: 'error', message: clock.message });
  if (mongodb?.status === 'failed') {
    problems.push({ check: 'mongodb', severity: 'error', message: mongodb.explanation?.summary ?? (mongodb.note !== '' ? mongodb.note : (mongodb.error?.message ?? 'MongoDB authentication failed.')) });
  }
  const exitCode = exitCodeOf(resolved, sts, clock, mongodb);
  const report: DoctorReport = {
    schema: 'iamkit.doctor/1',
    ok: exitCode === EXIT_CODES.ok,
    exitCode,
    checkedAt,
    chain: resolved.chain,
    credentials: resolved.selected,
    sts,
    clock,
    mongodb,
    problems,
  };
  return { report, credentials };
}

/**
 * What `iamkit doctor` checks, as data: the default chain walked exactly as
 * `fromNodeProviderChain` walks it (per source: configured or not and why, what it returned —
 * masked —, how long it took, what failed), the source the library would pick, STS's answer to
 * GetCallerIdentity with those credentials (explained with `explainStsError` when refused), this
 * machine's clock against STS's (more than 5 minutes is a problem, more than 15 fatal), and
 * optionally one MONGODB-AWS authentication (explained with `explainMongoAwsError`). Secret-free.
 *
 * @example
 * ```ts
 * import { collectDoctor, renderDoctor } from '@iamkit/cli';
 * const report = await collectDoctor({ region: 'eu-west-1' });
 * console.log(renderDoctor(report));
 * process.exitCode = report.exitCode;
 * ```
 * @public
 */
export async function collectDoctor(options: DoctorOptions = {}): Promise<DoctorReport> {
  return (await runDoctor(options)).report;
}
