import { uriEncode } from '@iamkit/sigv4';
import { StsError } from './sts-error.js';

/**
 * A session tag.
 *
 * @example
 * ```ts
 * const tag: StsTag = { key: 'team', value: 'payments' };
 * ```
 * @public
 */
export interface StsTag {
  readonly key: string;
  readonly value: string;
}

/**
 * Parameters of `assumeRole` (STS AssumeRole).
 *
 * @example
 * ```ts
 * const params: AssumeRoleParams = { roleArn: 'arn:aws:iam::123456789012:role/deploy', roleSessionName: 'ci-42', durationSeconds: 900, externalId: 'partner-7' };
 * ```
 * @public
 */
export interface AssumeRoleParams {
  readonly roleArn: string;
  /** 2–64 characters of `[\w+=,.@-]`; default `iamkit-<epoch ms>`. */
  readonly roleSessionName?: string | undefined;
  /** 900–43200; STS's default is 3600. */
  readonly durationSeconds?: number | undefined;
  readonly externalId?: string | undefined;
  /** The MFA device (`arn:aws:iam::…:mfa/…` or a hardware serial), with `tokenCode`. */
  readonly serialNumber?: string | undefined;
  /** The current six-digit MFA code. */
  readonly tokenCode?: string | undefined;
  /** A session policy: JSON text or an object (serialised with `JSON.stringify`). */
  readonly policy?: string | object | undefined;
  /** Managed policy ARNs to intersect with the role's permissions (up to 10). */
  readonly policyArns?: readonly string[] | undefined;
  /** Session tags (up to 50): a list, or a `{ key: value }` record. */
  readonly tags?: readonly StsTag[] | Readonly<Record<string, string>> | undefined;
  readonly transitiveTagKeys?: readonly string[] | undefined;
  readonly sourceIdentity?: string | undefined;
}

/**
 * Parameters of `assumeRoleWithWebIdentity` (STS AssumeRoleWithWebIdentity, sent unsigned).
 *
 * @example
 * ```ts
 * const params: AssumeRoleWithWebIdentityParams = { roleArn, roleSessionName: 'pod-1', webIdentityToken: await readFile(tokenFile, 'utf8') };
 * ```
 * @public
 */
export interface AssumeRoleWithWebIdentityParams {
  readonly roleArn: string;
  /** Default `iamkit-<epoch ms>`. */
  readonly roleSessionName?: string | undefined;
  /** The OIDC ID token or OAuth 2.0 access token (4–20000 characters). Never logged. */
  readonly webIdentityToken: string;
  readonly durationSeconds?: number | undefined;
  /** Only for OAuth 2.0 providers (`www.amazon.com`, `graph.facebook.com`); not for OIDC. */
  readonly providerId?: string | undefined;
  readonly policy?: string | object | undefined;
  readonly policyArns?: readonly string[] | undefined;
}

/** The awsQuery parameters of a request, in order. */
export type QueryParams = [string, string][];

function invalidParameter(action: string, message: string): StsError {
  return new StsError({ code: 'ERR_STS_INVALID_PARAMETER', action, message: `sts: ${action}: ${message}` });
}

interface TextRule {
  readonly min: number;
  readonly max: number;
  readonly pattern?: RegExp;
  readonly shape?: string;
  /** Secret values are described, never quoted. */
  readonly secret?: boolean;
}

function checkText(action: string, name: string, value: unknown, rule: TextRule): string {
  const shown = rule.secret === true ? 'it' : JSON.stringify(typeof value === 'string' ? value.slice(0, 80) : value);
  if (typeof value !== 'string') throw invalidParameter(action, `${name} must be a string, not ${value === null ? 'null' : typeof value}.`);
  if (value.length < rule.min || value.length > rule.max) {
    throw invalidParameter(action, `${name} must be ${rule.min}–${rule.max} characters long; ${shown} has ${value.length}.`);
  }
  if (rule.pattern !== undefined && !rule.pattern.test(value)) throw invalidParameter(action, `${name} ${shown} must consist of ${rule.shape ?? 'allowed characters'}.`);
  return value;
}

const SESSION_NAME: TextRule = { min: 2, max: 64, pattern: /^[\w+=,.@-]+$/, shape: 'letters, digits and + = , . @ _ -' };
const ROLE_ARN: TextRule = { min: 20, max: 2048, pattern: /^arn:[\w-]+:iam::\d*:role\/\S+$/, shape: 'a role ARN such as arn:aws:iam::123456789012:role/name' };

function optional<T>(value: T | undefined, check: (value: T) => string): string | undefined {
  return value === undefined ? undefined : check(value);
}

function duration(action: string, value: number | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 900 || value > 43_200) throw invalidParameter(action, `durationSeconds must be a whole number from 900 to 43200 (15 minutes to 12 hours), not ${String(value)}.`);
  return String(value);
}

function policyText(action: string, policy: string | object | undefined): string | undefined {
  if (policy === undefined) return undefined;
  const text = typeof policy === 'string' ? policy : JSON.stringify(policy);
  return checkText(action, 'policy', text, { min: 1, max: 2048 });
}

function listMembers(params: QueryParams, name: string, field: string, values: readonly string[]): void {
  values.forEach((value, i) => params.push([`${name}.member.${i + 1}${field}`, value]));
}

function policyArns(action: string, params: QueryParams, arns: readonly string[] | undefined): void {
  if (arns === undefined) return;
  if (!Array.isArray(arns) || arns.length > 10) throw invalidParameter(action, 'policyArns must be a list of at most 10 managed policy ARNs.');
  listMembers(params, 'PolicyArns', '.arn', arns.map((arn) => checkText(action, 'policyArns[]', arn, { min: 20, max: 2048, pattern: /^arn:/, shape: 'an ARN (arn:aws:iam::…:policy/…)' })));
}

function push(params: QueryParams, name: string, value: string | undefined): void {
  if (value !== undefined) params.push([name, value]);
}

function isTagList(tags: AssumeRoleParams['tags']): tags is readonly StsTag[] {
  return Array.isArray(tags);
}

function tagList(tags: AssumeRoleParams['tags']): readonly StsTag[] {
  if (tags === undefined) return [];
  return isTagList(tags) ? tags : Object.entries(tags).map(([key, value]) => ({ key, value }));
}

/** A default session name, like the AWS SDK's `aws-sdk-js-<ms>`. */
function defaultSessionName(now: number): string {
  return `iamkit-${Math.floor(now)}`;
}

/** Checks AssumeRole parameters and returns them as awsQuery parameters (after Action and Version). */
export function assumeRoleQuery(params: AssumeRoleParams, now: number): QueryParams {
  const action = 'AssumeRole';
  if (typeof params !== 'object' || (params as unknown) === null) throw invalidParameter(action, 'pass the parameters object { roleArn, roleSessionName?, … }.');
  const query: QueryParams = [];
  push(query, 'RoleArn', checkText(action, 'roleArn', params.roleArn, ROLE_ARN));
  push(query, 'RoleSessionName', checkText(action, 'roleSessionName', params.roleSessionName ?? defaultSessionName(now), SESSION_NAME));
  push(query, 'DurationSeconds', duration(action, params.durationSeconds));
  push(query, 'ExternalId', optional(params.externalId, (v) => checkText(action, 'externalId', v, { min: 2, max: 1224, pattern: /^[\w+=,.@:/-]+$/, shape: 'letters, digits and + = , . @ : / _ -' })));
  if ((params.serialNumber === undefined) !== (params.tokenCode === undefined)) {
    throw invalidParameter(action, 'serialNumber and tokenCode go together: pass the MFA device and its current code, or neither.');
  }
  push(query, 'SerialNumber', optional(params.serialNumber, (v) => checkText(action, 'serialNumber', v, { min: 9, max: 256, pattern: /^[\w+=/:,.@-]+$/, shape: 'an MFA device ARN or serial number' })));
  push(query, 'TokenCode', optional(params.tokenCode, (v) => checkText(action, 'tokenCode', v, { min: 6, max: 6, pattern: /^\d{6}$/, shape: 'six digits', secret: true })));
  push(query, 'Policy', policyText(action, params.policy));
  policyArns(action, query, params.policyArns);
  const tags = tagList(params.tags);
  if (tags.length > 50) throw invalidParameter(action, 'tags: at most 50 session tags.');
  tags.forEach((tag, i) => {
    query.push([`Tags.member.${i + 1}.Key`, checkText(action, 'tag key', tag.key, { min: 1, max: 128 })]);
    query.push([`Tags.member.${i + 1}.Value`, checkText(action, `the value of tag ${tag.key}`, tag.value, { min: 0, max: 256 })]);
  });
  if (params.transitiveTagKeys !== undefined) listMembers(query, 'TransitiveTagKeys', '', params.transitiveTagKeys.map((key) => checkText(action, 'transitiveTagKeys[]', key, { min: 1, max: 128 })));
  push(query, 'SourceIdentity', optional(params.sourceIdentity, (v) => checkText(action, 'sourceIdentity', v, SESSION_NAME)));
  return query;
}

/** Checks AssumeRoleWithWebIdentity parameters; the token is checked but never quoted. */
export function webIdentityQuery(params: AssumeRoleWithWebIdentityParams, now: number): QueryParams {
  const action = 'AssumeRoleWithWebIdentity';
  if (typeof params !== 'object' || (params as unknown) === null) throw invalidParameter(action, 'pass the parameters object { roleArn, webIdentityToken, … }.');
  const query: QueryParams = [];
  push(query, 'RoleArn', checkText(action, 'roleArn', params.roleArn, ROLE_ARN));
  push(query, 'RoleSessionName', checkText(action, 'roleSessionName', params.roleSessionName ?? defaultSessionName(now), SESSION_NAME));
  push(
    query,
    'WebIdentityToken',
    checkText(action, 'webIdentityToken', typeof params.webIdentityToken === 'string' ? params.webIdentityToken.trim() : params.webIdentityToken, {
      min: 4,
      max: 20_000,
      pattern: /^\S+$/,
      shape: 'a token without whitespace (read from AWS_WEB_IDENTITY_TOKEN_FILE?)',
      secret: true,
    }),
  );
  push(query, 'DurationSeconds', duration(action, params.durationSeconds));
  push(query, 'ProviderId', optional(params.providerId, (v) => checkText(action, 'providerId', v, { min: 4, max: 2048 })));
  push(query, 'Policy', policyText(action, params.policy));
  policyArns(action, query, params.policyArns);
  return query;
}

/**
 * The form body: `Action=…&Version=2011-06-15&…`, encoded as SigV4 encodes: RFC 3986 unreserved
 * characters stay, everything else is %XX (so a token's `+`, `/` and `=` survive any form decoder).
 */
export function formBody(action: string, params: QueryParams): string {
  const all: QueryParams = [['Action', action], ['Version', '2011-06-15'], ...params];
  return all.map(([name, value]) => `${uriEncode(name)}=${uriEncode(value)}`).join('&');
}
