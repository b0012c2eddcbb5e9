/**
 * A caller the STS emulator knows: an access key pair with the ARN it belongs to. An IAM user
 * (`arn:aws:iam::…:user/…`) has long-term keys (`AKIA…`); temporary credentials (`ASIA…`) carry a
 * `sessionToken` that every request must send, signed, as `X-Amz-Security-Token`.
 *
 * @example
 * ```ts
 * const alice: StsUser = {
 *   accessKeyId: 'AKIAALICEEXAMPLE0001',
 *   secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYALICEKEY01',
 *   arn: 'arn:aws:iam::123456789012:user/Alice',
 * };
 * ```
 * @public
 */
export interface StsUser {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Temporary credentials: the token requests must carry. */
  readonly sessionToken?: string | undefined;
  /** Temporary credentials: after this, requests get `ExpiredToken`. */
  readonly expiration?: Date | undefined;
  /** `arn:aws:iam::<account>:user/<name>` or `arn:aws:sts::<account>:assumed-role/<role>/<session>`. */
  readonly arn: string;
  /** `UserId` in GetCallerIdentity; default: derived from the ARN (`AIDA…`, or `AROA…:<session>`). */
  readonly userId?: string | undefined;
}

/**
 * Who may use AssumeRoleWithWebIdentity on a role: any token the emulator accepts, optionally
 * narrowed to an issuer, audiences or subjects (the trust policy's `Condition`).
 *
 * @example
 * ```ts
 * const trust: StsWebIdentityTrust = { subjects: ['system:serviceaccount:shop:orders'] };
 * ```
 * @public
 */
export interface StsWebIdentityTrust {
  /** The token's `iss` must be this (`https://oidc.eks…`). */
  readonly issuer?: string | undefined;
  /** The token's `aud` must contain one of these. */
  readonly audiences?: readonly string[] | undefined;
  /** The token's `sub` must be one of these. */
  readonly subjects?: readonly string[] | undefined;
}

/**
 * MFA a role's trust policy requires (`aws:MultiFactorAuthPresent`).
 *
 * @example
 * ```ts
 * const mfa: StsRoleMfa = { serialNumber: 'arn:aws:iam::123456789012:mfa/Alice', code: '123456' };
 * ```
 * @public
 */
export interface StsRoleMfa {
  /** The `SerialNumber` the caller must send; any when absent. */
  readonly serialNumber?: string | undefined;
  /** The one-time code (`TokenCode`) the emulator accepts. */
  readonly code: string;
}

/**
 * A role that can be assumed, with its trust policy reduced to what tests need.
 *
 * @example
 * ```ts
 * const role: StsRole = {
 *   arn: 'arn:aws:iam::123456789012:role/deploy',
 *   trustedPrincipals: ['arn:aws:iam::123456789012:user/Alice'],
 *   externalId: 'partner-42',
 *   maxSessionDurationSeconds: 7200,
 * };
 * ```
 * @public
 */
export interface StsRole {
  /** `arn:aws:iam::<account>:role/<path/><name>`. */
  readonly arn: string;
  /** `AROA…`; default derived from the ARN. */
  readonly roleId?: string | undefined;
  /**
   * Principals allowed to call AssumeRole: user or role ARNs (a role ARN admits its sessions),
   * `arn:aws:iam::<account>:root` for a whole account, or `'*'`. Default none.
   */
  readonly trustedPrincipals?: readonly string[] | undefined;
  /** `sts:ExternalId` the caller must send. */
  readonly externalId?: string | undefined;
  /** Require MFA (`SerialNumber` + `TokenCode`). */
  readonly mfa?: StsRoleMfa | undefined;
  /** 3600 (the AWS default) unless set; 900–43200. */
  readonly maxSessionDurationSeconds?: number | undefined;
  /** Allow AssumeRoleWithWebIdentity; absent means web identities are not trusted. */
  readonly webIdentity?: StsWebIdentityTrust | undefined;
}

/** The default account of the sample users and roles. */
const ACCOUNT = '123456789012';

/**
 * The callers the STS emulator knows by default, after MongoDB's `aws_common.json`: a permanent
 * IAM user (Alice), a user with temporary credentials (Bob), a user in another partition (Carl)
 * and an assumed-role session (Puff of role `cat`, in account 557821124784). Test fixtures — the
 * keys are fake.
 *
 * @example
 * ```ts
 * import { STS_SAMPLE_USERS } from '@iamkit/emulators';
 * const { accessKeyId, secretAccessKey } = STS_SAMPLE_USERS.alice;
 * ```
 * @public
 */
export const STS_SAMPLE_USERS = Object.freeze({
  alice: Object.freeze({
    accessKeyId: 'AKIAALICEEXAMPLE0001',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYALICEKEY01',
    arn: `arn:aws:iam::${ACCOUNT}:user/Alice`,
  }),
  bob: Object.freeze({
    accessKeyId: 'ASIABOBEXAMPLE000002',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYBOBSKEY002',
    sessionToken: 'IQoJb3JpZ2luX2VjEBOBEXAMPLETOKEN/dGVtcG9yYXJ5IGNyZWRlbnRpYWxzIGZvciBCb2IgaW4gdGhlIGlhbWtpdCBTVFMgZW11bGF0b3I=',
    arn: `arn:aws:iam::${ACCOUNT}:user/Bob`,
  }),
  carl: Object.freeze({
    accessKeyId: 'AKIACARLEXAMPLE00003',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYCARLKEY003',
    arn: `arn:aws-foo:iam::${ACCOUNT}:user/Carl`,
  }),
  puff: Object.freeze({
    accessKeyId: 'ASIAPUFFEXAMPLE00004',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYPUFFKEY004',
    sessionToken: 'IQoJb3JpZ2luX2VjEPUFFEXAMPLETOKEN/YXNzdW1lZCByb2xlIHNlc3Npb24gUHVmZiBvZiByb2xlIGNhdCBpbiB0aGUgaWFta2l0IGVtdWxhdG9y',
    arn: 'arn:aws:sts::557821124784:assumed-role/cat/Puff',
  }),
} satisfies Record<string, StsUser>);

/**
 * The roles the STS emulator knows by default: `iamkit-emulator-role` (trusted by account
 * 123456789012 and by role `cat`, sessions up to 12 h), `external-id-role` (external id
 * `iamkit-external-id`), `mfa-role` (MFA code `123456` for `arn:aws:iam::123456789012:mfa/Alice`)
 * and `web-identity-role` (any web identity token the emulator accepts).
 *
 * @example
 * ```ts
 * import { STS_SAMPLE_ROLES } from '@iamkit/emulators';
 * await sts.assumeRole({ roleArn: STS_SAMPLE_ROLES.default.arn, roleSessionName: 'test' });
 * ```
 * @public
 */
export const STS_SAMPLE_ROLES = Object.freeze({
  default: Object.freeze({
    arn: `arn:aws:iam::${ACCOUNT}:role/iamkit-emulator-role`,
    trustedPrincipals: Object.freeze([`arn:aws:iam::${ACCOUNT}:root`, 'arn:aws:iam::557821124784:role/cat']),
    maxSessionDurationSeconds: 43_200,
  }),
  externalId: Object.freeze({
    arn: `arn:aws:iam::${ACCOUNT}:role/external-id-role`,
    trustedPrincipals: Object.freeze([`arn:aws:iam::${ACCOUNT}:root`]),
    externalId: 'iamkit-external-id',
  }),
  mfa: Object.freeze({
    arn: `arn:aws:iam::${ACCOUNT}:role/mfa-role`,
    trustedPrincipals: Object.freeze([`arn:aws:iam::${ACCOUNT}:user/Alice`]),
    mfa: Object.freeze({ serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/Alice`, code: '123456' }),
  }),
  webIdentity: Object.freeze({
    arn: `arn:aws:iam::${ACCOUNT}:role/web-identity-role`,
    webIdentity: Object.freeze({}),
  }),
} satisfies Record<string, StsRole>);
