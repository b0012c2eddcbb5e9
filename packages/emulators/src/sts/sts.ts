import { EmulatorBase, type EmulatorHandle } from '../common/emulator-handle.js';
import { type EmulatorOptions, resolveEmulatorOptions } from '../common/emulator-options.js';
import type { EmulatorRequest } from '../common/emulator-request.js';
import { type EmulatorServer, startEmulatorServer } from '../common/emulator-server.js';
import { optionError } from '../common/errors.js';
import { formatIsoSeconds } from '../common/time-format.js';
import { StsDirectory } from './sts-identities.js';
import { STS_SAMPLE_ROLES, STS_SAMPLE_USERS, type StsRole, type StsUser } from './sts-model.js';
import { createStsHandler, type StsOutcome } from './sts-routes.js';
import { type StsCall, type StsVerifyRequest, type StsVerifyResult, toWireRequest, verifyResult } from './sts-verify.js';
import { type StsWebIdentityOptions, WebIdentityTokens } from './sts-web-identity.js';

/**
 * Options of {@link startSts}.
 *
 * @example
 * ```ts
 * let t = Date.parse('2026-01-01T00:00:00Z');
 * await startSts({ now: () => t, issuedLifetimeMs: 15 * 60_000, webIdentity: { tokens: [token] } });
 * ```
 * @public
 */
export interface StsOptions extends Omit<EmulatorOptions, 'lifetimeMs' | 'rotateBeforeMs'> {
  /**
   * The region this endpoint serves: requests whose `Host` is not an AWS STS host name (loopback,
   * `localhost`) must be signed for it. `sts.amazonaws.com` always means us-east-1 and
   * `sts.<region>.amazonaws.com` its region. Default `us-east-1`.
   */
  readonly region?: string | undefined;
  /** Callers with their keys. Default {@link STS_SAMPLE_USERS}. */
  readonly users?: readonly StsUser[] | undefined;
  /** Roles that can be assumed. Default {@link STS_SAMPLE_ROLES}. */
  readonly roles?: readonly StsRole[] | undefined;
  /**
   * Lifetime of the credentials AssumeRole and AssumeRoleWithWebIdentity issue, overriding
   * `DurationSeconds` (still validated); zero or negative issues already expired credentials.
   */
  readonly issuedLifetimeMs?: number | undefined;
  /** Which web identity tokens are valid. Default: none until `acceptWebIdentityToken()`. */
  readonly webIdentity?: StsWebIdentityOptions | undefined;
  /** `false`: every request gets `RegionDisabledException`, as in a region the account has not activated. */
  readonly regionEnabled?: boolean | undefined;
  /** Characters of session policy and tags that make a 100% packed policy. Default 2048. */
  readonly packedPolicyLimit?: number | undefined;
}

/**
 * A running STS emulator.
 *
 * @example
 * ```ts
 * const sts = await startSts();
 * sts.env;   // { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:41234' }
 * sts.calls; // [{ action: 'GetCallerIdentity', status: 200, arn: 'arn:aws:iam::123456789012:user/Alice', … }]
 * await sts.close();
 * ```
 * @public
 */
export interface StsEmulator extends EmulatorHandle {
  readonly emulator: 'sts';
  readonly region: string;
  /** `{ AWS_ENDPOINT_URL_STS }`, for a client given an injected `env`. */
  readonly env: Readonly<Record<string, string>>;
  /** Every request the emulator's logic answered (faults aside), with its action, caller and outcome. */
  readonly calls: readonly StsCall[];
  /** Credential sets issued by AssumeRole and AssumeRoleWithWebIdentity so far. */
  readonly sessionsIssued: number;
  readonly regionEnabled: boolean;
  setRegionEnabled(enabled: boolean): void;
  addUser(user: StsUser): void;
  /** Forgets a user or an issued session: its key gets `InvalidClientTokenId` from now on. */
  removeUser(accessKeyId: string): boolean;
  addRole(role: StsRole): void;
  removeRole(arn: string): boolean;
  acceptWebIdentityToken(token: string): void;
  /** The token is no longer valid (`InvalidIdentityToken`), as after a rotation. */
  revokeWebIdentityToken(token: string): boolean;
  /**
   * Answers one request in process, exactly as the HTTP listener would (faults aside): for the
   * MongoDB emulator, which verifies a client's signed GetCallerIdentity.
   */
  verify(request: StsVerifyRequest): StsVerifyResult;
}

const DEFAULT_SKEW_MS = 15 * 60_000;

interface StsHandleState {
  readonly directory: StsDirectory;
  readonly tokens: WebIdentityTokens;
  readonly calls: StsCall[];
  readonly enabled: { value: boolean };
  readonly region: string;
  readonly verify: (request: StsVerifyRequest) => StsVerifyResult;
}

class StsHandle extends EmulatorBase implements StsEmulator {
  readonly emulator = 'sts';
  readonly region: string;
  readonly #state: StsHandleState;

  constructor(server: EmulatorServer, state: StsHandleState) {
    super(server);
    this.#state = state;
    this.region = state.region;
  }

  get env(): Readonly<Record<string, string>> {
    return Object.freeze({ AWS_ENDPOINT_URL_STS: this.url });
  }
  get calls(): readonly StsCall[] {
    return [...this.#state.calls];
  }
  get sessionsIssued(): number {
    return this.#state.directory.issuedCount;
  }
  get regionEnabled(): boolean {
    return this.#state.enabled.value;
  }
  setRegionEnabled(enabled: boolean): void {
    this.#state.enabled.value = enabled;
  }
  addUser(user: StsUser): void {
    this.#state.directory.addUser(user);
  }
  removeUser(accessKeyId: string): boolean {
    return this.#state.directory.removeIdentity(accessKeyId);
  }
  addRole(role: StsRole): void {
    this.#state.directory.addRole(role);
  }
  removeRole(arn: string): boolean {
    return this.#state.directory.removeRole(arn);
  }
  acceptWebIdentityToken(token: string): void {
    this.#state.tokens.accept(token);
  }
  revokeWebIdentityToken(token: string): boolean {
    return this.#state.tokens.revoke(token);
  }
  verify(request: StsVerifyRequest): StsVerifyResult {
    return this.#state.verify(request);
  }

  /** Settings and sizes; never a key, token or secret. */
  protected override describe(): Record<string, unknown> {
    return {
      region: this.region,
      regionEnabled: this.regionEnabled,
      users: this.#state.directory.userCount,
      roles: this.#state.directory.roleArns.length,
      sessionsIssued: this.sessionsIssued,
    };
  }

  protected override inspectName(): string {
    return 'StsEmulator';
  }
}

function resolveStsOptions(options: StsOptions): { region: string; issuedLifetimeMs: number | undefined; packedPolicyLimit: number } {
  const region = options.region ?? 'us-east-1';
  if (typeof region !== 'string' || !/^[a-z0-9-]{1,64}$/.test(region)) throw optionError('sts', 'region', 'must be a region name such as us-east-1');
  const { issuedLifetimeMs } = options;
  if (issuedLifetimeMs !== undefined && !Number.isFinite(issuedLifetimeMs)) throw optionError('sts', 'issuedLifetimeMs', 'must be a finite number of milliseconds');
  const packedPolicyLimit = options.packedPolicyLimit ?? 2048;
  if (!Number.isInteger(packedPolicyLimit) || packedPolicyLimit < 1) throw optionError('sts', 'packedPolicyLimit', 'must be a positive whole number of characters');
  return { region, issuedLifetimeMs, packedPolicyLimit };
}

/**
 * Starts a loopback emulator of AWS STS (`POST /`, awsQuery, API version 2011-06-15) serving
 * GetCallerIdentity, AssumeRole and AssumeRoleWithWebIdentity. It verifies SigV4 as STS does —
 * in STS's order, with STS's codes, statuses and messages word for word — and answers in STS's XML,
 * or JSON for `Accept: application/json`. Callers and roles come from `users` and `roles` (MongoDB's
 * sample set by default); issued credentials become callers themselves until they expire.
 *
 * @example
 * ```ts
 * import { startSts, STS_SAMPLE_USERS } from '@iamkit/emulators';
 * await using sts = await startSts();
 * const client = createStsClient({ env: sts.env, credentials: STS_SAMPLE_USERS.alice });
 * const { arn } = await client.getCallerIdentity(); // 'arn:aws:iam::123456789012:user/Alice'
 * ```
 * @public
 */
export async function startSts(options: StsOptions = {}): Promise<StsEmulator> {
  const base = resolveEmulatorOptions('sts', options);
  const { region, issuedLifetimeMs, packedPolicyLimit } = resolveStsOptions(options);
  const directory = new StsDirectory();
  (options.users ?? Object.values(STS_SAMPLE_USERS)).forEach((user, i) => directory.addUser(user, `users[${i}]`));
  (options.roles ?? Object.values(STS_SAMPLE_ROLES)).forEach((role, i) => directory.addRole(role, `roles[${i}]`));
  const tokens = new WebIdentityTokens(options.webIdentity);
  const enabled = { value: options.regionEnabled ?? true };
  const calls: StsCall[] = [];
  const handler = createStsHandler({
    directory,
    webIdentity: tokens,
    now: base.now,
    random: base.random,
    region: () => region,
    regionEnabled: () => enabled.value,
    issuedLifetimeMs,
    packedPolicyLimit,
    maxSkewMs: DEFAULT_SKEW_MS,
  });
  const record = (outcome: StsOutcome, via: StsCall['via']): void => {
    calls.push(
      Object.freeze({
        seq: calls.length + 1,
        time: new Date(base.now()),
        via,
        action: outcome.action,
        accessKeyId: outcome.accessKeyId,
        arn: outcome.caller?.arn,
        status: outcome.response.status,
        code: outcome.error?.code,
      }),
    );
  };
  const route = (request: EmulatorRequest) => {
    const outcome = handler.answer({ method: request.method, target: request.target, headers: request.headers, body: request.bodyBytes });
    record(outcome, 'http');
    return outcome.response;
  };
  const server = await startEmulatorServer({
    name: 'sts',
    ...base,
    route,
    throttleResponse: handler.throttle,
    serializeJson: (json) => JSON.stringify(json),
    formatExpiration: formatIsoSeconds,
    knownSecrets: () => [...directory.secrets(), ...tokens.secrets()],
  });
  const verify = (request: StsVerifyRequest): StsVerifyResult => {
    const outcome = handler.answer(toWireRequest(request));
    record(outcome, 'verify');
    return verifyResult(outcome);
  };
  return new StsHandle(server, { directory, tokens, calls, enabled, region, verify });
}
