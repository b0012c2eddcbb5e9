import { optionError } from '../common/errors.js';
import { defaultUserId, parseArn, roleName, uniqueIdFor } from './sts-arn.js';
import type { StsRole, StsUser } from './sts-model.js';

/** A caller as the emulator stores it: configured users and the sessions it issued. */
export interface StsIdentity {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string | undefined;
  readonly expiration: Date | undefined;
  readonly arn: string;
  readonly userId: string;
  readonly account: string;
  /** Issued by this emulator (AssumeRole, AssumeRoleWithWebIdentity). */
  readonly issued: boolean;
}

/** A role with its defaults filled in. */
export interface ResolvedRole extends StsRole {
  readonly roleId: string;
  readonly name: string;
  readonly account: string;
  readonly maxSessionDurationSeconds: number;
}

const EMULATOR = 'sts';

function checkText(value: unknown, option: string, pattern: RegExp, what: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) throw optionError(EMULATOR, option, `must be ${what}`);
  return value;
}

/** Checks a user definition and fills in its `UserId` and account. */
function resolveUser(user: StsUser, option: string): StsIdentity {
  const accessKeyId = checkText(user.accessKeyId, `${option}.accessKeyId`, /^[A-Za-z0-9]{4,128}$/, 'letters and digits (an access key id such as AKIA…)');
  const secretAccessKey = checkText(user.secretAccessKey, `${option}.secretAccessKey`, /^\S+$/, 'a non-empty string without whitespace');
  if (user.sessionToken !== undefined) checkText(user.sessionToken, `${option}.sessionToken`, /^\S+$/, 'a non-empty string without whitespace');
  const arn = parseArn(typeof user.arn === 'string' ? user.arn : '');
  if (arn === undefined || arn.account === '') throw optionError(EMULATOR, `${option}.arn`, 'must be an ARN with an account, e.g. arn:aws:iam::123456789012:user/Alice');
  if (user.expiration !== undefined && !(user.expiration instanceof Date && Number.isFinite(user.expiration.getTime()))) {
    throw optionError(EMULATOR, `${option}.expiration`, 'must be a valid Date');
  }
  return {
    accessKeyId,
    secretAccessKey,
    sessionToken: user.sessionToken,
    expiration: user.expiration,
    arn: user.arn,
    userId: user.userId ?? defaultUserId(user.arn),
    account: arn.account,
    issued: false,
  };
}

/** Checks a role definition and fills in its defaults (3600 s maximum session, derived role id). */
function resolveRole(role: StsRole, option: string): ResolvedRole {
  const name = roleName(typeof role.arn === 'string' ? role.arn : '');
  const arn = parseArn(typeof role.arn === 'string' ? role.arn : '');
  if (name === undefined || arn === undefined || arn.account === '') {
    throw optionError(EMULATOR, `${option}.arn`, 'must be a role ARN, e.g. arn:aws:iam::123456789012:role/deploy');
  }
  const max = role.maxSessionDurationSeconds ?? 3600;
  if (!Number.isInteger(max) || max < 900 || max > 43_200) throw optionError(EMULATOR, `${option}.maxSessionDurationSeconds`, 'must be a whole number of seconds from 900 to 43200');
  if (role.mfa !== undefined && (typeof role.mfa.code !== 'string' || role.mfa.code === '')) throw optionError(EMULATOR, `${option}.mfa.code`, 'must be the one-time code to accept');
  return { ...role, roleId: role.roleId ?? uniqueIdFor('AROA', role.arn), name, account: arn.account, maxSessionDurationSeconds: max };
}

/** The callers and roles an STS emulator knows, and the sessions it issued. */
export class StsDirectory {
  readonly #identities = new Map<string, StsIdentity>();
  readonly #roles = new Map<string, ResolvedRole>();
  #issued = 0;

  addUser(user: StsUser, option = 'user'): StsIdentity {
    const identity = resolveUser(user, option);
    this.#identities.set(identity.accessKeyId, identity);
    return identity;
  }

  addIssued(identity: StsIdentity): void {
    this.#identities.set(identity.accessKeyId, identity);
    this.#issued++;
  }

  removeIdentity(accessKeyId: string): boolean {
    return this.#identities.delete(accessKeyId);
  }

  identity(accessKeyId: string): StsIdentity | undefined {
    return this.#identities.get(accessKeyId);
  }

  addRole(role: StsRole, option = 'role'): ResolvedRole {
    const resolved = resolveRole(role, option);
    this.#roles.set(resolved.arn, resolved);
    return resolved;
  }

  removeRole(arn: string): boolean {
    return this.#roles.delete(arn);
  }

  role(arn: string): ResolvedRole | undefined {
    return this.#roles.get(arn);
  }

  get issuedCount(): number {
    return this.#issued;
  }

  get userCount(): number {
    let users = 0;
    for (const identity of this.#identities.values()) if (!identity.issued) users++;
    return users;
  }

  get roleArns(): readonly string[] {
    return [...this.#roles.keys()];
  }

  /** Every secret the emulator knows, to scrub from its request log. */
  secrets(): string[] {
    const out: string[] = [];
    for (const identity of this.#identities.values()) {
      out.push(identity.secretAccessKey);
      if (identity.sessionToken !== undefined) out.push(identity.sessionToken);
    }
    return out;
  }
}
