import { maskAccessKeyId } from '@iamkit/credentials';
import { encodeDocument } from '../bson/encode-document.js';
import { GS2_CB_FLAG_N, GS2_CB_FLAG_Y, NONCE_BYTES } from '../conversation/constants.js';
import { binaryField, int32Field, readPayload, stringField } from '../conversation/payload-fields.js';
import { checkStsHost } from '../conversation/sts-host.js';
import { buildStsRequest } from '../conversation/sts-request.js';
import { MongoAwsError, mongoAwsError } from '../errors.js';
import { drawNonce, type RandomBytes } from '../random-bytes.js';
import { arnToMongoUser } from './arn-to-user.js';
import { AUTHENTICATION_FAILED_REPLY, type AuthenticationFailedReply } from './auth-reply.js';
import { checkClientAuthorization } from './authorization-checks.js';
import { DEFAULT_STS_URL, stsHostFromUrl } from './sts-endpoint.js';
import type { StsVerifier } from './sts-verifier.js';

/**
 * Options of {@link createMongoAwsServer}.
 *
 * @example
 * ```ts
 * const options: MongoAwsServerOptions = { stsUrl: sts.url, stsHost: 'localhost', verify, users: ['arn:aws:iam::123456789012:user/Alice'] };
 * ```
 * @public
 */
export interface MongoAwsServerOptions {
  /** Checks the rebuilt STS request: {@link createHttpStsVerifier} or {@link createLocalStsVerifier}. */
  readonly verify: StsVerifier;
  /** mongod's `awsSTSUrl`, the `url` of the rebuilt request. Default `https://sts.amazonaws.com`. */
  readonly stsUrl?: string | URL | undefined;
  /** `h`, sent to clients and used as `Host`. Default: derived from `stsUrl` as mongod does. */
  readonly stsHost?: string | undefined;
  /** The `$external` users (names as mapped from ARNs), or a lookup. Default: every mapped principal exists. */
  readonly users?: Iterable<string> | ((user: string) => boolean | Promise<boolean>) | undefined;
  /** Where the server's 32 nonce bytes come from; default `crypto.randomBytes`. */
  readonly randomBytes?: RandomBytes | undefined;
  /** Accept `p` = 121 (`y`) as mongod does; default false (only `n`, which every client sends). */
  readonly acceptChannelBindingFlagY?: boolean | undefined;
}

/**
 * A server conversation step that succeeded.
 *
 * @example
 * ```ts
 * if (result.ok && !result.done) reply({ conversationId, done: false, payload: result.payload, ok: 1 });
 * ```
 * @public
 */
export type ServerStepSuccess =
  | { readonly ok: true; readonly done: false; readonly payload: Uint8Array }
  | {
      readonly ok: true;
      readonly done: true;
      /** Empty, as mongod sends it. */
      readonly payload: Uint8Array;
      /** The `$external` user name (the mapped ARN). */
      readonly user: string;
      readonly arn: string;
      /** Masked, for logs. */
      readonly accessKeyId: string;
    };

/**
 * A failed step: `reason` for the server log and test assertions (also `error.message`), and the
 * only thing a client may see, the code-18 `reply`.
 *
 * @example
 * ```ts
 * if (!result.ok) { log(result.reason, result.error.mongodCode); reply(result.reply); }
 * ```
 * @public
 */
export interface ServerStepFailure {
  readonly ok: false;
  readonly done: true;
  readonly reason: string;
  readonly error: MongoAwsError;
  readonly reply: AuthenticationFailedReply;
}

/**
 * The result of one server step.
 *
 * @example
 * ```ts
 * const result: ServerStepResult = await conversation.step(payload);
 * ```
 * @public
 */
export type ServerStepResult = ServerStepSuccess | ServerStepFailure;

/**
 * The server half of one conversation. `step()` takes the payload of `saslStart` (step 1) and of
 * `saslContinue` (step 2); any further step fails with "Invalid AWS authentication step".
 *
 * @example
 * ```ts
 * const conversation: MongoAwsServerConversation = server.startConversation();
 * ```
 * @public
 */
export interface MongoAwsServerConversation {
  /** Steps taken so far. */
  readonly steps: number;
  readonly state: 'new' | 'challenged' | 'succeeded' | 'failed';
  step(payload: Uint8Array): Promise<ServerStepResult>;
}

/**
 * A configured server half.
 *
 * @example
 * ```ts
 * const server: MongoAwsServer = createMongoAwsServer({ verify });
 * ```
 * @public
 */
export interface MongoAwsServer {
  readonly stsUrl: string;
  readonly stsHost: string;
  startConversation(): MongoAwsServerConversation;
}

const EMPTY = new Uint8Array(0);
const AMZ_DATE = /^\d{8}T\d{6}Z$/;

function failure(error: unknown): ServerStepFailure {
  const known = error instanceof MongoAwsError ? error : mongoAwsError('ERR_MONGODB_AWS_STS_FAILED', `the step failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  return { ok: false, done: true, reason: known.message, error: known, reply: AUTHENTICATION_FAILED_REPLY };
}

function userLookup(users: MongoAwsServerOptions['users']): (user: string) => boolean | Promise<boolean> {
  if (users === undefined) return () => true;
  if (typeof users === 'function') return users;
  const set = new Set(users);
  return (user) => set.has(user);
}

/**
 * Creates the server half of MONGODB-AWS, for test servers and proxies, as mongod's Enterprise
 * module behaves (protocol §9): strict parsing of both client messages (IDL: unknown, repeated,
 * missing or mistyped fields refused), `r` of 32 bytes (51285), `p` = `n` (51284), the server nonce
 * (client nonce + 32 random bytes), mongod's checks of `a` with their codes plus the exact
 * signed-header list, then the STS request **rebuilt from server-held values** (`h`, the base64
 * nonce, the flag, `d`, `t`, 43, the content type, `a`) handed to the verifier, and the ARN mapped
 * to the `$external` user (IAM users unchanged, assumed-role sessions → `*`).
 *
 * @example
 * ```ts
 * const server = createMongoAwsServer({ verify: createLocalStsVerifier({ identities }), users: ['arn:aws:iam::123456789012:user/Alice'] });
 * const conversation = server.startConversation();
 * const challenge = await conversation.step(saslStart.payload);  // { ok: true, done: false, payload }
 * const outcome = await conversation.step(saslContinue.payload); // { ok: true, done: true, user } or { ok: false, reason, reply }
 * ```
 * @public
 */
export function createMongoAwsServer(options: MongoAwsServerOptions): MongoAwsServer {
  if (typeof options !== 'object' || (options as unknown) === null || typeof options.verify !== 'function') {
    throw mongoAwsError('ERR_MONGODB_AWS_INVALID_OPTIONS', 'createMongoAwsServer needs options.verify: createHttpStsVerifier() or createLocalStsVerifier({ identities }).');
  }
  const stsUrl = String(options.stsUrl ?? DEFAULT_STS_URL);
  let stsHost: string;
  if (options.stsHost === undefined) stsHost = stsHostFromUrl(stsUrl);
  else {
    const given: unknown = options.stsHost;
    try {
      stsHost = checkStsHost(given);
    } catch (error) {
      throw mongoAwsError('ERR_MONGODB_AWS_INVALID_OPTIONS', `options.stsHost ${JSON.stringify(String(given).slice(0, 100))} is not a host clients accept (1–255 bytes, no empty label, no port).`, { cause: error });
    }
  }
  const exists = userLookup(options.users);
  const acceptY = options.acceptChannelBindingFlagY === true;
  return {
    stsUrl,
    stsHost,
    startConversation: () => new ServerConversation({ verify: options.verify, stsUrl, stsHost, exists, acceptY, randomBytes: options.randomBytes }),
  };
}

interface ConversationConfig {
  readonly verify: StsVerifier;
  readonly stsUrl: string;
  readonly stsHost: string;
  readonly exists: (user: string) => boolean | Promise<boolean>;
  readonly acceptY: boolean;
  readonly randomBytes: RandomBytes | undefined;
}

class ServerConversation implements MongoAwsServerConversation {
  steps = 0;
  state: MongoAwsServerConversation['state'] = 'new';
  #serverNonce: Uint8Array = EMPTY;
  #flag: 'n' | 'y' = 'n';
  readonly #config: ConversationConfig;

  constructor(config: ConversationConfig) {
    this.#config = config;
  }

  async step(payload: Uint8Array): Promise<ServerStepResult> {
    this.steps++;
    const step = this.steps;
    try {
      if (this.state === 'failed' || this.state === 'succeeded') {
        throw mongoAwsError('ERR_MONGODB_AWS_BAD_STEP', `Invalid AWS authentication step ${step}: the conversation has already ${this.state}.`);
      }
      if (step === 1) return this.#first(payload);
      if (step === 2) return await this.#final(payload);
      throw mongoAwsError('ERR_MONGODB_AWS_BAD_STEP', `Invalid AWS authentication step ${step}.`);
    } catch (error) {
      this.state = 'failed';
      return failure(error);
    }
  }

  #first(payload: Uint8Array): ServerStepResult {
    const fields = readPayload(payload, 'client-first', { r: { type: 'binary', required: true }, p: { type: 'int32', required: true } });
    const nonce = binaryField(fields, 'r');
    const flag = int32Field(fields, 'p');
    if (nonce?.bytes.byteLength !== NONCE_BYTES || nonce.subtype !== 0) {
      throw mongoAwsError('ERR_MONGODB_AWS_BAD_NONCE', `Nonce must be ${NONCE_BYTES} bytes of BinData subtype 0; the client sent ${nonce?.bytes.byteLength ?? 0} bytes of subtype ${nonce?.subtype ?? 0}.`, { mongodCode: 51285 });
    }
    if (flag !== GS2_CB_FLAG_N && !(this.#config.acceptY && flag === GS2_CB_FLAG_Y)) {
      throw mongoAwsError('ERR_MONGODB_AWS_BAD_FLAG', `the gs2-cb-flag p is ${String(flag)}; it must be ${GS2_CB_FLAG_N} ("n")${this.#config.acceptY ? ` or ${GS2_CB_FLAG_Y} ("y")` : ''}.`, { mongodCode: 51284 });
    }
    this.#flag = flag === GS2_CB_FLAG_Y ? 'y' : 'n';
    const serverNonce = new Uint8Array(2 * NONCE_BYTES);
    serverNonce.set(nonce.bytes, 0);
    serverNonce.set(drawNonce(this.#config.randomBytes, NONCE_BYTES, 'options.randomBytes'), NONCE_BYTES);
    this.#serverNonce = serverNonce;
    this.state = 'challenged';
    const reply = encodeDocument([
      ['s', { type: 'binary', bytes: serverNonce }],
      ['h', { type: 'string', value: this.#config.stsHost }],
    ]);
    return { ok: true, done: false, payload: reply };
  }

  async #final(payload: Uint8Array): Promise<ServerStepResult> {
    const fields = readPayload(payload, 'client-final', {
      a: { type: 'string', required: true },
      d: { type: 'string', required: true },
      t: { type: 'string', required: false },
      // Declared by mongod's IDL, used by nothing; accepted and never forwarded, as mongod does.
      p: { type: 'string', required: false },
      c: { type: 'string', required: false },
      o: { type: 'document', required: false },
    });
    const a = stringField(fields, 'a') ?? '';
    const d = stringField(fields, 'd') ?? '';
    const t = stringField(fields, 't');
    const { accessKeyId } = checkClientAuthorization(a, t !== undefined);
    if (!AMZ_DATE.test(d)) {
      throw mongoAwsError('ERR_MONGODB_AWS_MALFORMED_PAYLOAD', `the client-final "d" is ${JSON.stringify(d.slice(0, 32))}; it must be the X-Amz-Date that was signed, YYYYMMDDTHHMMSSZ.`);
    }
    const request = buildStsRequest({ host: this.#config.stsHost, serverNonce: this.#serverNonce, flag: this.#flag, amzDate: d, sessionToken: t, authorization: a, url: this.#config.stsUrl });
    const hint = maskAccessKeyId(accessKeyId);
    let verdict;
    try {
      verdict = await this.#config.verify(request);
    } catch (error) {
      throw mongoAwsError('ERR_MONGODB_AWS_STS_FAILED', `STS could not verify the request of ${hint}: ${error instanceof Error ? error.message : String(error)}`, { cause: error, retryable: true });
    }
    if (verdict.error !== undefined) {
      const code = verdict.unavailable === true ? 'ERR_MONGODB_AWS_STS_FAILED' : 'ERR_MONGODB_AWS_STS_REJECTED';
      throw mongoAwsError(code, `STS refused the request of ${hint}: ${verdict.error}`, { stsCode: verdict.stsCode, status: verdict.status, retryable: verdict.unavailable === true, mongodCode: verdict.status === 200 ? 51283 : undefined });
    }
    const user = arnToMongoUser(verdict.arn);
    if (!(await this.#config.exists(user))) {
      throw mongoAwsError('ERR_MONGODB_AWS_UNKNOWN_USER', `Could not find user "${user}" for db "$external" (STS identified ${hint} as ${verdict.arn}); create the user in $external.`);
    }
    this.state = 'succeeded';
    return { ok: true, done: true, payload: EMPTY, user, arn: verdict.arn, accessKeyId: hint };
  }
}
