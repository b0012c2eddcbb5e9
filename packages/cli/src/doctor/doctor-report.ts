import type { ExitCode } from '../cli/exit-codes.js';
import type { ClockCheck } from '../shared/clock.js';
import type { ChainView } from '../shared/resolve-credentials.js';
import type { StsCheck } from '../shared/sts-identity.js';
import type { CredentialsView } from '../shared/views.js';
import type { MongoCheck } from './mongodb-check.js';

/**
 * A problem `iamkit doctor` found, in plain words, with what to do.
 *
 * @example
 * ```ts
 * const problem: DoctorProblem = { check: 'clock', severity: 'error', message: 'This machine’s clock is 20 min behind STS’s clock …' };
 * ```
 * @public
 */
export interface DoctorProblem {
  readonly check: 'credentials' | 'sts' | 'clock' | 'mongodb';
  /** `error` sets the exit code; `warning` does not. */
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/**
 * What `iamkit doctor --json` prints (schema `iamkit.doctor/1`, see `DOCTOR_REPORT_SCHEMA`).
 * Never a secret: access key ids are masked, secret keys and tokens are never included.
 *
 * @example
 * ```ts
 * const report: DoctorReport = await collectDoctor();
 * if (!report.ok) for (const p of report.problems) console.error(`${p.check}: ${p.message}`);
 * ```
 * @public
 */
export interface DoctorReport {
  readonly schema: 'iamkit.doctor/1';
  /** No problem of severity `error`. */
  readonly ok: boolean;
  /** What the command exits with (see `EXIT_CODES`). */
  readonly exitCode: ExitCode;
  /** When the checks ran, ISO 8601 (this machine's clock). */
  readonly checkedAt: string;
  readonly chain: ChainView;
  /** The credentials the library would use (masked), or null. */
  readonly credentials: CredentialsView | null;
  readonly sts: StsCheck;
  readonly clock: ClockCheck;
  /** Null without `--mongodb`. */
  readonly mongodb: MongoCheck | null;
  /** Every problem found, most fundamental first. */
  readonly problems: readonly DoctorProblem[];
}
