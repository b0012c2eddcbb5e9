import {
  IamkitError,
  credentialsFromFields,
  parseJsonBody,
  resolveRuntime,
  scrubSecrets,
  type CredentialProvider,
  type CredentialProviderOptions,
  type Credentials,
  type HttpResponse,
  withRetry,
} from '@iamkit/credentials';
import { imdsChannels, type ImdsNoticeKind } from './imds-diagnostics.js';
import { resolveImdsOptions, type FromInstanceMetadataOptions } from './imds-options.js';
import { ImdsSession, type SessionContext } from './imds-session.js';
import { resolveImdsSettings } from './imds-settings.js';
import { imdsStatusError } from './imds-status-error.js';

const SOURCE = 'imds';
const CREDENTIALS_PATH = '/latest/meta-data/iam/security-credentials/';

/**
 * Credentials of the instance profile from EC2 instance metadata, IMDSv2 first:
 *
 * - the session token (asked for 6 h) and the role name are kept and reused until they expire or
 *   IMDS rejects them, so a refresh after the first costs **one** request; a 401 gets a new token
 *   and one more try, a 404 for a remembered role looks the role up once more;
 * - a token request that IMDS refuses with 403/404/405 falls back to IMDSv1 unless
 *   `AWS_EC2_METADATA_V1_DISABLED=true` (or `v1Fallback: false`); a token request that times out
 *   never does: it fails with `ERR_IMDS_HOP_LIMIT`, which explains the hop limit;
 * - short timeouts (1 s), and 429/5xx/timeouts of the GETs retried with full-jitter backoff
 *   (see {@link IMDS_DEFAULTS});
 * - `AWS_EC2_METADATA_DISABLED=true` makes the source "not configured", so a `chain()` moves on;
 *   any other value than `true`/`false` is an error.
 *
 * The provider does not cache; wrap it in `cached()`. For the AWS SDKs' static stability (keep
 * using the last credentials while IMDS is down), turn on the cache's:
 * `cached(fromInstanceMetadata(), { staticStability: { maxStaleMs: 15 * 60_000 } })`.
 *
 * @example
 * ```ts
 * import { cached } from '@iamkit/credentials';
 * import { fromInstanceMetadata } from '@iamkit/credential-imds';
 * const provider = cached(fromInstanceMetadata());
 * const { accessKeyId, expiration } = await provider();
 * ```
 * @public
 */
export function fromInstanceMetadata(options: FromInstanceMetadataOptions = {}): CredentialProvider {
  const config = resolveImdsOptions(options);
  const session = new ImdsSession(config);
  const announced = new Set<ImdsNoticeKind>();
  const notice = (kind: ImdsNoticeKind, message: string): void => {
    if (!imdsChannels.notice.hasSubscribers) return;
    // A fallback is announced once; token refreshes and role look-ups every time they happen.
    if (kind === 'v1-fallback' && announced.has(kind)) return;
    announced.add(kind);
    imdsChannels.notice.publish({ source: SOURCE, kind, message });
  };

  const provider = async (callOptions?: CredentialProviderOptions): Promise<Credentials> => {
    const { env, now, random, readFile } = resolveRuntime(options);
    const settings = await resolveImdsSettings(options, env, readFile);
    session.use(settings.endpoint);
    const signal = callOptions?.signal;
    const context: SessionContext = { settings, now, signal, dispatcher: options.dispatcher, notice };
    return withRetry(
      async () => {
        const role = await session.role(context);
        let response = await session.get(CREDENTIALS_PATH + encodeURIComponent(role.name), context);
        if (response.status === 404 && role.remembered) {
          session.forgetRole();
          notice('role-relisted', `${SOURCE}: IMDS has no credentials for the remembered role ${role.name} any more; looked the role up again.`);
          const relisted = await session.role(context);
          response = await session.get(CREDENTIALS_PATH + encodeURIComponent(relisted.name), context);
        }
        if (response.status !== 200) throw imdsStatusError(response, { settings, now, what: 'credentials document' });
        return credentialsFromDocument(response, now);
      },
      {
        maxAttempts: config.maxAttempts,
        baseDelayMs: config.baseDelayMs,
        maxDelayMs: config.maxDelayMs,
        deadlineMs: config.deadlineMs,
        now,
        random,
        sleep: options.sleep,
        signal,
        source: SOURCE,
        // No answer to the token request means none is coming: report it now, not after retries.
        shouldRetry: (error) => error.retryable && error.code !== 'ERR_IMDS_HOP_LIMIT',
        onRetry: ({ error, attempt, delayMs }) => {
          if (imdsChannels.retry.hasSubscribers) imdsChannels.retry.publish({ source: SOURCE, attempt, delayMs, code: error.code, status: error.status });
        },
      },
    );
  };
  return Object.assign(provider, { sourceName: SOURCE });
}

function credentialsFromDocument(response: HttpResponse, now: () => number): Credentials {
  const body = parseJsonBody(response, { source: SOURCE, what: 'credentials document' });
  const origin = `the credentials document from ${response.method} ${response.url}`;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new IamkitError({ code: 'ERR_HTTP_MALFORMED_BODY', source: SOURCE, message: `${SOURCE}: ${origin} is JSON but not an object.` });
  }
  const doc = body as Record<string, unknown>;
  if (typeof doc.Code === 'string' && doc.Code !== 'Success') {
    const said = typeof doc.Message === 'string' ? `: ${scrubSecrets(doc.Message).replace(/[\p{Cc}]/gu, ' ').slice(0, 200)}` : '';
    throw new IamkitError({
      code: 'ERR_IMDS_CREDENTIALS_UNAVAILABLE',
      source: SOURCE,
      message: `${SOURCE}: ${origin} reports Code ${JSON.stringify(doc.Code.slice(0, 60))}${said}. IMDS could not get credentials for the instance's role: check the role's trust policy (it must trust ec2.amazonaws.com) and the instance profile.`,
    });
  }
  return credentialsFromFields(
    { accessKeyId: doc.AccessKeyId, secretAccessKey: doc.SecretAccessKey, sessionToken: doc.Token, expiration: doc.Expiration, accountId: doc.AccountId },
    {
      source: SOURCE,
      origin,
      fieldNames: { accessKeyId: 'AccessKeyId', secretAccessKey: 'SecretAccessKey', sessionToken: 'Token', expiration: 'Expiration', accountId: 'AccountId' },
      requireSessionToken: true,
      requireExpiration: true,
      now,
    },
  );
}
