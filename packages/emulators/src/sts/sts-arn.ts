import { createHash } from 'node:crypto';

/** The parts of an ARN: `arn:<partition>:<service>:<region>:<account>:<resource>`. */
export interface ParsedArn {
  readonly partition: string;
  readonly service: string;
  readonly account: string;
  readonly resource: string;
}

/** Splits an ARN, or `undefined` when it has fewer than six `:`-separated parts. */
export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition = '', service = '', , account = ''] = parts;
  return { partition, service, account, resource: parts.slice(5).join(':') };
}

/** A role ARN's name (the last path segment of `role/<path/>name`), or `undefined`. */
export function roleName(arn: string): string | undefined {
  const parsed = parseArn(arn);
  if (parsed?.service !== 'iam' || !parsed.resource.startsWith('role/')) return undefined;
  const name = parsed.resource.split('/').at(-1);
  return name === undefined || name === '' ? undefined : name;
}

/**
 * The role ARN a principal acts as: `arn:aws:sts::A:assumed-role/R/S` → `arn:aws:iam::A:role/R`;
 * any other ARN is returned unchanged.
 */
export function principalRoleArn(arn: string): string {
  const parsed = parseArn(arn);
  if (parsed?.service !== 'sts' || !parsed.resource.startsWith('assumed-role/')) return arn;
  const role = parsed.resource.split('/')[1] ?? '';
  return `arn:${parsed.partition}:iam::${parsed.account}:role/${role}`;
}

/** True for an assumed-role session ARN (role chaining limits its sessions to one hour). */
export function isAssumedRoleArn(arn: string): boolean {
  const parsed = parseArn(arn);
  return parsed?.service === 'sts' && parsed.resource.startsWith('assumed-role/');
}

/** `arn:<partition>:sts::<account>:assumed-role/<role name>/<session>` for a role and session. */
export function assumedRoleArn(roleArn: string, sessionName: string): string {
  const parsed = parseArn(roleArn);
  const partition = parsed?.partition ?? 'aws';
  return `arn:${partition}:sts::${parsed?.account ?? ''}:assumed-role/${roleName(roleArn) ?? ''}/${sessionName}`;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * A stable unique id for an ARN in AWS's format: a four-letter prefix (`AIDA` users, `AROA`
 * roles) and 17 base32 characters, derived from the ARN so the same principal always gets the
 * same id.
 */
export function uniqueIdFor(prefix: 'AIDA' | 'AROA', arn: string): string {
  const digest = createHash('sha256').update(arn).digest();
  let id = prefix;
  for (let i = 0; i < 17; i++) id += BASE32.charAt((digest[i] ?? 0) % 32);
  return id;
}

/** GetCallerIdentity's `UserId` for a caller ARN: `AIDA…` for users, `AROA…:<session>` for sessions. */
export function defaultUserId(arn: string): string {
  const parsed = parseArn(arn);
  if (parsed?.service === 'sts' && parsed.resource.startsWith('assumed-role/')) {
    const session = parsed.resource.split('/').at(-1) ?? '';
    return `${uniqueIdFor('AROA', principalRoleArn(arn))}:${session}`;
  }
  return uniqueIdFor('AIDA', arn);
}
