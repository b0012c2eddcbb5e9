import { isIamkitError, loadSharedConfig, resolveEnv, selectProfile, type Credentials } from '@iamkit/credentials';
import { arnToMongoUser } from '@iamkit/mongodb-aws';
import { createStsClient, explainStsError, isStsError, type StsClient } from '@iamkit/sts';
import { formatMs } from '../cli/durations.js';
import type { SkewSample } from './clock.js';
import { DEFAULT_RETRIES, DEFAULT_TIMEOUT_MS, type CommonOptions } from './common-options.js';
import { stsExplanationView, type StsExplanationView } from './explanation-views.js';
import { captureResponseDates } from './response-dates.js';
import { errorView, type ErrorView } from './views.js';

/**
 * Who STS says the credentials belong to, and the `$external` user MongoDB maps that identity to.
 *
 * @example
 * ```ts
 * const who: IdentityView = { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/Alice', userId: 'AIDA…', mongoUser: 'arn:aws:iam::123456789012:user/Alice', mongoUserNote: '…' };
 * ```
 * @public
 */
export interface IdentityView {
  readonly account: string;
  readonly arn: string;
  readonly userId: string;
  /** The `$external` user name mongod derives from the ARN (a role session's name becomes `*`); null when MONGODB-AWS cannot map it. */
  readonly mongoUser: string | null;
  /** What to create on the MongoDB side (or why this identity cannot log in). */
  readonly mongoUserNote: string;
}

/**
 * The STS GetCallerIdentity check: whether STS accepts the credentials, who they are, and if not,
 * `explainStsError`'s reading of the refusal.
 *
 * @example
 * ```ts
 * const sts: StsCheck = { status: 'ok', endpoint: 'https://sts.eu-west-1.amazonaws.com/', region: 'eu-west-1', durationMs: 84, identity, stsCode: null, error: null, explanation: null, note: '' };
 * ```
 * @public
 */
export interface StsCheck {
  /** `skipped`: no credentials to check, or `--no-sts`. */
  readonly status: 'ok' | 'failed' | 'skipped';
  readonly endpoint: string | null;
  readonly region: string | null;
  readonly durationMs: number | null;
  readonly identity: IdentityView | null;
  /** STS's own error code (`SignatureDoesNotMatch`, `InvalidClientTokenId`, …). */
  readonly stsCode: string | null;
  readonly error: ErrorView | null;
  readonly explanation: StsExplanationView | null;
  /** Why it was skipped, or what else is worth knowing (a clock correction). */
  readonly note: string;
}

export function skippedSts(note: string): StsCheck {
  return { status: 'skipped', endpoint: null, region: null, durationMs: null, identity: null, stsCode: null, error: null, explanation: null, note };
}

export function identityView(identity: { readonly account: string; readonly arn: string; readonly userId: string }): IdentityView {
  let mongoUser: string | null = null;
  let mongoUserNote: string;
  try {
    mongoUser = arnToMongoUser(identity.arn);
    mongoUserNote =
      mongoUser === identity.arn
        ? 'mongod uses an IAM user’s ARN unchanged: create this user in $external (on Atlas, a database user of type "IAM User" with this ARN).'
        : `mongod names every session of this role ${mongoUser} (the session name becomes *): create that user in $external; on Atlas the database user (type "IAM Role") is the role's ARN, ${roleArnOf(identity.arn)}.`;
  } catch (error) {
    mongoUserNote = `MONGODB-AWS cannot log in as this identity: ${isIamkitError(error) ? error.message : String(error)}`;
  }
  return { account: identity.account, arn: identity.arn, userId: identity.userId, mongoUser, mongoUserNote };
}

// arn:aws:sts::123456789012:assumed-role/ROLE/session → arn:aws:iam::123456789012:role/ROLE (a
// role path, if the role has one, is not in the session ARN).
function roleArnOf(arn: string): string {
  const parts = arn.split(':');
  const role = parts.slice(5).join(':').split('/')[1] ?? 'ROLE';
  return `${parts[0] ?? 'arn'}:${parts[1] ?? 'aws'}:iam::${parts[4] ?? ''}:role/${role}`;
}

async function profileRegion(options: CommonOptions): Promise<string | undefined> {
  const env = resolveEnv(options.env);
  try {
    const config = await loadSharedConfig({ env, readFile: options.readFile });
    const region = config.profiles[selectProfile({ profile: options.profile, env }).name]?.region;
    return typeof region === 'string' && region.trim() !== '' ? region.trim() : undefined;
  } catch {
    // A broken file is the ini source's to report; the region then comes from elsewhere.
    return undefined;
  }
}

/**
 * Calls STS GetCallerIdentity with the given credentials, measuring this machine's clock against
 * STS's on the way (the `Date` of its answer, or its "Signature expired" message).
 */
export async function checkIdentity(credentials: Credentials, options: CommonOptions): Promise<{ readonly check: StsCheck; readonly skew: SkewSample | undefined }> {
  const now = options.now ?? Date.now;
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let client: StsClient;
  try {
    client = createStsClient({
      credentials,
      env: resolveEnv(options.env),
      region: options.region,
      endpoint: options.endpointUrl,
      profileRegion: await profileRegion(options),
      now,
      connectTimeoutMs: Math.min(timeout, 1_000),
      headersTimeoutMs: timeout,
      bodyTimeoutMs: timeout,
      maxAttempts: (options.retries ?? DEFAULT_RETRIES) + 1,
      userAgent: 'iamkit-cli',
    });
  } catch (error) {
    return { check: { ...skippedSts(''), status: 'failed', error: errorView(error), note: 'The STS client could not be set up (check --region and --endpoint-url).' }, skew: undefined };
  }
  const { url, region } = client.endpoint;
  const capture = captureResponseDates(new URL(url).origin, now);
  options.onProgress?.(`Asking STS who these credentials are (${url})…`);
  const started = performance.now();
  let check: StsCheck;
  let errorSkew: number | undefined;
  try {
    const identity = await client.getCallerIdentity();
    check = { status: 'ok', endpoint: url, region, durationMs: Math.round(performance.now() - started), identity: identityView(identity), stsCode: null, error: null, explanation: null, note: '' };
  } catch (error) {
    errorSkew = isStsError(error) ? error.clockSkewMs : undefined;
    check = {
      status: 'failed',
      endpoint: url,
      region,
      durationMs: Math.round(performance.now() - started),
      identity: null,
      stsCode: isStsError(error) ? (error.stsCode ?? null) : null,
      error: errorView(error),
      explanation: stsExplanationView(explainStsError(error)),
      note: '',
    };
  } finally {
    capture.stop();
  }
  const correction = client.peek().lastClockCorrection;
  if (correction !== undefined) {
    check = { ...check, note: `STS refused the first request because of the clock; it was signed again ${formatMs(Math.abs(correction.skewMs))} ${correction.skewMs > 0 ? 'later' : 'earlier'} to see whether the credentials are valid.` };
  }
  return { check, skew: skewOf(correction, capture.dates(), errorSkew) };
}

function skewOf(
  correction: { readonly skewMs: number; readonly measuredFrom: 'message' | 'date-header' } | undefined,
  dates: readonly { readonly serverMs: number; readonly receivedAtMs: number }[],
  errorSkew: number | undefined,
): SkewSample | undefined {
  if (correction?.measuredFrom === 'message') return { skewMs: correction.skewMs, measuredFrom: 'message' };
  const last = dates.at(-1);
  // The Date header has one-second resolution: the middle of that second is the best estimate.
  if (last !== undefined) return { skewMs: last.serverMs + 500 - last.receivedAtMs, measuredFrom: 'date-header' };
  if (correction !== undefined) return { skewMs: correction.skewMs, measuredFrom: correction.measuredFrom };
  return errorSkew === undefined ? undefined : { skewMs: errorSkew, measuredFrom: 'date-header' };
}
