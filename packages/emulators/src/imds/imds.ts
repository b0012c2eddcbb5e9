import { CredentialRotation } from '../common/credential-rotation.js';
import { CredentialEmulatorBase, type CredentialEmulatorHandle } from '../common/emulator-handle.js';
import { type EmulatorOptions, type RateLimit, resolveEmulatorOptions, resolveRateLimit } from '../common/emulator-options.js';
import { type EmulatorServer, startEmulatorServer } from '../common/emulator-server.js';
import { optionError } from '../common/errors.js';
import { formatIsoSeconds } from '../common/time-format.js';
import { createImdsRoutes, imdsJson, type ImdsState } from './imds-routes.js';
import { SessionTokens } from './imds-tokens.js';

/**
 * Whether IMDS answers GETs that carry no session token.
 *
 * @example
 * ```ts
 * const mode: ImdsV1Mode = 'allowed';
 * ```
 * @public
 */
export type ImdsV1Mode = 'allowed' | 'refused';

/**
 * Options of {@link startImds}.
 *
 * @example
 * ```ts
 * await startImds({ v1: 'allowed', extendedApi: true, hopLimitExceeded: true, now: clock.now });
 * ```
 * @public
 */
export interface ImdsOptions extends EmulatorOptions {
  /** `'refused'` (default, `HttpTokens=required` as on modern instances): GETs without a token get 401. */
  readonly v1?: ImdsV1Mode | undefined;
  /** The instance profile's role. Default `iamkit-emulator-role`; `null` for an instance without one (404s). */
  readonly roleName?: string | null | undefined;
  /** Serve `/latest/meta-data/iam/security-credentials-extended/` (with `AccountId`). Default false: 404, as where it is not rolled out. */
  readonly extendedApi?: boolean | undefined;
  /** Also put `AccountId` in the classic credentials document. Default false. */
  readonly includeAccountId?: boolean | undefined;
  /** End the role listing with `\n`, as older IMDS responses did. Default false. */
  readonly roleListingNewline?: boolean | undefined;
  /** Hop-limit mode: token PUTs are never answered (the socket stays open), GETs behave normally. */
  readonly hopLimitExceeded?: boolean | undefined;
  /** A throttle (429) on all requests; IMDS publishes no number, so it is off by default. */
  readonly rateLimit?: RateLimit | false | undefined;
  /** Default `123456789012`. */
  readonly accountId?: string | undefined;
  /** Extra documents under `/latest/meta-data/`, e.g. `{ 'placement/region': 'eu-west-1' }`. */
  readonly metadata?: Readonly<Record<string, string>> | undefined;
}

/**
 * A running EC2 instance metadata service (IMDSv2) emulator.
 *
 * @example
 * ```ts
 * const imds = await startImds({ hopLimitExceeded: true });
 * // … assert the client's token PUT times out …
 * imds.setHopLimitExceeded(false);
 * imds.revokeTokens(); // the next GET with an old token gets 401
 * ```
 * @public
 */
export interface Imds extends CredentialEmulatorHandle {
  readonly emulator: 'imds';
  /** The role served, `undefined` when the instance has none. */
  readonly roleName: string | undefined;
  readonly v1: ImdsV1Mode;
  setV1(mode: ImdsV1Mode): void;
  readonly hopLimitExceeded: boolean;
  setHopLimitExceeded(exceeded: boolean): void;
  /** How many session tokens PUT requests have minted (to assert that a client reuses its token). */
  readonly tokensIssued: number;
  /** Invalidates every session token: the next GET with one gets 401. */
  revokeTokens(): void;
  /** `{ AWS_EC2_METADATA_SERVICE_ENDPOINT }`. */
  readonly env: Readonly<Record<string, string>>;
}

class ImdsHandle extends CredentialEmulatorBase implements Imds {
  readonly emulator = 'imds';
  readonly #state: ImdsState;

  constructor(server: EmulatorServer, rotation: CredentialRotation, state: ImdsState) {
    super(server, rotation);
    this.#state = state;
  }

  get roleName(): string | undefined {
    return this.#state.roleName;
  }

  get v1(): ImdsV1Mode {
    return this.#state.v1;
  }

  setV1(mode: ImdsV1Mode): void {
    this.#state.v1 = checkV1(mode);
  }

  get hopLimitExceeded(): boolean {
    return this.#state.hopLimitExceeded;
  }

  setHopLimitExceeded(exceeded: boolean): void {
    this.#state.hopLimitExceeded = exceeded;
  }

  get tokensIssued(): number {
    return this.#state.tokens.issued;
  }

  revokeTokens(): void {
    this.#state.tokens.revokeAll();
  }

  get env(): Readonly<Record<string, string>> {
    return Object.freeze({ AWS_EC2_METADATA_SERVICE_ENDPOINT: this.url });
  }

  protected override describe(): Record<string, unknown> {
    return { roleName: this.roleName, v1: this.v1, hopLimitExceeded: this.hopLimitExceeded, tokensIssued: this.tokensIssued };
  }
}

function checkV1(mode: unknown): ImdsV1Mode {
  if (mode !== 'allowed' && mode !== 'refused') throw optionError('imds', 'v1', "must be 'allowed' or 'refused'");
  return mode;
}

/**
 * Starts a loopback emulator of EC2 instance metadata with IMDSv2 session tokens: the token PUT
 * and its TTL rules (400/403), 401 for GETs without a valid token, token expiry by the emulator's
 * clock, the role listing and credentials document, optional extended API, and a hop-limit mode
 * where the token PUT is never answered.
 *
 * @example
 * ```ts
 * import { startImds } from '@iamkit/emulators';
 * await using imds = await startImds();
 * const creds = await fromInstanceMetadata({ env: imds.env })();
 * expect(imds.tokensIssued).toBe(1);
 * expect(imds.requests.count({ method: 'GET' })).toBe(2);
 * ```
 * @public
 */
export async function startImds(options: ImdsOptions = {}): Promise<Imds> {
  const base = resolveEmulatorOptions('imds', options);
  const { now, random } = base;
  const roleName = options.roleName === null ? undefined : (options.roleName ?? 'iamkit-emulator-role');
  if (roleName !== undefined && (roleName === '' || roleName.includes('/'))) {
    throw optionError('imds', 'roleName', 'must be a non-empty role name without "/", or null for no instance profile');
  }
  const accountId = options.accountId ?? '123456789012';
  const rotation = new CredentialRotation({ emulator: 'imds', now, random, lifetimeMs: options.lifetimeMs, rotateBeforeMs: options.rotateBeforeMs, accountId });
  const tokens = new SessionTokens(random);
  const state: ImdsState = {
    v1: checkV1(options.v1 ?? 'refused'),
    hopLimitExceeded: options.hopLimitExceeded ?? false,
    roleName,
    extendedApi: options.extendedApi ?? false,
    includeAccountId: options.includeAccountId ?? false,
    roleListingNewline: options.roleListingNewline ?? false,
    accountId,
    metadata: { ...options.metadata },
    tokens,
    credentials: () => rotation.current(),
  };
  const routes = createImdsRoutes(state, resolveRateLimit('imds', options.rateLimit, undefined), now);
  const server = await startEmulatorServer({
    name: 'imds',
    ...base,
    route: routes.route,
    throttleResponse: routes.throttle,
    serializeJson: imdsJson,
    formatExpiration: formatIsoSeconds,
    knownSecrets: () => {
      const credentials = rotation.peek()?.credentials;
      return [credentials?.secretAccessKey, credentials?.sessionToken, ...tokens.live()].filter((s): s is string => s !== undefined);
    },
  });
  return new ImdsHandle(server, rotation, state);
}
