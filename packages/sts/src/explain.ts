import { scrubSecrets } from '@iamkit/credentials';
import { SKEW_THRESHOLD_MS, skewFromMessage } from './clock-skew.js';
import { factsOf, type ErrorFacts } from './explain-facts.js';
import { formatSkew, type StsSkew, type Topic } from './explain-topic.js';
import { CREDENTIAL_TOPICS } from './explain-topics-credentials.js';
import { ROLE_TOPICS } from './explain-topics-roles.js';
import { SIGNING_TOPICS } from './explain-topics-signing.js';

/**
 * What an STS error means and what to do about it.
 *
 * @example
 * ```ts
 * const { code, cause, fixes, skew } : StsExplanation = explainStsError('An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.');
 * ```
 * @public
 */
export interface StsExplanation {
  /** STS's error code (`SignatureDoesNotMatch`, …), implied from the message when only that was given; `Unknown` otherwise. */
  readonly code: string;
  /** A stable id for the explanation, e.g. `signature-expired`, `access-denied-assume-role`, `unknown`. */
  readonly topic: string;
  readonly title: string;
  /** The error message as found, with anything shaped like a secret removed. */
  readonly message: string;
  /** What the message actually means, with the specifics it carries (ARNs, times). */
  readonly cause: string;
  /** What typically leads to it, most likely first. */
  readonly likelyCauses: readonly string[];
  /** What to change, most useful first. */
  readonly fixes: readonly string[];
  /** Whether the same request can succeed later unchanged (throttling, an unreachable IdP, 5xx). */
  readonly retryable: boolean;
  /** False when iamkit does not recognise the error (the explanation is then generic). */
  readonly matched: boolean;
  /** The clock skew the error reveals or the client measured. */
  readonly skew?: StsSkew | undefined;
  readonly status?: number | undefined;
  readonly requestId?: string | undefined;
  readonly action?: string | undefined;
  /** The iamkit error code, when the input was an iamkit error. */
  readonly iamkitCode?: string | undefined;
  /** Values read from the message: `principal`, `roleArn`, `issuer`, … */
  readonly details?: Readonly<Record<string, string>> | undefined;
  /** The explanation as text (see {@link formatStsExplanation}); not part of its JSON. */
  readonly format: () => string;
}

const TOPICS: readonly Topic[] = [...SIGNING_TOPICS, ...ROLE_TOPICS, ...CREDENTIAL_TOPICS];
const DAY_MS = 24 * 60 * 60_000;

function skewOf(facts: ErrorFacts): StsSkew | undefined {
  const fromMessage = skewFromMessage(facts.message);
  if (fromMessage !== undefined) {
    const request = fromMessage.requestTime;
    const midnight = request.getUTCHours() === 0 && request.getUTCMinutes() === 0 && request.getUTCSeconds() === 0;
    return {
      skewMs: fromMessage.skewMs,
      direction: fromMessage.skewMs >= 0 ? 'behind' : 'ahead',
      requestTime: request.toISOString(),
      serverTime: fromMessage.serverTime.toISOString(),
      dateOnly: midnight && fromMessage.skewMs > 0 && fromMessage.skewMs < DAY_MS + fromMessage.windowMinutes * 60_000,
      measuredFrom: 'message',
    };
  }
  if (facts.clockSkewMs === undefined) return undefined;
  return { skewMs: facts.clockSkewMs, direction: facts.clockSkewMs >= 0 ? 'behind' : 'ahead', dateOnly: false, measuredFrom: 'date-header' };
}

function findTopic(facts: ErrorFacts): { topic: Topic; match: RegExpExecArray | null } | undefined {
  for (const topic of TOPICS) {
    const match = topic.pattern?.exec(facts.message) ?? null;
    if (match !== null) return { topic, match };
  }
  for (const code of [facts.awsCode, facts.iamkitCode]) {
    if (code === undefined) continue;
    const topic = TOPICS.find((t) => t.codes?.includes(code) === true);
    if (topic !== undefined) return { topic, match: null };
  }
  const byStatus = facts.status === 429 ? 'throttling' : facts.status !== undefined && facts.status >= 500 ? 'service-error' : undefined;
  const topic = TOPICS.find((t) => t.topic === byStatus);
  return topic === undefined ? undefined : { topic, match: null };
}

function unknownText(facts: ErrorFacts) {
  return {
    cause: facts.message === '' ? 'No error message was given.' : `iamkit does not recognise this error: ${facts.message}`,
    likelyCauses: [],
    fixes: [
      facts.awsCode === undefined ? 'Look for an STS error code (e.g. SignatureDoesNotMatch) in the full error output and explain that.' : `Look up ${facts.awsCode} in the AWS STS API reference (Common Errors).`,
      'Run `iamkit doctor` to check the credential chain, the STS endpoint and this machine’s clock.',
    ],
  };
}

/**
 * Turns an STS error into its cause and fixes. It accepts an error of this client (with STS's
 * code, request id and the measured clock skew), an AWS SDK exception, a driver error wrapping
 * either (its `cause` chain is searched), or a message copied from anywhere — an AWS CLI line, a
 * log, an `<ErrorResponse>` or its JSON form, a bare STS message. It covers every misleading STS
 * message (missing authentication token, invalid or expired security token, signature expired
 * with the measured skew, signature mismatch) and throttling, AccessDenied on AssumeRole,
 * InvalidIdentityToken, ExpiredToken, RegionDisabled, IDPRejectedClaim, MalformedPolicyDocument and
 * PackedPolicyTooLarge. Secrets in the input never reach the explanation.
 *
 * @example
 * ```ts
 * const explanation = explainStsError('Signature expired: 20200317T000000Z is now earlier than 20200317T222541Z (20200317T224041Z - 15 min.)');
 * explanation.skew; // { skewMs: 81641000, direction: 'behind', dateOnly: true, … }
 * console.log(explanation.format());
 * ```
 * @public
 */
export function explainStsError(input: unknown): StsExplanation {
  const facts = factsOf(input);
  const skew = skewOf(facts);
  const found = findTopic(facts);
  const text = found === undefined ? unknownText(facts) : found.topic.explain(facts, found.match, skew);
  const explanation: Omit<StsExplanation, 'format'> = {
    code: facts.awsCode ?? found?.topic.impliedCode ?? 'Unknown',
    topic: found?.topic.topic ?? 'unknown',
    title: found?.topic.title ?? 'An error iamkit does not recognise',
    message: facts.message,
    cause: text.cause,
    likelyCauses: text.likelyCauses,
    fixes: text.fixes,
    retryable: found?.topic.retryable ?? false,
    matched: found !== undefined,
    ...(skew === undefined ? {} : { skew }),
    ...(facts.status === undefined ? {} : { status: facts.status }),
    ...(facts.requestId === undefined ? {} : { requestId: facts.requestId }),
    ...(facts.action === undefined ? {} : { action: facts.action }),
    ...(facts.iamkitCode === undefined ? {} : { iamkitCode: facts.iamkitCode }),
    ...('details' in text && text.details !== undefined ? { details: text.details } : {}),
  };
  const result = explanation as StsExplanation;
  Object.defineProperty(result, 'format', { value: () => formatStsExplanation(result), enumerable: false });
  return Object.freeze(result);
}

/**
 * An explanation as text for a terminal or a log, e.g. what `iamkit explain "<message>"` prints.
 *
 * @example
 * ```ts
 * console.error(formatStsExplanation(explainStsError(error)));
 * // SignatureDoesNotMatch — The signature expired: the request time is more than 15 minutes in the past
 * //   Signature expired: 20200317T000000Z is now earlier than …
 * // Cause: …
 * ```
 * @public
 */
export function formatStsExplanation(explanation: Omit<StsExplanation, 'format'>): string {
  const lines = [`${explanation.code} — ${explanation.title}`];
  if (explanation.message !== '') lines.push(`  ${scrubSecrets(explanation.message)}`);
  const meta = [explanation.action === undefined ? '' : `action ${explanation.action}`, explanation.status === undefined ? '' : `HTTP ${explanation.status}`, explanation.requestId === undefined ? '' : `request id ${explanation.requestId}`].filter((m) => m !== '');
  if (meta.length > 0) lines.push(`  (${meta.join(', ')})`);
  lines.push('', `Cause: ${explanation.cause}`);
  const { skew } = explanation;
  if (skew !== undefined) {
    const source = skew.measuredFrom === 'message' ? 'the message' : 'the response’s Date header';
    const times = skew.requestTime === undefined ? '' : ` (request ${skew.requestTime}, STS ${skew.serverTime ?? '?'})`;
    lines.push(
      Math.abs(skew.skewMs) < SKEW_THRESHOLD_MS
        ? `Clock: within ${formatSkew(skew.skewMs)} of STS’s clock (from ${source}): not a clock problem.`
        : `Clock: the request was signed ${formatSkew(skew.skewMs)} ${skew.direction === 'behind' ? 'behind' : 'ahead of'} STS’s clock${times}, measured from ${source}.`,
    );
  }
  if (explanation.likelyCauses.length > 0) lines.push('', 'Likely causes:', ...explanation.likelyCauses.map((c) => `  - ${c}`));
  if (explanation.fixes.length > 0) lines.push('', 'Fixes:', ...explanation.fixes.map((f, i) => `  ${i + 1}. ${f}`));
  if (explanation.retryable) lines.push('', 'Retrying later can succeed without changes.');
  return lines.join('\n');
}
