import { formatSkew, type Topic } from './explain-topic.js';

const REREAD = 'Re-read the token file (AWS_WEB_IDENTITY_TOKEN_FILE) on every call instead of keeping its contents: kubelet rotates projected tokens, and a token read once expires (aws/aws-sdk-js-v3#2297, #3052).';

/** Role assumption, web identity, policy and parameter topics. */
export const ROLE_TOPICS: readonly Topic[] = [
  {
    topic: 'web-identity-token-expired',
    title: 'The web identity token has expired',
    codes: ['ExpiredTokenException'],
    pattern: /Token expired: current date\/time (\d+) must be before the expiration date\/time ?(\d+)|Token too old/,
    impliedCode: 'ExpiredTokenException',
    retryable: false,
    explain: (_facts, match) => {
      const now = Number(match?.[1]);
      const exp = Number(match?.[2]);
      const known = Number.isFinite(now) && Number.isFinite(exp) && match?.[2] !== undefined;
      return {
        cause: `STS refused the web identity token because it has expired${known ? ` (its exp ${new Date(exp * 1000).toISOString()} is ${formatSkew((now - exp) * 1000)} before STS’s time ${new Date(now * 1000).toISOString()})` : ''}.`,
        likelyCauses: [
          'The application read the token file once and keeps sending the same token after kubelet rotated the file.',
          'The token was copied into an environment variable or a secret instead of being read from the projected file.',
          'The projected token’s expirationSeconds is short and the pod’s token refresh is failing.',
        ],
        fixes: [REREAD, 'Check that the file at AWS_WEB_IDENTITY_TOKEN_FILE is current: decode its middle part and compare exp with `date -u +%s`.'],
        details: known ? { tokenExpiredAt: new Date(exp * 1000).toISOString(), stsTime: new Date(now * 1000).toISOString() } : undefined,
      };
    },
  },
  {
    topic: 'invalid-identity-token',
    title: 'STS could not validate the web identity token',
    codes: ['InvalidIdentityToken', 'InvalidIdentityTokenException', 'ERR_STS_INVALID_IDENTITY_TOKEN'],
    pattern: /Incorrect token audience|No OpenIDConnect provider found in your account for|Couldn't retrieve verification key from your identity provider/,
    impliedCode: 'InvalidIdentityToken',
    retryable: false,
    explain: (facts) => {
      const message = facts.message;
      const provider = /No OpenIDConnect provider found in your account for (\S+)/.exec(message)?.[1];
      if (provider !== undefined) {
        return {
          cause: `The token’s issuer (${provider}) is not registered as an IAM OIDC identity provider in the role’s account.`,
          likelyCauses: ['The cluster’s OIDC provider was never created in IAM (EKS: `eksctl utils associate-iam-oidc-provider`).', 'The role is in another account than the OIDC provider.', 'The token comes from another cluster or issuer than expected.'],
          fixes: [`Create an IAM OIDC identity provider for ${provider} (audience sts.amazonaws.com) in the role’s account.`, 'Use a role in the account where the provider is registered.'],
          details: { issuer: provider },
        };
      }
      if (message.includes('Incorrect token audience')) {
        return {
          cause: 'The token’s aud claim is not a client id registered for its OIDC provider in IAM.',
          likelyCauses: ['The token was minted for another audience (e.g. a Kubernetes API audience, pods.eks.amazonaws.com) instead of sts.amazonaws.com.', 'The OIDC provider in IAM lists another client id.'],
          fixes: ['Mint the projected token with audience sts.amazonaws.com (serviceAccountToken.audience), or add the token’s audience to the OIDC provider’s client ids in IAM.'],
        };
      }
      return {
        cause: 'STS could not verify the token’s signature with its identity provider’s published keys, or the token is not a valid token for that provider.',
        likelyCauses: [
          'The identity provider’s JWKS (keys) cannot be fetched by AWS, or the provider rotated its signing keys and the token is signed with an unknown one.',
          'The token is stale or from another cluster or issuer (a token file that was not re-read, a token copied from elsewhere).',
          'The value is not the token: a path, a file with extra text, or an empty file.',
        ],
        fixes: [REREAD, 'Verify the provider’s /.well-known/openid-configuration and jwks_uri are publicly reachable over HTTPS.', 'Decode the token (its middle part is base64url JSON) and check iss, aud and exp.'],
      };
    },
  },
  {
    topic: 'idp-rejected-claim',
    title: 'The identity provider rejected the token’s claims',
    codes: ['IDPRejectedClaim', 'IDPRejectedClaimException', 'ERR_STS_IDP_REJECTED_CLAIM'],
    impliedCode: 'IDPRejectedClaim',
    retryable: false,
    explain: () => ({
      cause: 'The identity provider reported that authentication failed: a claim in the token (or SAML assertion) is not acceptable.',
      likelyCauses: ['The token’s subject or audience is not allowed by the provider or the role’s trust conditions.', 'The token was revoked or its session at the identity provider ended.'],
      fixes: ['Get a fresh token from the identity provider.', 'Compare the token’s sub and aud with the conditions in the role’s trust policy.'],
    }),
  },
  {
    topic: 'idp-communication-error',
    title: 'STS could not reach the identity provider',
    codes: ['IDPCommunicationError', 'IDPCommunicationErrorException', 'ERR_STS_IDP_COMMUNICATION_ERROR'],
    impliedCode: 'IDPCommunicationError',
    retryable: true,
    explain: () => ({
      cause: 'STS tried to verify the token with its identity provider and could not reach it.',
      likelyCauses: ['The identity provider (its OIDC discovery or JWKS endpoint) is down, slow or not publicly reachable.'],
      fixes: ['Retry with backoff (the @iamkit/sts client does).', 'Make the provider’s /.well-known/openid-configuration and JWKS reachable from the internet over HTTPS.'],
    }),
  },
  {
    topic: 'invalid-mfa',
    title: 'The MFA code was refused',
    pattern: /MultiFactorAuthentication failed/,
    impliedCode: 'AccessDenied',
    retryable: false,
    explain: () => ({
      cause: 'STS refused the MFA one-time code sent with SerialNumber/TokenCode.',
      likelyCauses: ['The code expired (30 s) or was already used.', 'SerialNumber names another device than the one that produced the code.', 'The MFA device’s clock drifted.'],
      fixes: ['Send a fresh code from the device named by SerialNumber (mfa_serial in the profile).', 'Resynchronise the MFA device in the IAM console if codes keep failing.'],
    }),
  },
  {
    topic: 'access-denied-assume-role',
    title: 'The caller may not assume this role',
    pattern: /User: (\S+) is not authorized to perform: sts:(AssumeRole\w*) on resource: (\S+)/,
    impliedCode: 'AccessDenied',
    retryable: false,
    explain: (_facts, match) => {
      const principal = match?.[1] ?? 'the caller';
      const role = match?.[3] ?? 'the role';
      return {
        cause: `${principal} is not allowed to call sts:${match?.[2] ?? 'AssumeRole'} on ${role}. Both sides must agree: the role’s trust policy must admit the caller, and the caller’s own policies must allow sts:AssumeRole on the role.`,
        likelyCauses: [
          `The trust policy of ${role} does not list ${principal} (or its account, or its role for role sessions) as a Principal.`,
          `${principal} has no identity policy allowing sts:AssumeRole on ${role} (or an SCP or permissions boundary denies it).`,
          'The trust policy requires sts:ExternalId and none or a different one was sent (external_id in the profile).',
          'The trust policy requires MFA (aws:MultiFactorAuthPresent) and no SerialNumber/TokenCode were sent.',
          `The role does not exist (a typo in the ARN or the wrong account): STS reports that as access denied too.`,
        ],
        fixes: [
          `Add ${principal} to the Principal of ${role}’s trust policy (IAM → Roles → Trust relationships).`,
          `Allow sts:AssumeRole on ${role} in ${principal}’s policies.`,
          'Send the external id and MFA code the trust policy asks for; check the role ARN character by character.',
        ],
        details: { principal, roleArn: role },
      };
    },
  },
  {
    topic: 'access-denied-web-identity',
    title: 'The web identity may not assume this role',
    pattern: /Not authorized to perform sts:AssumeRoleWithWebIdentity/,
    impliedCode: 'AccessDenied',
    retryable: false,
    explain: () => ({
      cause: 'The token was valid, but the role’s trust policy does not admit it for sts:AssumeRoleWithWebIdentity.',
      likelyCauses: [
        'The trust policy’s Federated principal is another OIDC provider (another cluster or account).',
        'A condition does not match: the token’s sub (system:serviceaccount:<namespace>:<name>) or aud (sts.amazonaws.com) differs from the trust policy.',
        'The role ARN (AWS_ROLE_ARN, the service account annotation) names another role.',
      ],
      fixes: ['Compare the decoded token’s iss, sub and aud with the trust policy’s Federated principal and StringEquals conditions.', 'Fix the service account annotation eks.amazonaws.com/role-arn or AWS_ROLE_ARN.'],
    }),
  },
  {
    topic: 'region-disabled',
    title: 'STS is not activated in this region for the account',
    codes: ['RegionDisabledException', 'RegionDisabled', 'ERR_STS_REGION_DISABLED'],
    pattern: /STS is not activated in this region for account:?\s*(\d*)/,
    impliedCode: 'RegionDisabledException',
    retryable: false,
    explain: (_facts, match) => ({
      cause: `The regional STS endpoint was called in a region where the account${match?.[1] === undefined || match[1] === '' ? '' : ` ${match[1]}`} has not activated STS.`,
      likelyCauses: ['AWS_REGION (or the region option) names an opt-in region that is not enabled, or whose STS endpoint is deactivated in IAM account settings.'],
      fixes: ['Activate STS for the region (IAM → Account settings → Security Token Service endpoints), or enable the opt-in region.', 'Or call STS in an activated region (set AWS_REGION).'],
    }),
  },
  {
    topic: 'duration-too-long',
    title: 'The requested session is longer than the role allows',
    pattern: /DurationSeconds exceeds the (MaxSessionDuration|1 hour session limit)/,
    impliedCode: 'ValidationError',
    retryable: false,
    explain: (_facts, match) => {
      const chaining = match?.[1] !== 'MaxSessionDuration';
      return {
        cause: chaining ? 'Role chaining (assuming a role with credentials of another role session) limits sessions to one hour.' : 'DurationSeconds is above the role’s maximum session duration (1 hour unless raised, up to 12).',
        likelyCauses: chaining ? ['The source credentials are themselves an assumed-role session (source_profile with role_arn, or role credentials from the environment).'] : ['duration_seconds in the profile (or durationSeconds) is larger than the role’s MaxSessionDuration.'],
        fixes: chaining ? ['Ask for 3600 seconds or less when chaining roles.'] : ['Lower durationSeconds, or raise the role’s maximum session duration (IAM → Roles → Summary → Edit).'],
      };
    },
  },
  {
    topic: 'malformed-policy-document',
    title: 'The session policy is malformed',
    codes: ['MalformedPolicyDocument', 'MalformedPolicyDocumentException', 'ERR_STS_MALFORMED_POLICY_DOCUMENT'],
    impliedCode: 'MalformedPolicyDocument',
    retryable: false,
    explain: () => ({
      cause: 'The session policy sent with the request (Policy) is not a valid IAM policy document.',
      likelyCauses: ['Invalid JSON (a trailing comma, single quotes).', 'Policy grammar errors: a missing Version or Statement, an unknown element, a bad ARN.'],
      fixes: ['Validate the policy with IAM Access Analyzer or `aws iam validate-policy`; pass an object to @iamkit/sts so it is serialised as JSON.'],
    }),
  },
  {
    topic: 'packed-policy-too-large',
    title: 'The session policy and tags are too large',
    codes: ['PackedPolicyTooLarge', 'PackedPolicyTooLargeException', 'ERR_STS_PACKED_POLICY_TOO_LARGE'],
    pattern: /Packed policy consumes (\d+)% of allotted space/,
    impliedCode: 'PackedPolicyTooLarge',
    retryable: false,
    explain: (_facts, match) => ({
      cause: `The session policy, managed policy ARNs and session tags, packed together, exceed STS’s limit${match?.[1] === undefined ? '' : ` (${match[1]}% of the allowed size)`}.`,
      likelyCauses: ['A long inline session policy.', 'Many or long session tags (including transitive tags passed down a role chain).'],
      fixes: ['Shorten the session policy (wildcards, fewer statements) or use policyArns instead.', 'Send fewer or shorter session tags.'],
    }),
  },
  {
    topic: 'access-denied',
    title: 'Access denied',
    codes: ['AccessDenied', 'AccessDeniedException', 'ERR_STS_ACCESS_DENIED'],
    impliedCode: 'AccessDenied',
    retryable: false,
    explain: () => ({
      cause: 'STS refused the action for this caller.',
      likelyCauses: ['The role’s trust policy or the caller’s permissions do not allow it.', 'An SCP or permissions boundary denies it.'],
      fixes: ['Check the role’s trust policy and the caller’s policies (IAM policy simulator).'],
    }),
  },
  {
    topic: 'validation-error',
    title: 'A parameter is invalid',
    codes: ['ValidationError', 'ValidationException', 'ERR_STS_VALIDATION_ERROR', 'ERR_STS_INVALID_PARAMETER'],
    retryable: false,
    explain: (facts) => ({
      cause: `STS refused a parameter: ${facts.message}`,
      likelyCauses: ['A role session name with spaces or other characters outside [\\w+=,.@-], or shorter than 2 characters.', 'DurationSeconds outside 900–43200, or an ARN of the wrong shape.'],
      fixes: ['Fix the parameter named in the message.'],
    }),
  },
];
