import { formatSkew, type StsSkew, type Topic } from './explain-topic.js';

const SYNC_CLOCK = 'Synchronise this machine’s clock: enable NTP (chrony or systemd-timesyncd; on EC2 the Amazon Time Sync Service at 169.254.169.123) and compare `date -u` with a trusted clock.';
const SIGN_LATE = 'Sign each request right before sending it; never send a signed request (or a cached Authorization header) more than 15 minutes later.';
const AUTO_CORRECT = 'An @iamkit/sts client corrects its clock offset from STS’s answer and retries once; with another signer, pass a corrected clock (the `now` option of createSigner from @iamkit/sigv4).';

function skewSentence(skew: StsSkew | undefined): string {
  if (skew === undefined) return '';
  const times = skew.requestTime !== undefined && skew.serverTime !== undefined ? ` (request time ${skew.requestTime}, STS time ${skew.serverTime})` : '';
  return ` The request was signed ${formatSkew(skew.skewMs)} ${skew.direction === 'behind' ? 'behind' : 'ahead of'} STS’s clock${times}.`;
}

/** Clock and signature-format topics; checked in this order. */
export const SIGNING_TOPICS: readonly Topic[] = [
  {
    topic: 'signature-expired',
    title: 'The signature expired: the request time is more than 15 minutes in the past',
    pattern: /Signature expired: \d{8}T\d{6}Z is now earlier than/,
    impliedCode: 'SignatureDoesNotMatch',
    retryable: false,
    explain: (_facts, _match, skew) => {
      const dateOnly = skew?.dateOnly === true;
      const dateCause = 'X-Amz-Date holds a date (YYYYMMDD) where a timestamp (YYYYMMDD’T’HHMMSS’Z’) belongs: STS reads it as midnight UTC.';
      const clockCause = 'This machine’s clock is behind: a VM or container resumed from suspend, a Lambda function thawed, NTP is not running.';
      return {
        cause: `STS refused the request because its time is older than STS accepts (15 minutes).${skewSentence(skew)}${dateOnly ? ' The request time is exactly midnight: the date was sent instead of the full timestamp.' : ''} Nothing is wrong with the keys.`,
        likelyCauses: dateOnly
          ? [dateCause, clockCause, 'A signed request was stored and sent (or retried) much later.']
          : [clockCause, 'A signed request was stored and sent (or retried) much later.', dateCause],
        fixes: dateOnly
          ? ['Send the full timestamp in X-Amz-Date and in the string to sign, e.g. formatAmzDate(new Date()).amzDate from @iamkit/sigv4 (20200317T224041Z, not 20200317).', SYNC_CLOCK, SIGN_LATE]
          : [SYNC_CLOCK, AUTO_CORRECT, SIGN_LATE],
      };
    },
  },
  {
    topic: 'signature-not-yet-current',
    title: 'The signature is not yet valid: the request time is more than 15 minutes in the future',
    pattern: /Signature not yet current: \d{8}T\d{6}Z is still later than/,
    impliedCode: 'SignatureDoesNotMatch',
    retryable: false,
    explain: (_facts, _match, skew) => ({
      cause: `STS refused the request because its time lies in the future by more than STS accepts (15 minutes).${skewSentence(skew)} Nothing is wrong with the keys.`,
      likelyCauses: ['This machine’s clock is ahead (a wrong time zone applied to UTC, a manually set clock, no NTP).', 'The signer was given a future date on purpose or by mistake (a `date` option, local time read as UTC).'],
      fixes: [SYNC_CLOCK, 'Sign with the current UTC time: X-Amz-Date is UTC (the trailing Z), never local time.', AUTO_CORRECT],
    }),
  },
  {
    topic: 'request-time-too-skewed',
    title: 'The request time is too far from the server’s clock',
    codes: ['RequestTimeTooSkewed', 'RequestExpired', 'RequestInTheFuture', 'ERR_STS_REQUEST_TIME_TOO_SKEWED'],
    pattern: /difference between the request time and the current time is too large/i,
    retryable: false,
    explain: (_facts, _match, skew) => ({
      cause: `The server refused the request because its signing time is too far from the server’s clock.${skewSentence(skew)}`,
      likelyCauses: ['This machine’s clock is wrong (suspend/resume, Lambda thaw, no NTP).', 'A signed request was sent long after signing.'],
      fixes: [SYNC_CLOCK, AUTO_CORRECT, SIGN_LATE],
    }),
  },
  {
    topic: 'missing-authentication-token',
    title: 'STS found no usable Authorization header',
    codes: ['MissingAuthenticationToken', 'MissingAuthenticationTokenException', 'ERR_STS_MISSING_AUTHENTICATION_TOKEN'],
    pattern: /Request is missing Authentication Token|Missing Authentication Token/i,
    impliedCode: 'MissingAuthenticationToken',
    retryable: false,
    explain: () => ({
      cause: 'STS saw no SigV4 Authorization header it could read. Despite the wording this has nothing to do with session tokens: the signature itself is missing or unreadable.',
      likelyCauses: [
        'No Authorization header was sent: the request was not signed, or a proxy or load balancer stripped the header.',
        'The value does not start with "AWS4-", e.g. "AWS-HMAC-SHA256 …" instead of "AWS4-HMAC-SHA256 …".',
        'The value repeats the header name ("Authorization: Authorization: AWS4-…"), as when a whole header line is pasted into the value.',
        'A signed action was sent without signing it (only AssumeRoleWithWebIdentity and AssumeRoleWithSAML may be unsigned).',
      ],
      fixes: [
        'Send exactly `Authorization: AWS4-HMAC-SHA256 Credential=<key id>/<YYYYMMDD>/<region>/sts/aws4_request, SignedHeaders=<list>, Signature=<64 hex>`.',
        'Check the value with parseAuthorizationHeader() from @iamkit/sigv4: it names the exact problem.',
        'If a proxy sits in between, make sure it forwards the Authorization header unchanged.',
      ],
    }),
  },
  {
    topic: 'incomplete-signature',
    title: 'The Authorization header is incomplete or malformed',
    codes: ['IncompleteSignature', 'IncompleteSignatureException', 'ERR_STS_INCOMPLETE_SIGNATURE'],
    pattern: /Authorization header requires|Credential must have exactly 5|Unsupported AWS 'algorithm'|Date must be in ISO-8601/,
    impliedCode: 'IncompleteSignature',
    retryable: false,
    explain: (facts) => ({
      cause: `The Authorization header (or the date header) does not have the parts SigV4 needs: ${facts.message.replace(/ ?Authorization=.*$/s, '').trim()}`,
      likelyCauses: [
        'A Credential=, SignedHeaders= or Signature= component is missing or misspelled.',
        'Neither X-Amz-Date nor Date is sent, or X-Amz-Date is not in the basic format YYYYMMDD’T’HHMMSS’Z’.',
        'The credential scope is not <key id>/<YYYYMMDD>/<region>/<service>/aws4_request, or the algorithm is not AWS4-HMAC-SHA256 (SigV4a is not accepted by STS).',
      ],
      fixes: ['Build the header with a SigV4 signer (signRequest from @iamkit/sigv4) instead of by hand.', 'Check the value with parseAuthorizationHeader() from @iamkit/sigv4.'],
    }),
  },
  {
    topic: 'scope-region',
    title: 'The request was signed for the wrong region',
    pattern: /Credential should be scoped to a valid region(?:, not '([^']*)')?/,
    impliedCode: 'SignatureDoesNotMatch',
    retryable: false,
    explain: (_facts, match) => {
      const region = match?.[1];
      return {
        cause: `The credential scope names a region${region === undefined ? '' : ` (${region})`} that this STS endpoint does not serve. Each regional endpoint only accepts its own region; the global endpoint sts.amazonaws.com accepts us-east-1.`,
        likelyCauses: [
          'The signing region and the endpoint disagree: e.g. signed for eu-west-1 but sent to sts.amazonaws.com or sts.us-east-1.amazonaws.com.',
          'A custom endpoint (AWS_ENDPOINT_URL_STS, a VPC endpoint) was set without the matching region (AWS_REGION).',
          'MONGODB-AWS: the region was not derived from the host the server sent (sts.amazonaws.com → us-east-1, sts.<region>.amazonaws.com → <region>).',
        ],
        fixes: ['Sign for the endpoint’s region: set AWS_REGION (or the region option) to the region in the STS host name, or us-east-1 for sts.amazonaws.com.', 'Let resolveStsEndpoint() from @iamkit/sts pick the endpoint and signing region together.'],
        details: region === undefined ? undefined : { signedRegion: region },
      };
    },
  },
  {
    topic: 'scope-service',
    title: 'The request was signed for the wrong service',
    pattern: /Credential should be scoped to correct service: '([^']*)'/,
    impliedCode: 'SignatureDoesNotMatch',
    retryable: false,
    explain: (_facts, match) => ({
      cause: `The credential scope names another service; this endpoint expects '${match?.[1] ?? 'sts'}'.`,
      likelyCauses: ['The signer was configured with another service name (iam, execute-api, …) or reused from another client.'],
      fixes: [`Sign with service '${match?.[1] ?? 'sts'}' (the credential scope is <date>/<region>/${match?.[1] ?? 'sts'}/aws4_request).`],
    }),
  },
  {
    topic: 'scope-date',
    title: 'The credential scope date differs from the request date',
    pattern: /Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP(?:: '(\d*)' != '(\d*)')?/,
    impliedCode: 'SignatureDoesNotMatch',
    retryable: false,
    explain: (_facts, match) => ({
      cause: `The date in the credential scope${match?.[1] === undefined ? '' : ` (${match[1]})`} is not the day of X-Amz-Date${match?.[2] === undefined ? '' : ` (${match[2]})`}.`,
      likelyCauses: [
        'The scope date and X-Amz-Date were computed from two different clock readings around midnight UTC.',
        'The scope used the local date while X-Amz-Date is UTC (or the other way round).',
        'A cached credential scope or signing key from the previous day was reused.',
      ],
      fixes: ['Take one UTC timestamp per request and derive both X-Amz-Date and the scope date (its first 8 characters) from it.'],
    }),
  },
  {
    topic: 'host-not-signed',
    title: 'The Host header is not signed',
    pattern: /'Host' (?:or ':authority' )?must be a 'SignedHeader'/,
    impliedCode: 'SignatureDoesNotMatch',
    retryable: false,
    explain: () => ({
      cause: 'SigV4 requires the host header to be among SignedHeaders; this request left it out.',
      likelyCauses: ['The signer ran before the HTTP client added Host, so Host was not part of the signature.', 'SignedHeaders was written by hand and misses host.'],
      fixes: ['Set the Host header (exactly as it will be sent, with the port if the URL has one) before signing, and list it in SignedHeaders.'],
    }),
  },
];
