import { credentialsFromFields, parseExpiration, type Clock, type Credentials } from '@iamkit/credentials';
import { malformed, type ResponseContext, type ResultValue, type ResultView } from './response.js';

/**
 * GetCallerIdentity's answer: who the credentials belong to.
 *
 * @example
 * ```ts
 * const { account, arn, userId }: CallerIdentity = await sts.getCallerIdentity();
 * ```
 * @public
 */
export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
  readonly userId: string;
  readonly requestId: string | undefined;
}

/**
 * The session an AssumeRole created.
 *
 * @example
 * ```ts
 * const user: AssumedRoleUser = { arn: 'arn:aws:sts::123456789012:assumed-role/deploy/ci-42', assumedRoleId: 'AROA…:ci-42' };
 * ```
 * @public
 */
export interface AssumedRoleUser {
  readonly arn: string;
  readonly assumedRoleId: string;
}

/**
 * AssumeRole's answer. `credentials` are frozen, secret-redacting iamkit credentials (source
 * `sts:assume-role`) with `accountId` taken from the assumed-role ARN.
 *
 * @example
 * ```ts
 * const { credentials, assumedRoleUser }: AssumeRoleResult = await sts.assumeRole({ roleArn });
 * ```
 * @public
 */
export interface AssumeRoleResult {
  readonly credentials: Credentials;
  readonly assumedRoleUser: AssumedRoleUser;
  /** Percentage of the allowed size the session policy and tags use. */
  readonly packedPolicySize: number | undefined;
  readonly sourceIdentity: string | undefined;
  readonly requestId: string | undefined;
}

/**
 * AssumeRoleWithWebIdentity's answer (credentials' source: `sts:web-identity`).
 *
 * @example
 * ```ts
 * const { credentials, subjectFromWebIdentityToken }: AssumeRoleWithWebIdentityResult = await sts.assumeRoleWithWebIdentity({ roleArn, webIdentityToken });
 * ```
 * @public
 */
export interface AssumeRoleWithWebIdentityResult extends AssumeRoleResult {
  /** The token's `sub`. */
  readonly subjectFromWebIdentityToken: string | undefined;
  /** The token's `aud` (the client id). */
  readonly audience: string | undefined;
  /** The issuer (OIDC) or `ProviderId` (OAuth 2.0). */
  readonly provider: string | undefined;
}

/** Reads result fields, naming a missing one (`AssumeRoleResult.Credentials.SessionToken`). */
class Fields {
  readonly #view: ResultView;
  readonly #context: ResponseContext;

  constructor(view: ResultView, context: ResponseContext) {
    this.#view = view;
    this.#context = context;
  }

  optional(path: readonly string[]): string | undefined {
    const value = this.#view.get(path);
    return value === undefined ? undefined : String(value);
  }

  raw(path: readonly string[]): ResultValue | undefined {
    return this.#view.get(path);
  }

  required(path: readonly string[]): string {
    const value = this.optional(path);
    if (value === undefined || value === '') throw this.missing(path);
    return value;
  }

  missing(path: readonly string[], what = 'is missing'): Error {
    return malformed(this.#context, `${this.#context.action}Result.${path.join('.')} ${what}`, { status: 200, requestId: this.#view.requestId });
  }
}

/** Reads GetCallerIdentity's result. */
export function callerIdentityFrom(view: ResultView, context: ResponseContext): CallerIdentity {
  const fields = new Fields(view, context);
  return { account: fields.required(['Account']), arn: fields.required(['Arn']), userId: fields.required(['UserId']), requestId: view.requestId };
}

/** The account of an ARN: its fifth `:`-separated field. */
function accountOfArn(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account === undefined || account === '' ? undefined : account;
}

function packedPolicySize(fields: Fields): number | undefined {
  const text = fields.optional(['PackedPolicySize']);
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw fields.missing(['PackedPolicySize'], `is ${JSON.stringify(text.slice(0, 20))}, not a whole number`);
  return value;
}

/** Reads AssumeRole's result (also the common part of AssumeRoleWithWebIdentity's). */
export function assumeRoleResultFrom(view: ResultView, context: ResponseContext, source: string, now: Clock): AssumeRoleResult {
  const fields = new Fields(view, context);
  const assumedRoleUser = { arn: fields.required(['AssumedRoleUser', 'Arn']), assumedRoleId: fields.required(['AssumedRoleUser', 'AssumedRoleId']) };
  const accessKeyId = fields.required(['Credentials', 'AccessKeyId']);
  const secretAccessKey = fields.required(['Credentials', 'SecretAccessKey']);
  const sessionToken = fields.required(['Credentials', 'SessionToken']);
  const rawExpiration = fields.raw(['Credentials', 'Expiration']);
  if (rawExpiration === undefined || rawExpiration === '') throw fields.missing(['Credentials', 'Expiration']);
  const expiration = parseExpiration(rawExpiration);
  if (expiration === undefined) throw fields.missing(['Credentials', 'Expiration'], 'is not a timestamp (RFC 3339 with a zone, or epoch seconds)');
  // Format checks (whitespace, control characters) and "already expired" are the shared rules.
  const credentials = credentialsFromFields(
    { accessKeyId, secretAccessKey, sessionToken, expiration, accountId: accountOfArn(assumedRoleUser.arn) },
    {
      source,
      origin: `the ${context.action} response from ${context.url}`,
      fieldNames: { accessKeyId: 'Credentials.AccessKeyId', secretAccessKey: 'Credentials.SecretAccessKey', sessionToken: 'Credentials.SessionToken', expiration: 'Credentials.Expiration' },
      requireSessionToken: true,
      requireExpiration: true,
      now,
    },
  );
  return { credentials, assumedRoleUser, packedPolicySize: packedPolicySize(fields), sourceIdentity: fields.optional(['SourceIdentity']), requestId: view.requestId };
}

/** Reads AssumeRoleWithWebIdentity's result. */
export function webIdentityResultFrom(view: ResultView, context: ResponseContext, now: Clock): AssumeRoleWithWebIdentityResult {
  const base = assumeRoleResultFrom(view, context, 'sts:web-identity', now);
  const fields = new Fields(view, context);
  return {
    ...base,
    subjectFromWebIdentityToken: fields.optional(['SubjectFromWebIdentityToken']),
    audience: fields.optional(['Audience']),
    provider: fields.optional(['Provider']),
  };
}
