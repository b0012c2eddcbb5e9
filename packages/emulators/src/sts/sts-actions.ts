import type { RandomSource } from '@iamkit/credentials';
import { issueCredentials } from '../common/issue-credentials.js';
import { formatIsoSeconds } from '../common/time-format.js';
import { assumedRoleArn, isAssumedRoleArn, parseArn, principalRoleArn } from './sts-arn.js';
import { STS_MESSAGES, stsErrors, type StsErrorDetails } from './sts-errors.js';
import type { ResolvedRole, StsDirectory, StsIdentity } from './sts-identities.js';
import type { StsNode } from './sts-render.js';
import { EXTERNAL_ID_PATTERN, SESSION_NAME_PATTERN, StsValidation, TOKEN_CODE_PATTERN } from './sts-validation.js';
import type { WebIdentityClaims, WebIdentityTokens } from './sts-web-identity.js';

export interface StsActionContext {
  readonly directory: StsDirectory;
  readonly webIdentity: WebIdentityTokens;
  readonly nowMs: number;
  readonly random: RandomSource;
  /** Overrides `DurationSeconds` for the lifetime of issued credentials. */
  readonly issuedLifetimeMs: number | undefined;
  /** Characters of session policy and tags that fill 100% of the packed policy. */
  readonly packedPolicyLimit: number;
}

export type StsActionOutcome =
  | { readonly result: readonly StsNode[]; readonly issued?: StsIdentity | undefined }
  | { readonly error: StsErrorDetails };

const node = (name: string, value: string | readonly StsNode[] | undefined, json?: number): StsNode => ({ name, value, json });

/** GetCallerIdentity: who signed the request. */
export function getCallerIdentity(caller: StsIdentity): StsActionOutcome {
  return { result: [node('Arn', caller.arn), node('UserId', caller.userId), node('Account', caller.account)] };
}

/** Values of a list member: `Name.member.1`, `Name.member.2`, … (with `.field` for structures). */
function members(params: URLSearchParams, name: string, field = ''): string[] {
  const out: string[] = [];
  for (let i = 1; ; i++) {
    const value = params.get(`${name}.member.${i}${field}`);
    if (value === null) return out;
    out.push(value);
  }
}

function get(params: URLSearchParams, name: string): string | undefined {
  return params.get(name) ?? undefined;
}

function trusts(role: ResolvedRole, principal: string): boolean {
  const parsed = parseArn(principal);
  const root = parsed === undefined ? undefined : `arn:${parsed.partition}:iam::${parsed.account}:root`;
  return (role.trustedPrincipals ?? []).some((trusted) => trusted === '*' || trusted === principal || trusted === principalRoleArn(principal) || trusted === root);
}

interface SessionPolicy {
  readonly policy: string | undefined;
  readonly policyArns: readonly string[];
  readonly tags: readonly string[];
}

/** MalformedPolicyDocument, PackedPolicyTooLarge, or the `PackedPolicySize` to report. */
function packPolicy(session: SessionPolicy, limit: number): number | undefined | StsErrorDetails {
  if (session.policy !== undefined) {
    let document: unknown;
    try {
      document = JSON.parse(session.policy);
    } catch {
      return stsErrors.malformedPolicyDocument();
    }
    if (typeof document !== 'object' || document === null || Array.isArray(document)) return stsErrors.malformedPolicyDocument();
  }
  if (session.policy === undefined && session.policyArns.length === 0 && session.tags.length === 0) return undefined;
  // A model of STS's packing: policy text, 64 characters per managed policy ARN, the tags' text.
  const size = (session.policy?.replace(/\s+/g, '').length ?? 0) + 64 * session.policyArns.length + session.tags.join('').length;
  const percent = Math.ceil((size * 100) / limit);
  return percent > 100 ? stsErrors.packedPolicyTooLarge(percent) : percent;
}

function sessionPolicy(params: URLSearchParams): SessionPolicy {
  const keys = members(params, 'Tags', '.Key');
  const values = members(params, 'Tags', '.Value');
  return { policy: get(params, 'Policy'), policyArns: members(params, 'PolicyArns', '.arn'), tags: [...keys, ...values] };
}

function validateCommon(validation: StsValidation, params: URLSearchParams): number | undefined {
  validation.text('roleArn', get(params, 'RoleArn'), { required: true, min: 20, max: 2048 });
  validation.text('roleSessionName', get(params, 'RoleSessionName'), { required: true, min: 2, max: 64, pattern: SESSION_NAME_PATTERN });
  validation.text('policy', get(params, 'Policy'), { min: 1, max: 2048 });
  return validation.integer('durationSeconds', get(params, 'DurationSeconds'), 900, 43_200);
}

function issue(role: ResolvedRole, sessionName: string, durationSeconds: number, context: StsActionContext): { identity: StsIdentity; nodes: StsNode[] } {
  const lifetimeMs = context.issuedLifetimeMs ?? durationSeconds * 1000;
  const credentials = issueCredentials({ lifetimeMs, now: () => context.nowMs, random: context.random });
  const expiration = credentials.expiration ?? new Date(context.nowMs + lifetimeMs);
  const identity: StsIdentity = {
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
    expiration,
    arn: assumedRoleArn(role.arn, sessionName),
    userId: `${role.roleId}:${sessionName}`,
    account: role.account,
    issued: true,
  };
  context.directory.addIssued(identity);
  const nodes = [
    node('AssumedRoleUser', [node('AssumedRoleId', identity.userId), node('Arn', identity.arn)]),
    node('Credentials', [
      node('AccessKeyId', identity.accessKeyId),
      node('SecretAccessKey', identity.secretAccessKey),
      node('SessionToken', identity.sessionToken),
      node('Expiration', formatIsoSeconds(expiration), Math.floor(expiration.getTime() / 1000)),
    ]),
  ];
  return { identity, nodes };
}

/** AssumeRole, signed by `caller`: trust policy, external id, MFA, duration limits, session policy. */
export function assumeRole(caller: StsIdentity, params: URLSearchParams, context: StsActionContext): StsActionOutcome {
  const validation = new StsValidation();
  const duration = validateCommon(validation, params);
  validation.text('externalId', get(params, 'ExternalId'), { min: 2, max: 1224, pattern: EXTERNAL_ID_PATTERN });
  validation.text('serialNumber', get(params, 'SerialNumber'), { min: 9, max: 256 });
  validation.text('tokenCode', get(params, 'TokenCode'), { min: 6, max: 6, pattern: TOKEN_CODE_PATTERN });
  validation.text('sourceIdentity', get(params, 'SourceIdentity'), { min: 2, max: 64, pattern: SESSION_NAME_PATTERN });
  const invalid = validation.result();
  if (invalid !== undefined) return { error: invalid };

  const roleArn = get(params, 'RoleArn') ?? '';
  const sessionName = get(params, 'RoleSessionName') ?? '';
  const denied = { error: stsErrors.accessDenied(`User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`) };
  const role = context.directory.role(roleArn);
  if (role === undefined || !trusts(role, caller.arn)) return denied;
  if (role.externalId !== undefined && get(params, 'ExternalId') !== role.externalId) return denied;
  if (role.mfa !== undefined) {
    const serial = get(params, 'SerialNumber');
    const code = get(params, 'TokenCode');
    if (serial === undefined || code === undefined) return denied;
    if (role.mfa.serialNumber !== undefined && serial !== role.mfa.serialNumber) return denied;
    if (code !== role.mfa.code) return { error: stsErrors.accessDenied(STS_MESSAGES.invalidMfa) };
  }
  const seconds = duration ?? 3600;
  if (isAssumedRoleArn(caller.arn) && seconds > 3600) return { error: stsErrors.validation(STS_MESSAGES.durationOverChainLimit) };
  if (seconds > role.maxSessionDurationSeconds) return { error: stsErrors.validation(STS_MESSAGES.durationOverRoleMax) };
  const packed = packPolicy(sessionPolicy(params), context.packedPolicyLimit);
  if (typeof packed === 'object') return { error: packed };

  const { identity, nodes } = issue(role, sessionName, seconds, context);
  nodes.push(node('PackedPolicySize', packed === undefined ? undefined : String(packed), packed));
  nodes.push(node('SourceIdentity', get(params, 'SourceIdentity')));
  return { result: nodes, issued: identity };
}

function trustsWebIdentity(role: ResolvedRole, claims: WebIdentityClaims): boolean {
  const trust = role.webIdentity;
  if (trust === undefined) return false;
  if (trust.issuer !== undefined && trust.issuer !== claims.issuer) return false;
  if (trust.audiences !== undefined && !trust.audiences.includes(claims.audience)) return false;
  return trust.subjects === undefined || trust.subjects.includes(claims.subject);
}

/** AssumeRoleWithWebIdentity, unsigned: the token stands in for a signature. */
export function assumeRoleWithWebIdentity(params: URLSearchParams, context: StsActionContext): StsActionOutcome {
  const validation = new StsValidation();
  const duration = validateCommon(validation, params);
  validation.text('webIdentityToken', get(params, 'WebIdentityToken'), { required: true, min: 4, max: 20_000 });
  validation.text('providerId', get(params, 'ProviderId'), { min: 4, max: 2048 });
  const invalid = validation.result();
  if (invalid !== undefined) return { error: invalid };

  const claims = context.webIdentity.check(get(params, 'WebIdentityToken') ?? '', context.nowMs, get(params, 'ProviderId'));
  if ('code' in claims) return { error: claims };
  const role = context.directory.role(get(params, 'RoleArn') ?? '');
  if (role === undefined || !trustsWebIdentity(role, claims)) return { error: stsErrors.accessDenied(STS_MESSAGES.webIdentityDenied) };
  const seconds = duration ?? 3600;
  if (seconds > role.maxSessionDurationSeconds) return { error: stsErrors.validation(STS_MESSAGES.durationOverRoleMax) };
  const packed = packPolicy(sessionPolicy(params), context.packedPolicyLimit);
  if (typeof packed === 'object') return { error: packed };

  const { identity, nodes } = issue(role, get(params, 'RoleSessionName') ?? '', seconds, context);
  const result = [
    node('SubjectFromWebIdentityToken', claims.subject),
    node('Audience', claims.audience),
    ...nodes,
    node('PackedPolicySize', packed === undefined ? undefined : String(packed), packed),
    node('SourceIdentity', undefined),
    node('Provider', claims.provider),
  ];
  return { result, issued: identity };
}
