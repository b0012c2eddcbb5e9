import { CredentialRotation } from '../common/credential-rotation.js';
import { CredentialEmulatorBase, type CredentialEmulatorHandle } from '../common/emulator-handle.js';
import { type EmulatorOptions, type RateLimit, resolveEmulatorOptions, resolveRateLimit } from '../common/emulator-options.js';
import { type EmulatorServer, startEmulatorServer } from '../common/emulator-server.js';
import { optionError } from '../common/errors.js';
import { randomString } from '../common/random-string.js';
import { formatRfc3339Nanos } from '../common/time-format.js';
import { CREDENTIALS_PATH, createPodIdentityRoutes } from './pod-identity-routes.js';
import { checkServiceAccountToken, createServiceAccountToken } from './service-account-token.js';

/**
 * Options of {@link startPodIdentityAgent}.
 *
 * @example
 * ```ts
 * await startPodIdentityAgent({ tokens: [createServiceAccountToken()], tokenFile: '/tmp/token', rateLimit: { rate: 10, burst: 5 } });
 * ```
 * @public
 */
export interface PodIdentityAgentOptions extends EmulatorOptions {
  /**
   * Service-account tokens EKS Auth accepts (the contents of the token files tests write), or
   * `'any'` for every parsable, unexpired token. Default: one generated token, see `agent.token`.
   */
  readonly tokens?: readonly string[] | 'any' | undefined;
  /** Put `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` with this path in `agent.env` (the test writes the file). */
  readonly tokenFile?: string | undefined;
  /**
   * Check the Host header like the agent checks its bind addresses. Default true, accepting
   * 169.254.170.23, fd00:ec2::23 and, on loopback, 127.0.0.1, localhost and ::1. Pass a list to
   * choose the hosts, or `false` to accept any Host.
   */
  readonly allowedHosts?: readonly string[] | false | undefined;
  /** The single global limit. Default 1000 requests/s, burst 500 (the agent's `RequestRate`, halved for burst); `false` turns it off. */
  readonly rateLimit?: RateLimit | false | undefined;
  /** `AccountId` in the answer. Default `123456789012`. */
  readonly accountId?: string | undefined;
}

/**
 * A running EKS Pod Identity agent emulator.
 *
 * @example
 * ```ts
 * const agent = await startPodIdentityAgent({ tokenFile });
 * await writeFile(tokenFile, agent.token);
 * const next = createServiceAccountToken();
 * agent.acceptToken(next); // kubelet rotates the token file
 * await writeFile(tokenFile, next);
 * ```
 * @public
 */
export interface PodIdentityAgent extends CredentialEmulatorHandle {
  readonly emulator: 'pod-identity-agent';
  /** `url` + `/v1/credentials`: the loopback `AWS_CONTAINER_CREDENTIALS_FULL_URI`. */
  readonly fullUri: string;
  /** A token the agent accepts: write it to the token file. Kept out of inspect and JSON. */
  readonly token: string;
  /** Accept another token (kubelet rotated the file). */
  acceptToken(token: string): void;
  /** Stop accepting a token (403 from then on). */
  revokeToken(token: string): void;
  readonly rateLimit: RateLimit | undefined;
  /**
   * `{ AWS_CONTAINER_CREDENTIALS_FULL_URI, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE }` when
   * `tokenFile` was given, otherwise `{ AWS_CONTAINER_CREDENTIALS_FULL_URI, AWS_CONTAINER_AUTHORIZATION_TOKEN }`.
   */
  readonly env: Readonly<Record<string, string>>;
}

/** The agent's bind addresses, plus the loopback names a local test reaches it by. @internal */
export const POD_IDENTITY_DEFAULT_HOSTS: readonly string[] = ['169.254.170.23', 'fd00:ec2::23', '127.0.0.1', 'localhost', '::1'];

class PodIdentityAgentHandle extends CredentialEmulatorBase implements PodIdentityAgent {
  readonly emulator = 'pod-identity-agent';
  readonly rateLimit: RateLimit | undefined;
  readonly #tokens: TokenSet;
  readonly #tokenFile: string | undefined;

  constructor(server: EmulatorServer, rotation: CredentialRotation, tokens: TokenSet, rateLimit: RateLimit | undefined, tokenFile: string | undefined) {
    super(server, rotation);
    this.#tokens = tokens;
    this.rateLimit = rateLimit;
    this.#tokenFile = tokenFile;
  }

  get fullUri(): string {
    return this.url + CREDENTIALS_PATH;
  }

  get token(): string {
    return this.#tokens.primary;
  }

  acceptToken(token: string): void {
    this.#tokens.accept(token);
  }

  revokeToken(token: string): void {
    this.#tokens.revoke(token);
  }

  get env(): Readonly<Record<string, string>> {
    const env: Record<string, string> = { AWS_CONTAINER_CREDENTIALS_FULL_URI: this.fullUri };
    if (this.#tokenFile === undefined) env.AWS_CONTAINER_AUTHORIZATION_TOKEN = this.token;
    else env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE = this.#tokenFile;
    return Object.freeze(env);
  }

  protected override describe(): Record<string, unknown> {
    return { fullUri: this.fullUri, rateLimit: this.rateLimit, acceptedTokens: this.#tokens.describe() };
  }
}

class TokenSet {
  readonly #accepted = new Set<string>();
  readonly #any: boolean;
  primary: string;

  constructor(tokens: readonly string[] | 'any', generated: string) {
    this.#any = tokens === 'any';
    const list = tokens === 'any' ? [] : tokens;
    for (const token of list) this.#accepted.add(token);
    this.primary = list[0] ?? generated;
  }

  accepts(token: string): boolean {
    return this.#any || this.#accepted.has(token);
  }

  accept(token: string): void {
    validateToken(token, 'acceptToken()');
    this.#accepted.add(token);
  }

  revoke(token: string): void {
    this.#accepted.delete(token);
  }

  describe(): string | number {
    return this.#any ? 'any' : this.#accepted.size;
  }
}

function validateToken(token: unknown, option: string): asserts token is string {
  if (typeof token !== 'string' || token === '') throw optionError('pod-identity-agent', option, 'must be a non-empty token');
  if (checkServiceAccountToken(token, 0)?.stage === 'parse') {
    throw optionError('pod-identity-agent', option, 'must be a JWT (the agent rejects any token that does not parse); use createServiceAccountToken()');
  }
}

/**
 * Starts a loopback emulator of the EKS Pod Identity agent's `/v1/credentials`: the raw token in
 * `Authorization` (no `Bearer`), 400 for a missing or unparsable token, 403 for an unknown one or
 * a wrong Host, the global 1000/500 rate limit with its plain-text 429, and `Expiration` in
 * RFC 3339 with nanoseconds.
 *
 * @example
 * ```ts
 * import { startPodIdentityAgent } from '@iamkit/emulators';
 * await using agent = await startPodIdentityAgent({ tokenFile });
 * await writeFile(tokenFile, agent.token);
 * const creds = await fromContainerMetadata({ env: agent.env })();
 * expect(creds.accountId).toBe('123456789012');
 * ```
 * @public
 */
export async function startPodIdentityAgent(options: PodIdentityAgentOptions = {}): Promise<PodIdentityAgent> {
  const base = resolveEmulatorOptions('pod-identity-agent', options);
  const { now, random } = base;
  const tokensOption = options.tokens ?? [];
  if (tokensOption !== 'any') {
    if (!Array.isArray(tokensOption)) throw optionError('pod-identity-agent', 'tokens', "must be an array of tokens or 'any'");
    for (const token of tokensOption as readonly unknown[]) validateToken(token, 'tokens');
  }
  const generated = createServiceAccountToken({ now, random });
  const tokens = new TokenSet(tokensOption, generated);
  if (options.tokens === undefined) tokens.accept(generated);
  if (options.tokenFile !== undefined && (typeof options.tokenFile !== 'string' || options.tokenFile === '')) {
    throw optionError('pod-identity-agent', 'tokenFile', 'must be a file path');
  }
  const allowedHosts = options.allowedHosts === false ? undefined : (options.allowedHosts ?? POD_IDENTITY_DEFAULT_HOSTS);
  const rateLimit = resolveRateLimit('pod-identity-agent', options.rateLimit, { rate: 1000, burst: 500 });
  const accountId = options.accountId ?? '123456789012';
  const rotation = new CredentialRotation({
    emulator: 'pod-identity-agent',
    now,
    random,
    lifetimeMs: options.lifetimeMs,
    rotateBeforeMs: options.rotateBeforeMs,
    accountId,
    subSecondExpiration: true,
  });
  const routes = createPodIdentityRoutes(
    {
      allowedHosts,
      accepts: (token) => tokens.accepts(token),
      accountId,
      credentials: () => rotation.current(),
      requestId: () => randomString('0123456789abcdef', 32, random).replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-'),
    },
    rateLimit,
    now,
  );
  const server = await startEmulatorServer({
    name: 'pod-identity-agent',
    ...base,
    route: routes.route,
    throttleResponse: routes.throttle,
    serializeJson: (json) => JSON.stringify(json),
    formatExpiration: (date) => formatRfc3339Nanos(date, 0),
    knownSecrets: () => {
      const credentials = rotation.peek()?.credentials;
      return [credentials?.secretAccessKey, credentials?.sessionToken, tokens.primary].filter((s): s is string => s !== undefined);
    },
  });
  return new PodIdentityAgentHandle(server, rotation, tokens, rateLimit, options.tokenFile);
}
