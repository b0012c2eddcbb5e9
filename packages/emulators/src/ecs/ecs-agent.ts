import { CredentialRotation } from '../common/credential-rotation.js';
import { CredentialEmulatorBase, type CredentialEmulatorHandle } from '../common/emulator-handle.js';
import { type EmulatorOptions, type RateLimit, resolveEmulatorOptions } from '../common/emulator-options.js';
import { type EmulatorServer, startEmulatorServer } from '../common/emulator-server.js';
import { optionError } from '../common/errors.js';
import { randomString } from '../common/random-string.js';
import { formatIsoSeconds } from '../common/time-format.js';
import { resolveEcsRateLimit } from './ecs-rate-limit.js';
import { createEcsRoutes } from './ecs-routes.js';

/**
 * Options of {@link startEcsAgent}.
 *
 * @example
 * ```ts
 * await startEcsAgent({ credentialsId: 'task-1', rateLimit: '100,150', notReady: { forMs: 2000 }, now: clock.now });
 * ```
 * @public
 */
export interface EcsAgentOptions extends EmulatorOptions {
  /** The task's credentials id, the `<id>` of `/v2/credentials/<id>`. Default: a random UUID. */
  readonly credentialsId?: string | undefined;
  /** `RoleArn` in the answer. Default `arn:aws:iam::123456789012:role/iamkit-emulator-task-role`. */
  readonly roleArn?: string | undefined;
  /**
   * The agent's token-bucket limit per (client IP, URL path). Default 40 requests/s steady, burst
   * 60. A string is read like the agent's `ECS_TASK_METADATA_RPS_LIMIT` (`"100,150"`; malformed or
   * non-positive values fall back to the defaults). `false` turns limiting off.
   */
  readonly rateLimit?: RateLimit | string | false | undefined;
  /**
   * Answer 503 `CredentialsUninitialized` (as the agent does while it reconciles state after a
   * restart): `true` until `setReady(true)`, or `{ forMs }` from start by the emulator's clock.
   */
  readonly notReady?: boolean | { readonly forMs: number } | undefined;
  /**
   * Require this exact `Authorization` header value (FULL_URI + `AWS_CONTAINER_AUTHORIZATION_TOKEN`
   * setups). Missing or different values get 401. The real ECS agent checks no token.
   */
  readonly authorizationToken?: string | undefined;
}

/**
 * A running ECS container agent emulator.
 *
 * @example
 * ```ts
 * const agent = await startEcsAgent();
 * agent.relativeUri; // '/v2/credentials/<id>'
 * agent.setReady(false); // 503 CredentialsUninitialized from now on
 * await agent.close();
 * ```
 * @public
 */
export interface EcsAgent extends CredentialEmulatorHandle {
  readonly emulator: 'ecs-agent';
  readonly credentialsId: string;
  /** `/v2/credentials/<id>`: what `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` holds in a task. */
  readonly relativeUri: string;
  /** `/v1/credentials?id=<id>`, the older form of the same. */
  readonly v1RelativeUri: string;
  /** `url` + `relativeUri`: a loopback `AWS_CONTAINER_CREDENTIALS_FULL_URI`. */
  readonly fullUri: string;
  /** The effective rate limit, `undefined` when off. */
  readonly rateLimit: RateLimit | undefined;
  /** False while credentials are "not ready" (503 `CredentialsUninitialized`). */
  readonly ready: boolean;
  setReady(ready: boolean): void;
  /** `{ AWS_CONTAINER_CREDENTIALS_FULL_URI }`, plus `AWS_CONTAINER_AUTHORIZATION_TOKEN` when a token is required. */
  readonly env: Readonly<Record<string, string>>;
}

class EcsAgentHandle extends CredentialEmulatorBase implements EcsAgent {
  readonly emulator = 'ecs-agent';
  readonly credentialsId: string;
  readonly rateLimit: RateLimit | undefined;
  readonly #readiness: Readiness;
  readonly #authorizationToken: string | undefined;

  constructor(server: EmulatorServer, rotation: CredentialRotation, init: EcsAgentInit) {
    super(server, rotation);
    this.credentialsId = init.credentialsId;
    this.rateLimit = init.rateLimit;
    this.#readiness = init.readiness;
    this.#authorizationToken = init.authorizationToken;
  }

  get relativeUri(): string {
    return `/v2/credentials/${encodeURIComponent(this.credentialsId)}`;
  }

  get v1RelativeUri(): string {
    return `/v1/credentials?id=${encodeURIComponent(this.credentialsId)}`;
  }

  get fullUri(): string {
    return this.url + this.relativeUri;
  }

  get ready(): boolean {
    return this.#readiness.ready();
  }

  setReady(ready: boolean): void {
    this.#readiness.set(ready);
  }

  get env(): Readonly<Record<string, string>> {
    const env: Record<string, string> = { AWS_CONTAINER_CREDENTIALS_FULL_URI: this.fullUri };
    if (this.#authorizationToken !== undefined) env.AWS_CONTAINER_AUTHORIZATION_TOKEN = this.#authorizationToken;
    return Object.freeze(env);
  }

  protected override describe(): Record<string, unknown> {
    return { relativeUri: this.relativeUri, rateLimit: this.rateLimit, ready: this.ready, authorization: this.#authorizationToken !== undefined };
  }
}

interface EcsAgentInit {
  readonly credentialsId: string;
  readonly rateLimit: RateLimit | undefined;
  readonly readiness: Readiness;
  readonly authorizationToken: string | undefined;
}

interface Readiness {
  ready(): boolean;
  set(ready: boolean): void;
}

/**
 * Starts a loopback emulator of the ECS container agent's task-role credentials endpoint
 * (`/v2/credentials/<id>` and `/v1/credentials?id=<id>`), with the agent's rate limit and its
 * exact 429, 400 and 503 answers.
 *
 * @example
 * ```ts
 * import { startEcsAgent } from '@iamkit/emulators';
 * await using agent = await startEcsAgent();
 * const provider = fromContainerMetadata({ env: agent.env });
 * const creds = await provider();
 * expect(creds.accessKeyId).toBe(agent.credentials.accessKeyId);
 * expect(agent.counters.total).toBe(1);
 * ```
 * @public
 */
export async function startEcsAgent(options: EcsAgentOptions = {}): Promise<EcsAgent> {
  const base = resolveEmulatorOptions('ecs-agent', options);
  const { now, random } = base;
  const credentialsId = options.credentialsId ?? randomUuid(random);
  if (typeof credentialsId !== 'string' || credentialsId === '') throw optionError('ecs-agent', 'credentialsId', 'must be a non-empty string');
  if (options.authorizationToken !== undefined && (options.authorizationToken === '' || /[\r\n]/.test(options.authorizationToken))) {
    throw optionError('ecs-agent', 'authorizationToken', 'must be a non-empty string without CR or LF');
  }
  const rateLimit = resolveEcsRateLimit(options.rateLimit);
  const readiness = createReadiness(options.notReady, now);
  const rotation = new CredentialRotation({ emulator: 'ecs-agent', now, random, lifetimeMs: options.lifetimeMs, rotateBeforeMs: options.rotateBeforeMs });
  const routes = createEcsRoutes(
    {
      credentialsId,
      roleArn: options.roleArn ?? 'arn:aws:iam::123456789012:role/iamkit-emulator-task-role',
      authorizationToken: options.authorizationToken,
      ready: () => readiness.ready(),
      credentials: () => rotation.current(),
    },
    rateLimit,
    now,
  );
  const server = await startEmulatorServer({
    name: 'ecs-agent',
    ...base,
    route: routes.route,
    throttleResponse: routes.throttle,
    serializeJson: (json) => JSON.stringify(json),
    formatExpiration: formatIsoSeconds,
    knownSecrets: () => secretsOf(rotation, options.authorizationToken),
  });
  return new EcsAgentHandle(server, rotation, { credentialsId, rateLimit, readiness, authorizationToken: options.authorizationToken });
}

function createReadiness(notReady: EcsAgentOptions['notReady'], now: () => number): Readiness {
  if (typeof notReady === 'object' && !(Number.isFinite(notReady.forMs) && notReady.forMs >= 0)) {
    throw optionError('ecs-agent', 'notReady.forMs', 'must be a finite number of milliseconds, 0 or more');
  }
  let forced: boolean | undefined = notReady === true ? false : undefined;
  const readyAt = typeof notReady === 'object' ? now() + notReady.forMs : undefined;
  return {
    ready: () => forced ?? (readyAt === undefined || now() >= readyAt),
    set: (ready) => {
      forced = ready;
    },
  };
}

function secretsOf(rotation: CredentialRotation, token: string | undefined): string[] {
  const credentials = rotation.peek()?.credentials;
  return [credentials?.secretAccessKey, credentials?.sessionToken, token].filter((s): s is string => s !== undefined);
}

function randomUuid(random: () => number): string {
  const hex = randomString('0123456789abcdef', 32, random);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'.charAt(Math.floor(random() * 4) % 4)}${hex.slice(17, 20)}-${hex.slice(20)}`;
}
