import type { Clock, RandomSource } from '@iamkit/credentials';
import type { EmulatorResponse } from '../common/emulator-response.js';
import { assumeRole, assumeRoleWithWebIdentity, getCallerIdentity, type StsActionContext, type StsActionOutcome } from './sts-actions.js';
import { authenticate, headerValue, type StsWireRequest } from './sts-auth.js';
import { stsErrors, type StsErrorDetails } from './sts-errors.js';
import type { StsDirectory, StsIdentity } from './sts-identities.js';
import { formatFor, renderError, renderResult } from './sts-render.js';
import type { WebIdentityTokens } from './sts-web-identity.js';

/** The API version every STS request names. */
const STS_VERSION = '2011-06-15';

const ACTIONS = new Set(['GetCallerIdentity', 'AssumeRole', 'AssumeRoleWithWebIdentity']);
// Actions STS serves without a signature: the token in the request is the credential.
const UNSIGNED_ACTIONS = new Set(['AssumeRoleWithWebIdentity', 'AssumeRoleWithSAML']);

export interface StsState {
  readonly directory: StsDirectory;
  readonly webIdentity: WebIdentityTokens;
  readonly now: Clock;
  readonly random: RandomSource;
  readonly region: () => string;
  readonly regionEnabled: () => boolean;
  readonly issuedLifetimeMs: number | undefined;
  readonly packedPolicyLimit: number;
  readonly maxSkewMs: number;
}

/** What one request came to: the answer, and what the emulator records about it. */
export interface StsOutcome {
  readonly response: EmulatorResponse;
  readonly action: string | undefined;
  readonly accessKeyId: string | undefined;
  readonly caller: StsIdentity | undefined;
  readonly error: StsErrorDetails | undefined;
  readonly issued: StsIdentity | undefined;
}

/** awsQuery parameters: the query string, then (for a form POST) the body; the body wins. */
function parameters(request: StsWireRequest): URLSearchParams {
  const q = request.target.indexOf('?');
  const params = new URLSearchParams(q < 0 ? '' : request.target.slice(q + 1));
  const type = headerValue(request.headers, 'content-type') ?? '';
  if (request.method === 'POST' && (type === '' || /^application\/x-www-form-urlencoded\b/i.test(type))) {
    for (const [name, value] of new URLSearchParams(Buffer.from(request.body).toString('utf8'))) params.set(name, value);
  }
  return params;
}

function requestId(random: RandomSource): string {
  const hex = (n: number): string => {
    let out = '';
    for (let i = 0; i < n; i++) out += '0123456789abcdef'.charAt(Math.min(15, Math.floor(random() * 16)));
    return out;
  };
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'.charAt(Math.min(3, Math.floor(random() * 4)))}${hex(3)}-${hex(12)}`;
}

/** The emulator's STS logic, shared by the HTTP listener and `verify()`. */
export function createStsHandler(state: StsState) {
  const answer = (request: StsWireRequest): StsOutcome => {
    const nowMs = state.now();
    const id = requestId(state.random);
    const format = formatFor(request.headers.accept);
    const date = new Date(nowMs).toUTCString();
    const params = parameters(request);
    const action = params.get('Action') ?? undefined;
    let caller: StsIdentity | undefined;
    let accessKeyId: string | undefined;

    const fail = (error: StsErrorDetails): StsOutcome => ({ response: renderError(error, id, format, date), action, accessKeyId, caller, error, issued: undefined });

    const auth = authenticate(request, { directory: state.directory, nowMs, region: state.region(), maxSkewMs: state.maxSkewMs });
    if (auth.kind === 'error') {
      accessKeyId = auth.accessKeyId;
      return fail(auth.error);
    }
    if (auth.kind === 'signed') {
      caller = auth.identity;
      accessKeyId = caller.accessKeyId;
    } else if (action === undefined || !UNSIGNED_ACTIONS.has(action)) {
      return fail(stsErrors.missingAuthenticationToken());
    }
    if (action === undefined) return fail(stsErrors.missingAction());
    const version = params.get('Version');
    if (!ACTIONS.has(action) || version !== STS_VERSION) {
      return fail(stsErrors.invalidAction(`Could not find operation ${action} for version ${version ?? 'NO_VERSION_SPECIFIED'}`));
    }
    if (!state.regionEnabled()) {
      const account = caller?.account ?? state.directory.role(params.get('RoleArn') ?? '')?.account ?? '';
      return fail(stsErrors.regionDisabled(account));
    }

    const context: StsActionContext = {
      directory: state.directory,
      webIdentity: state.webIdentity,
      nowMs,
      random: state.random,
      issuedLifetimeMs: state.issuedLifetimeMs,
      packedPolicyLimit: state.packedPolicyLimit,
    };
    let outcome: StsActionOutcome;
    if (action === 'AssumeRoleWithWebIdentity') outcome = assumeRoleWithWebIdentity(params, context);
    else if (caller === undefined) return fail(stsErrors.missingAuthenticationToken());
    else outcome = action === 'GetCallerIdentity' ? getCallerIdentity(caller) : assumeRole(caller, params, context);
    if ('error' in outcome) return fail(outcome.error);
    return { response: renderResult(action, outcome.result, id, format, date), action, accessKeyId, caller, error: undefined, issued: outcome.issued };
  };

  /** STS's own throttling answer, for the `throttle` fault. */
  const throttle = (request: Pick<StsWireRequest, 'headers'>): EmulatorResponse =>
    renderError(stsErrors.throttling(), requestId(state.random), formatFor(request.headers.accept), new Date(state.now()).toUTCString());

  return { answer, throttle };
}
