import { IamkitError, httpStatusError, parseRetryAfter, type Clock, type HttpResponse } from '@iamkit/credentials';
import type { ImdsSettings } from './imds-settings.js';

const SOURCE = 'imds';
const DISABLE = 'if this machine is not EC2, set AWS_EC2_METADATA_DISABLED=true';

export interface StatusContext {
  readonly settings: ImdsSettings;
  readonly now: Clock;
  /** `token request`, `role listing`, `credentials document`. */
  readonly what: string;
}

/**
 * A non-200 answer as an error whose code says whether retrying helps: 429 →
 * `ERR_CREDENTIALS_THROTTLED` and 5xx → `ERR_IMDS_UNAVAILABLE` are retried; 400 on the token
 * request → `ERR_IMDS_TOKEN_REJECTED`; 403/404/405 there with the fallback disabled →
 * `ERR_IMDS_V1_DISABLED`; 403 → `ERR_IMDS_FORBIDDEN`; 404 → `ERR_IMDS_NO_ROLE` (listing) or
 * `ERR_IMDS_ROLE_NOT_FOUND` (credentials); anything else → `ERR_IMDS_REQUEST_REJECTED`. IMDS's
 * error pages are XHTML boilerplate, so they are not quoted.
 */
export function imdsStatusError(response: HttpResponse, context: StatusContext): IamkitError {
  const { status } = response;
  const { settings } = context;
  const answered = `${SOURCE}: the ${context.what} ${response.method} ${response.url} (endpoint from ${settings.endpointFrom}) answered HTTP ${status}`;
  const make = (code: string, message: string, retryable = false): IamkitError =>
    new IamkitError({ code, source: SOURCE, status, retryable, retryAfterMs: parseRetryAfter(response.headers['retry-after'], context.now()), message });
  if (status === 429) {
    return httpStatusError(response, { source: SOURCE, now: context.now, hint: `IMDS (endpoint from ${settings.endpointFrom}) is throttling this instance.` });
  }
  if (status >= 500 || status === 408) return make('ERR_IMDS_UNAVAILABLE', `${answered}. IMDS is having trouble; it was retried.`, true);
  if (context.what === 'token request') {
    if (status === 400) {
      return make('ERR_IMDS_TOKEN_REJECTED', `${answered}: IMDS refused the token request. Check the tokenTtlSeconds option (1–21600) and that no proxy alters the PUT.`);
    }
    if (status === 403 || status === 404 || status === 405) {
      return make(
        'ERR_IMDS_V1_DISABLED',
        `${answered}: IMDS will not issue an IMDSv2 session token here, and the IMDSv1 fallback is disabled by ${settings.v1DisabledBy ?? 'configuration'}. ` +
          `Enable IMDSv2 on the instance, allow the fallback (unset ${settings.v1DisabledBy ?? 'AWS_EC2_METADATA_V1_DISABLED'}), or ${DISABLE}.`,
      );
    }
  }
  if (status === 403) {
    return make(
      'ERR_IMDS_FORBIDDEN',
      `${answered}: IMDS is turned off for this instance or refuses this request. Turn it on with aws ec2 modify-instance-metadata-options --instance-id <id> --http-endpoint enabled, or ${DISABLE}.`,
    );
  }
  if (status === 404 && context.what === 'role listing') {
    return make('ERR_IMDS_NO_ROLE', `${answered}: this instance has no IAM role. Attach an instance profile (aws ec2 associate-iam-instance-profile), or ${DISABLE}.`);
  }
  if (status === 404) {
    const named = settings.profileNameFrom === undefined ? 'the role IMDS listed' : `the role named by ${settings.profileNameFrom}`;
    return make('ERR_IMDS_ROLE_NOT_FOUND', `${answered}: IMDS has no credentials for ${named}. Check the instance profile attached to this instance${settings.profileNameFrom === undefined ? '' : ` and ${settings.profileNameFrom}`}.`);
  }
  return make('ERR_IMDS_REQUEST_REJECTED', `${answered}. Retrying cannot fix this; check ${settings.endpointFrom}.`);
}

/** The token PUT got no answer in time: in a container on EC2 that is the hop limit. */
export function tokenTimeoutError(cause: IamkitError, url: URL, timeoutMs: number, settings: ImdsSettings): IamkitError {
  return new IamkitError({
    code: 'ERR_IMDS_HOP_LIMIT',
    source: SOURCE,
    // Worth another try later (the cache backs off), but not within this fetch: no answer is coming.
    retryable: true,
    message:
      `${SOURCE}: the IMDSv2 token request PUT ${url.origin}/latest/api/token got no answer within ${timeoutMs} ms (option tokenTimeoutMs; endpoint from ${settings.endpointFrom}). ` +
      'In a container on EC2 this is almost always the IMDS hop limit: the answer dies one hop short of the container. Raise it to 2 with ' +
      'aws ec2 modify-instance-metadata-options --instance-id <id> --http-put-response-hop-limit 2 (or HttpPutResponseHopLimit: 2 in the launch template). ' +
      `If this machine is not EC2, set AWS_EC2_METADATA_DISABLED=true so IMDS is not tried.`,
    cause,
  });
}
