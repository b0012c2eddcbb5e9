import { scrubSecrets } from '@iamkit/credentials';
import { explainMongoAwsError } from '@iamkit/mongodb-aws';
import { explainStsError } from '@iamkit/sts';
import { EXIT_CODES, type ExitCode } from '../cli/exit-codes.js';
import { mongoExplanationView, stsExplanationView, type MongoExplanationView, type StsExplanationView } from '../shared/explanation-views.js';

/**
 * What `iamkit explain --json` prints (schema `iamkit.explain/1`).
 *
 * @example
 * ```ts
 * const { kind, sts, mongodb }: ExplainReport = collectExplain('MongoServerError: Authentication failed.');
 * ```
 * @public
 */
export interface ExplainReport {
  readonly schema: 'iamkit.explain/1';
  /** Whether iamkit recognises the message. */
  readonly recognised: boolean;
  /** 0 when recognised, 6 when not. */
  readonly exitCode: ExitCode;
  /** `mongodb`: a MONGODB-AWS failure of the driver; `sts`: an STS (or SigV4) error; `unknown`. */
  readonly kind: 'mongodb' | 'sts' | 'unknown';
  /** The message as read (secrets removed, at most 2000 characters). */
  readonly message: string;
  readonly sts: StsExplanationView | null;
  readonly mongodb: MongoExplanationView | null;
}

const MAX_MESSAGE = 2_000;
// Topics only a driver failure has; the others (throttling, STS errors) are the driver's only in its context.
const MONGO_TOPICS = new Set(['authentication-failed', 'module-missing', 'explicit-credentials', 'missing-credentials']);
const MONGO_CONTEXT = /Mongo\w*Error|MONGODB-AWS|MongoDB|\bmongod\b|AWS_CREDENTIAL_PROVIDER/;

/**
 * An error as a driver would have thrown it, from its printed form (`MongoAWSError: Optional module …`):
 * explainMongoAwsError reads names, codes and module names from error objects, not from plain text.
 */
function errorFromText(text: string): { name: string; message: string; code?: number } {
  const match = /^(?:Uncaught\s+)?(\w*(?:Error|Exception))(?:\s*\[[\w-]+\])?:\s*([\s\S]*)$/.exec(text);
  const code = /\bcode[:=\s]+(\d+)\b/.exec(text)?.[1];
  return { name: match?.[1] ?? 'Error', message: match?.[2] ?? text, ...(code === undefined ? {} : { code: Number(code) }) };
}

/**
 * Explains an error message copied from anywhere — an STS answer (AWS CLI, SDK, Go, XML or JSON),
 * a `mongodb` driver error about MONGODB-AWS — with `explainStsError` (`@iamkit/sts`) and
 * `explainMongoAwsError` (`@iamkit/mongodb-aws`): the cause, the likely causes and the fixes.
 * Secrets pasted with the message never appear in the result.
 *
 * @example
 * ```ts
 * import { collectExplain, renderExplain } from '@iamkit/cli';
 * console.log(renderExplain(collectExplain('Signature expired: 20200317T000000Z is now earlier than 20200317T222541Z (20200317T224041Z - 15 min.)')));
 * ```
 * @public
 */
export function collectExplain(message: string): ExplainReport {
  const text = message.trim();
  const sts = explainStsError(text);
  // The server's bare "Authentication failed." is MongoDB's code 18, whatever else the text lacks.
  const mongo = explainMongoAwsError(sts.topic === 'mongodb-authentication-failed' ? { ...errorFromText(text), name: 'MongoServerError', code: 18, codeName: 'AuthenticationFailed' } : errorFromText(text));
  // explainMongoAwsError also reads STS errors and 429s (as the cause of a driver failure): a
  // message is the driver's when it says so, or when only the MongoDB reading recognises it.
  const mongoMatched = mongo.topic !== 'unknown' && (MONGO_TOPICS.has(mongo.topic) || MONGO_CONTEXT.test(text) || !sts.matched);
  const stsMatched = !mongoMatched && sts.matched;
  const kind = mongoMatched ? 'mongodb' : stsMatched ? 'sts' : 'unknown';
  return {
    schema: 'iamkit.explain/1',
    recognised: kind !== 'unknown',
    exitCode: kind === 'unknown' ? EXIT_CODES.notRecognised : EXIT_CODES.ok,
    kind,
    message: scrubSecrets(text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text),
    sts: stsMatched || kind === 'unknown' ? stsExplanationView(sts) : null,
    mongodb: mongoMatched ? mongoExplanationView(mongo) : null,
  };
}
