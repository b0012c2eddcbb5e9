import { createCredentials, resolveRuntime, scrubSecrets, type Credentials } from '@iamkit/credentials';
import { createStsClient, isStsError, StsError, type StsClient } from '@iamkit/sts';
import { generateRoleSessionName } from './session-name.js';
import { SOURCE } from './web-identity-errors.js';
import type { WebIdentityOptions } from './web-identity-options.js';

/** One AssumeRoleWithWebIdentity: the role, the session name if configured, and the token with where it came from. */
export interface WebIdentityCall {
  readonly roleArn: string;
  readonly roleSessionName: string | undefined;
  readonly token: string;
  /** `the token file /path (AWS_WEB_IDENTITY_TOKEN_FILE)`, or `the token supplied to fromWebToken`. */
  readonly tokenFrom: string;
  /** Whether the token was read from a file just now (changes the advice for a refused token). */
  readonly fromFile: boolean;
  readonly signal: AbortSignal | undefined;
}

const REFUSED_TOKEN = new Set(['InvalidIdentityToken', 'ExpiredTokenException', 'ExpiredToken']);

/**
 * Calls STS (unsigned, as the AWS SDKs do) with one lazily created client per provider, so that a
 * clock-skew correction is kept between refreshes. Credentials come back tagged `web-identity`.
 */
export function webIdentityCaller(options: WebIdentityOptions): (call: WebIdentityCall) => Promise<Credentials> {
  let client: StsClient | undefined;
  const sts = (): StsClient => {
    const { env, now, random } = resolveRuntime(options);
    client ??= createStsClient({
      ...options.sts,
      region: options.clientConfig?.region,
      endpoint: options.clientConfig?.endpoint,
      env,
      now,
      random,
      dispatcher: options.dispatcher,
    });
    return client;
  };
  return async (call) => {
    const { now, random } = resolveRuntime(options);
    const roleSessionName = call.roleSessionName ?? generateRoleSessionName({ now, random });
    try {
      const result = await sts().assumeRoleWithWebIdentity(
        {
          roleArn: call.roleArn,
          roleSessionName,
          webIdentityToken: call.token,
          durationSeconds: options.durationSeconds,
          policy: options.policy,
          policyArns: options.policyArns?.map((p) => (typeof p === 'string' ? p : p.arn)),
          providerId: options.providerId,
        },
        { signal: call.signal },
      );
      const c = result.credentials;
      return createCredentials({ accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration, accountId: c.accountId }, SOURCE);
    } catch (error) {
      throw withContext(error, call);
    }
  };
}

// STS's error keeps its code, fields and explanation (explainStsError still works); the message
// gains which role and which token, and for a refused token read just now, what that implies.
function withContext(error: unknown, call: WebIdentityCall): unknown {
  if (!isStsError(error)) return error;
  const refused = error.stsCode !== undefined && REFUSED_TOKEN.has(error.stsCode);
  const advice =
    refused && call.fromFile
      ? ' The file was read just now, so it holds a token STS no longer (or never) accepts: check that kubelet, or whatever writes it, keeps it current, and that it was issued for the OIDC provider this role trusts.'
      : '';
  const message = scrubSecrets(`${SOURCE}: AssumeRoleWithWebIdentity of ${call.roleArn} with ${call.tokenFrom} failed.${advice} ${error.message}`, [call.token]);
  return new StsError({
    code: error.code,
    message,
    stsCode: error.stsCode,
    stsMessage: error.stsMessage,
    stsType: error.stsType,
    requestId: error.requestId,
    action: error.action,
    status: error.status,
    retryable: error.retryable,
    retryAfterMs: error.retryAfterMs,
    clockSkewMs: error.clockSkewMs,
    cause: error,
  });
}
