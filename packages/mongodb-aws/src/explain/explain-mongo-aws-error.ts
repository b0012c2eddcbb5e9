import type { CachedProvider, Clock, CredentialsSummary } from '@iamkit/credentials';
import { deriveStsRegion } from '@iamkit/mongodb-aws-sasl';
import { explainStsError, type StsExplanation } from '@iamkit/sts';
import type { MongoAwsAdapterErrorCode } from '../adapter-errors.js';
import type { MongoAwsProvider } from '../mongo-aws-provider.js';
import { credentialFacts } from './credential-facts.js';
import { errorFacts } from './error-facts.js';
import { topicText, type MongoAwsErrorTopic } from './topics.js';

/**
 * Options of {@link explainMongoAwsError}.
 *
 * @example
 * ```ts
 * explainMongoAwsError(error, { provider, stsHost: 'sts.eu-west-1.amazonaws.com' });
 * ```
 * @public
 */
export interface ExplainMongoAwsErrorOptions {
  /** The provider the client used: its last credentials (masked) go into the explanation. */
  readonly provider?: MongoAwsProvider | CachedProvider | undefined;
  /** The STS host the server verifies with (mongod's `awsSTSUrl` host), when you know it. */
  readonly stsHost?: string | undefined;
  /** For judging expiry; default `Date.now`. */
  readonly now?: Clock | undefined;
}

/**
 * A driver failure explained: what happened, what can cause it (most likely first) and what to
 * check. Secret-free; `format()` renders it as text.
 *
 * @example
 * ```ts
 * const { summary, causes, checks }: MongoAwsExplanation = explainMongoAwsError(error, { provider });
 * ```
 * @public
 */
export interface MongoAwsExplanation {
  readonly topic: MongoAwsErrorTopic;
  /** The code {@link wrapMongoAwsError} gives this failure. */
  readonly code: MongoAwsAdapterErrorCode;
  readonly summary: string;
  readonly causes: readonly string[];
  readonly checks: readonly string[];
  /** The credentials the provider handed out last: masked key id, source, expiry, token presence. */
  readonly credentials: CredentialsSummary | undefined;
  readonly stsHost: string | undefined;
  readonly stsRegion: string | undefined;
  /** The error as received (name, code, message scrubbed of anything shaped like a secret). */
  readonly error: { readonly name: string; readonly message: string; readonly code?: number | string | undefined; readonly codeName?: string | undefined };
  /** `explainStsError`'s reading, when the chain carries an STS error. */
  readonly sts: StsExplanation | undefined;
  /** The explanation as text; not part of its JSON. */
  readonly format: () => string;
}

function regionOf(host: string | undefined): string | undefined {
  if (host === undefined) return undefined;
  try {
    return deriveStsRegion(host);
  } catch {
    return undefined;
  }
}

// explainStsError reads codes and messages out of anything; only an answer it recognises as an STS
// error is worth passing on.
function stsReading(input: unknown): StsExplanation | undefined {
  const sts = explainStsError(input);
  return sts.matched && sts.code !== 'Unknown' ? sts : undefined;
}

/**
 * Explains a MONGODB-AWS failure of the `mongodb` driver (6.x or 7.x) in plain words:
 * `MongoServerError` code 18 "Authentication failed." (the server never says why: this lists the
 * causes in order of likelihood — expired or mismatched credentials first when the provider's last
 * credentials show it, then the `$external` user that must be the IAM user or the *role* ARN, the
 * signature, the clock, the STS region), `MongoAWSError` (the credential provider failed: throttled,
 * not configured, expired, an STS error — read with `explainStsError` from `@iamkit/sts`),
 * `MongoMissingCredentialsError`, a missing optional module, credentials in the URI. Causes are
 * followed through `cause` chains, pool-cleared errors and server-selection errors. With
 * `provider`, it names the source, masked access key id and expiry of the credentials the driver
 * was handed. Never a secret.
 *
 * @example
 * ```ts
 * try {
 *   await client.db('app').collection('orders').findOne();
 * } catch (error) {
 *   const explanation = explainMongoAwsError(error, { provider });
 *   console.error(explanation.format());
 * }
 * ```
 * @public
 */
export function explainMongoAwsError(error: unknown, options: ExplainMongoAwsErrorOptions = {}): MongoAwsExplanation {
  const facts = errorFacts(error);
  const now = (options.now ?? Date.now)();
  const credentials = credentialFacts(options.provider, now);
  const stsHost = options.stsHost;
  const stsRegion = regionOf(stsHost);
  const sts = stsReading(error);
  const text = topicText({ facts, credentials, stsHost, stsRegion, sts });
  const first = facts.links[0];
  const explanation = {
    topic: text.topic,
    code: text.code,
    summary: text.summary,
    causes: Object.freeze([...text.causes]),
    checks: Object.freeze([...text.checks]),
    credentials: credentials?.summary,
    stsHost,
    stsRegion,
    error: { name: first?.name ?? 'Error', message: first?.message ?? '', code: first?.code, codeName: first?.codeName },
    sts,
  } as MongoAwsExplanation;
  Object.defineProperty(explanation, 'format', { value: () => formatMongoAwsExplanation(explanation, credentials?.line), enumerable: false });
  return Object.freeze(explanation);
}

function formatMongoAwsExplanation(explanation: MongoAwsExplanation, credentialsLine: string | undefined): string {
  const lines = [`MONGODB-AWS: ${explanation.summary}`];
  lines.push(`  (${explanation.error.name}${explanation.error.code === undefined ? '' : ` ${String(explanation.error.code)}`}: ${explanation.error.message})`);
  if (credentialsLine !== undefined) lines.push(`Credentials: ${credentialsLine}`);
  if (explanation.stsHost !== undefined) lines.push(`STS: ${explanation.stsHost} (${explanation.stsRegion ?? 'no valid region'})`);
  if (explanation.causes.length > 0) lines.push('', 'Possible causes, most likely first:', ...explanation.causes.map((cause) => `  - ${cause}`));
  if (explanation.checks.length > 0) lines.push('', 'Check:', ...explanation.checks.map((check, i) => `  ${i + 1}. ${check}`));
  return lines.join('\n');
}
