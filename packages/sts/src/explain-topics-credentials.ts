import { formatSkew, type Topic } from './explain-topic.js';
import { SKEW_THRESHOLD_MS } from './clock-skew.js';

/** Signature, key, token, throttling and transport topics; checked after the signing topics. */
export const CREDENTIAL_TOPICS: readonly Topic[] = [
  {
    topic: 'signature-does-not-match',
    title: 'The signature does not match',
    codes: ['SignatureDoesNotMatch', 'InvalidSignatureException', 'ERR_STS_SIGNATURE_DOES_NOT_MATCH', 'ERR_SIGV4_SIGNATURE_MISMATCH'],
    pattern: /request signature we calculated does not match the signature you provided/i,
    impliedCode: 'SignatureDoesNotMatch',
    retryable: false,
    explain: (facts) => {
      const skew = facts.clockSkewMs ?? 0;
      const clock = Math.abs(skew) > SKEW_THRESHOLD_MS ? [`This machine’s clock is ${formatSkew(skew)} ${skew > 0 ? 'behind' : 'ahead of'} STS’s (measured from STS’s Date header): sync it.`] : [];
      return {
        cause:
          'Everything else about the request was acceptable (key id, token, date, scope); only the signature differs from the one STS computed with the secret key it has for this key id. ' +
          'If STS names any other problem, the signature is not the issue.',
        likelyCauses: [
          'The secret access key is wrong: another key’s secret, a truncated copy, or a trailing newline or space pasted with it.',
          ...clock,
          'The canonical request differs from what was sent: a header changed after signing (a proxy rewrote Host, Content-Type or Content-Length), the body changed after signing, or Host lacks the port the URL has.',
          'A hand-written signer mistake: the intermediate HMACs of the signing key hex-encoded instead of kept as raw bytes; a date where the timestamp belongs in the string to sign; no blank line between the canonical headers and the SignedHeaders list; header values not trimmed; the wrong payload hash.',
          'MONGODB-AWS: X-MongoDB-Server-Nonce is not the base64 of the full 64-byte server nonce, or Host is not exactly the `h` the server sent.',
        ],
        fixes: [
          'Check that the secret belongs to the key id: `aws sts get-caller-identity` with the same two values.',
          'Compare your canonical request with iamkit’s for the same input: signRequest(request, options).canonicalRequest from @iamkit/sigv4, line by line.',
          'Sign the exact bytes and headers you send, after every proxy-visible change.',
        ],
      };
    },
  },
  {
    topic: 'invalid-client-token-id',
    title: 'STS does not know this access key (or its session token)',
    codes: ['InvalidClientTokenId', 'UnrecognizedClientException', 'InvalidAccessKeyId', 'ERR_STS_INVALID_CLIENT_TOKEN_ID'],
    pattern: /security token included in the request is invalid/i,
    impliedCode: 'InvalidClientTokenId',
    retryable: false,
    explain: () => ({
      cause:
        'STS could not match the access key id in the credential scope (with its session token, for temporary keys) to valid credentials. The "security token" is the key id or the session token, not the signature.',
      likelyCauses: [
        'Temporary credentials (key id starting with ASIA) were sent without their session token: no X-Amz-Security-Token header (or not signed).',
        'The key id and the session token come from different sources, e.g. keys from one place and a leftover AWS_SESSION_TOKEN from an older session.',
        'The access key was deleted or deactivated, or belongs to another partition (GovCloud or China keys sent to a commercial endpoint, or the reverse).',
        'A session token from the global endpoint (sts.amazonaws.com) used in an opt-in region that is not enabled for the account, or whose tokens are version 1.',
      ],
      fixes: [
        'Send the three values of one credential set together: ASIA… keys with their session token (AWS_SESSION_TOKEN, signed as X-Amz-Security-Token), AKIA… keys with none (unset a leftover AWS_SESSION_TOKEN).',
        'Make all values come from one source: set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN from the same output, or none of them and let a provider fetch them.',
        'Check the key is active (IAM console → Users → Security credentials) and used against its own partition’s endpoint.',
        'For opt-in regions, use the regional STS endpoint of an enabled region, or set the global endpoint’s token version to 2 (IAM → Account settings).',
      ],
    }),
  },
  {
    topic: 'expired-token',
    title: 'The temporary credentials have expired',
    codes: ['ExpiredToken', 'RequestExpiredToken'],
    pattern: /security token included in the request is expired/i,
    impliedCode: 'ExpiredToken',
    retryable: false,
    explain: () => ({
      cause: 'The session token is valid but past its expiration: the temporary credentials (ASIA…) it belongs to can no longer sign requests.',
      likelyCauses: [
        'The credentials were fetched once and kept past their expiration (no refresh).',
        'AWS_SESSION_TOKEN (with its keys) was exported in a shell or a .env file hours ago.',
        'A container or instance credential source did not refresh (e.g. botocore on EKS Pod Identity, boto/botocore#3117).',
        'This machine’s clock is far ahead, so credentials looked valid to the client after STS considered them expired.',
      ],
      fixes: [
        'Use a provider that refreshes before expiry: cached(…) from @iamkit/credentials around the source, shared by every client.',
        'Re-export fresh credentials (or stop exporting them and let a provider fetch them).',
        'On a server rejection, call provider.invalidate(accessKeyId) so the next request fetches new credentials.',
      ],
    }),
  },
  {
    topic: 'throttling',
    title: 'STS is throttling these requests',
    codes: ['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException', 'ERR_STS_THROTTLING', 'ERR_CREDENTIALS_THROTTLED'],
    pattern: /Rate exceeded|Too Many Requests|maximum request limit/i,
    impliedCode: 'Throttling',
    retryable: true,
    explain: () => ({
      cause: 'STS (or the credential endpoint) rate-limits per account and Region, and this process or fleet calls it too often.',
      likelyCauses: [
        'Credentials are fetched per request, per client or per pooled connection instead of once per lifetime (4–5 AssumeRoleWithWebIdentity calls per second were enough, fluxcd/source-controller#938).',
        'Many processes refresh at the same moment (no jitter), e.g. after a deploy or a failover.',
        'Retries without backoff multiply the load while STS is already throttling.',
      ],
      fixes: [
        'Wrap the source in one cached(…) from @iamkit/credentials shared by every client and connection: one STS call per credential lifetime, refreshed ahead of expiry with jitter.',
        'Retry with exponential backoff and jitter, honouring Retry-After (the @iamkit/sts client does).',
        'Ask for longer sessions (durationSeconds) where the role allows it.',
      ],
    }),
  },
  {
    topic: 'service-error',
    title: 'STS failed on its side',
    codes: ['InternalFailure', 'InternalError', 'ServiceUnavailable', 'ServiceUnavailableException', 'ERR_STS_INTERNAL_FAILURE', 'ERR_STS_SERVICE_UNAVAILABLE'],
    retryable: true,
    explain: () => ({
      cause: 'STS answered with a server-side error (HTTP 5xx); the request itself may be fine.',
      likelyCauses: ['A transient STS or network problem.'],
      fixes: ['Retry with backoff (the @iamkit/sts client retries 5xx answers).', 'If it persists, try another regional endpoint and check the AWS Health Dashboard.'],
    }),
  },
  {
    topic: 'network',
    title: 'STS could not be reached',
    codes: ['ERR_HTTP_TIMEOUT', 'ERR_HTTP_CONNECTION', 'ERR_HTTP_TRUNCATED_BODY'],
    pattern: /ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|socket hang up|timed out/,
    retryable: true,
    explain: () => ({
      cause: 'The request did not get an answer from STS: the connection failed, timed out or was cut.',
      likelyCauses: [
        'No route to the STS endpoint: a private subnet without a NAT gateway or an STS VPC endpoint, a firewall, or a proxy that is not configured.',
        'A wrong endpoint (AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL) or DNS name.',
        'A transient network failure.',
      ],
      fixes: ['Check that the endpoint resolves and is reachable from here (e.g. `curl -sI https://sts.<region>.amazonaws.com`).', 'In a VPC without internet access, create an STS interface endpoint and use the regional endpoint.', 'Pass an undici dispatcher (ProxyAgent) when a proxy is required.'],
    }),
  },
  {
    topic: 'malformed-response',
    title: 'The answer was not an STS document',
    codes: ['ERR_STS_MALFORMED_RESPONSE'],
    retryable: false,
    explain: (facts) => ({
      cause: `The endpoint answered, but not with a complete STS document: ${facts.message}`,
      likelyCauses: ['A proxy, captive portal or load balancer answered instead of STS.', 'The endpoint URL points at something that is not STS.', 'The connection was cut mid-answer.'],
      fixes: ['Check the endpoint (the endpoint option, AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL).', 'Call it once by hand and look at the raw answer.'],
    }),
  },
  {
    topic: 'mongodb-authentication-failed',
    title: 'The MongoDB server rejected MONGODB-AWS authentication',
    pattern: /^Authentication failed\.?$|AuthenticationFailed/,
    retryable: false,
    explain: () => ({
      cause: 'The MongoDB server answers every MONGODB-AWS failure with this same message; the real reason (STS’s answer, a missing user) is only in the server’s log (ids 20249 and 4690900).',
      likelyCauses: [
        'STS rejected the signed GetCallerIdentity the server forwarded (a wrong secret, a missing or stale session token, clock skew).',
        'STS accepted it, but no user exists in $external under the caller’s ARN (role sessions are matched as arn:aws:sts::<account>:assumed-role/<role>/*).',
        'Credentials that expired: the driver asked the provider before the handshake and got stale ones.',
      ],
      fixes: [
        'Run `iamkit whoami` (or getCallerIdentity from @iamkit/sts) with the same credentials: it shows STS’s own answer and the ARN.',
        'Create the $external user for that ARN (db.getSiblingDB("$external").createUser({ user: "<arn>", roles: […] })).',
        'Read the server log entries for the failed authentication (Atlas: the database access history).',
      ],
    }),
  },
];
