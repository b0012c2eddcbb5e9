import type { MongoAwsExplanation } from '@iamkit/mongodb-aws';
import type { StsExplanation } from '@iamkit/sts';

/**
 * `explainStsError`'s reading of an STS error, in the CLI's stable JSON shape.
 *
 * @example
 * ```ts
 * const view: StsExplanationView = { code: 'SignatureDoesNotMatch', topic: 'signature-expired', title: '…', cause: '…', likelyCauses: [], fixes: ['…'], retryable: false, skew: null, details: null };
 * ```
 * @public
 */
export interface StsExplanationView {
  /** STS's code (`Unknown` when the message carried none and none is implied). */
  readonly code: string;
  /** A stable id such as `signature-expired`, `invalid-client-token-id`, `throttling`, `unknown`. */
  readonly topic: string;
  readonly title: string;
  readonly cause: string;
  readonly likelyCauses: readonly string[];
  readonly fixes: readonly string[];
  readonly retryable: boolean;
  /** The clock skew the error reveals. */
  readonly skew: { readonly skewMs: number; readonly direction: 'behind' | 'ahead'; readonly measuredFrom: 'message' | 'date-header'; readonly dateOnly: boolean } | null;
  /** Values read from the message: `principal`, `roleArn`, `issuer`, … */
  readonly details: Readonly<Record<string, string>> | null;
}

/**
 * `explainMongoAwsError`'s reading of a MONGODB-AWS failure, in the CLI's stable JSON shape.
 *
 * @example
 * ```ts
 * const view: MongoExplanationView = { topic: 'authentication-failed', code: 'ERR_MONGODB_AWS_AUTH_FAILED', summary: '…', causes: ['…'], checks: ['…'], credentials: null, error: { name: 'MongoServerError', message: 'Authentication failed.', code: 18 }, sts: null };
 * ```
 * @public
 */
export interface MongoExplanationView {
  /** `authentication-failed`, `credentials-throttled`, `credentials-not-configured`, `module-missing`, … `unknown`. */
  readonly topic: string;
  readonly code: string;
  readonly summary: string;
  /** Most likely first. */
  readonly causes: readonly string[];
  readonly checks: readonly string[];
  /** The credentials the driver was handed (masked). */
  readonly credentials: { readonly accessKeyId: string; readonly source: string | null; readonly sessionToken: boolean; readonly expiration: string | null } | null;
  readonly error: { readonly name: string; readonly message: string; readonly code: number | string | null };
  /** When an STS error is in the chain. */
  readonly sts: StsExplanationView | null;
}

export function stsExplanationView(explanation: StsExplanation): StsExplanationView {
  const { skew } = explanation;
  return {
    code: explanation.code,
    topic: explanation.topic,
    title: explanation.title,
    cause: explanation.cause,
    likelyCauses: [...explanation.likelyCauses],
    fixes: [...explanation.fixes],
    retryable: explanation.retryable,
    skew: skew === undefined ? null : { skewMs: skew.skewMs, direction: skew.direction, measuredFrom: skew.measuredFrom, dateOnly: skew.dateOnly },
    details: explanation.details === undefined ? null : { ...explanation.details },
  };
}

export function mongoExplanationView(explanation: MongoAwsExplanation): MongoExplanationView {
  const creds = explanation.credentials;
  return {
    topic: explanation.topic,
    code: explanation.code,
    summary: explanation.summary,
    causes: [...explanation.causes],
    checks: [...explanation.checks],
    credentials:
      creds === undefined ? null : { accessKeyId: creds.accessKeyId, source: creds.source ?? null, sessionToken: creds.sessionToken !== undefined, expiration: creds.expiration ?? null },
    error: { name: explanation.error.name, message: explanation.error.message, code: explanation.error.code ?? null },
    sts: explanation.sts === undefined ? null : stsExplanationView(explanation.sts),
  };
}
