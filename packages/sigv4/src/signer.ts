import { SIGNING_KEY_CACHE_SIZE } from './constants.js';
import { prepareUrl, type PreparedUrl, type SigningContext } from './context.js';
import { checkCredentials, type CheckedCredentials, type SigV4Credentials } from './credentials.js';
import { sha256Hex } from './crypto.js';
import { formatMs, toEpochMs, type AmzDate } from './date.js';
import { hasIamkitBrand, SigV4Error } from './errors.js';
import { prepareKnobs, type Knobs } from './options.js';
import { presignCore } from './presign-core.js';
import { INSPECT } from './redact.js';
import { isSignable } from './canonical-headers.js';
import { lowerToken } from './http-token.js';
import { checkRegion, checkService, credentialScope } from './scope.js';
import { setBounded } from './set-bounded.js';
import { signCore, type SigningIdentity } from './sign-core.js';
import { SigningKeyCache } from './signing-key-cache.js';
import type { PresignKnobs, PresignedRequest, SignableRequest, SignedRequest, SigningKnobs } from './types.js';

/**
 * A credential provider as iamkit, the AWS SDK and the `mongodb` driver define it: called before
 * every signature, so it should cache (every iamkit provider does).
 *
 * @example
 * ```ts
 * const provider: SigV4CredentialProvider = async () => ({ accessKeyId, secretAccessKey });
 * ```
 * @public
 */
export type SigV4CredentialProvider = () => Promise<SigV4Credentials>;

/**
 * Options of `createSigner()`: the scope, exactly one of `credentials` or `provider`, and
 * default knobs for every call.
 *
 * @example
 * ```ts
 * const options: SignerOptions = { region: 'us-east-1', service: 'sts', provider: fromContainerMetadata() };
 * ```
 * @public
 */
export interface SignerOptions extends SigningKnobs, PresignKnobs {
  readonly region: string;
  readonly service: string;
  readonly credentials?: SigV4Credentials | undefined;
  readonly provider?: SigV4CredentialProvider | undefined;
  /** The clock used when no `date` is given; default `Date.now`. */
  readonly now?: (() => number) | undefined;
}

/**
 * What a single call can change: any knob, the scope, the credentials, the date.
 *
 * @example
 * ```ts
 * signer.sign(request, { region: 'eu-west-1', date: '2025-12-15T12:34:56Z' });
 * ```
 * @public
 */
export interface SignOverrides extends SigningKnobs, PresignKnobs {
  readonly region?: string | undefined;
  readonly service?: string | undefined;
  readonly credentials?: SigV4Credentials | undefined;
}

/**
 * A signer with fixed credentials: synchronous.
 *
 * @example
 * ```ts
 * const signer: Signer = createSigner({ region: 'us-east-1', service: 'sts', credentials });
 * const { headers } = signer.sign(request);
 * ```
 * @public
 */
export interface Signer {
  readonly region: string;
  readonly service: string;
  sign(request: SignableRequest, overrides?: SignOverrides): SignedRequest;
  presign(request: SignableRequest, overrides?: SignOverrides): PresignedRequest;
}

/**
 * A signer that asks a credential provider before each signature: asynchronous.
 *
 * @example
 * ```ts
 * const signer: AsyncSigner = createSigner({ region: 'us-east-1', service: 'sts', provider });
 * const { headers } = await signer.sign(request);
 * ```
 * @public
 */
export interface AsyncSigner {
  readonly region: string;
  readonly service: string;
  sign(request: SignableRequest, overrides?: SignOverrides): Promise<SignedRequest>;
  presign(request: SignableRequest, overrides?: SignOverrides): Promise<PresignedRequest>;
}

const URL_CACHE_SIZE = 32;
const NAME_CACHE_SIZE = 256;
const BODY_CACHE_SIZE = 16;
// Bodies longer than this are hashed every time: caching them would hold large strings alive.
const BODY_CACHE_MAX_LENGTH = 4096;

// Frozen is not enough to cache by identity: a getter could still return a new secret each time.
function hasPlainFields(credentials: object): boolean {
  for (const field of ['accessKeyId', 'secretAccessKey', 'sessionToken']) {
    const descriptor = Object.getOwnPropertyDescriptor(credentials, field);
    if (descriptor !== undefined && !('value' in descriptor)) return false;
  }
  return true;
}

function mask(accessKeyId: string): string {
  return accessKeyId.length <= 8 ? `${accessKeyId.slice(0, 2)}…` : `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`;
}

// Every cache lives in the instance: two signers share nothing, and the module has no state.
class SigV4Signer implements SigningContext {
  readonly region: string;
  readonly service: string;
  readonly #credentials: CheckedCredentials | undefined;
  readonly #provider: SigV4CredentialProvider | undefined;
  readonly #knobs: Knobs;
  readonly #now: () => number;
  readonly #keys = new SigningKeyCache(SIGNING_KEY_CACHE_SIZE);
  // Frozen credential objects (every iamkit provider returns them) are checked and fingerprinted
  // once: the caller's object → its checked copy → the fingerprint of its secret.
  readonly #checked = new WeakMap<object, CheckedCredentials>();
  readonly #fingerprints = new WeakMap<CheckedCredentials, string>();
  readonly #urls = new Map<string, PreparedUrl>();
  readonly #bodies = new Map<string, string>();
  readonly #names = new Map<string, string>();
  readonly #signable = new Map<string, boolean>();
  #lastSecond = Number.NaN;
  #lastDate: AmzDate | undefined;
  #lastScope = '';
  #lastScopeDate = '';
  #lastScopeRegion = '';
  #lastScopeService = '';
  #lastUrl: string | URL | undefined;
  #lastUrlKnobs = -1;
  #lastPrepared: PreparedUrl | undefined;

  constructor(options: SignerOptions) {
    this.region = checkRegion(options.region);
    this.service = checkService(options.service);
    this.#knobs = prepareKnobs(options);
    if (options.now !== undefined && typeof options.now !== 'function') {
      throw new SigV4Error('ERR_SIGV4_INVALID_OPTIONS', 'options.now must be a function returning epoch milliseconds (like Date.now).');
    }
    this.#now = options.now ?? Date.now;
    const hasCredentials = options.credentials !== undefined;
    const hasProvider = options.provider !== undefined;
    if (hasCredentials === hasProvider) {
      throw new SigV4Error('ERR_SIGV4_INVALID_OPTIONS', 'createSigner needs exactly one of options.credentials (fixed keys) or options.provider (a credential provider such as fromEnv()).');
    }
    if (hasProvider && typeof options.provider !== 'function') {
      throw new SigV4Error('ERR_SIGV4_INVALID_OPTIONS', 'options.provider must be a function returning a Promise of credentials.');
    }
    // A private copy: later changes to the caller's object cannot change what this signer signs.
    this.#credentials = hasCredentials ? checkCredentials(options.credentials) : undefined;
    if (this.#credentials !== undefined) this.#fingerprints.set(this.#credentials, this.#keys.fingerprint(this.#credentials.secretAccessKey));
    this.#provider = options.provider;
  }

  sign(request: SignableRequest, overrides?: SignOverrides): SignedRequest | Promise<SignedRequest> {
    if (this.#provider !== undefined) return this.#withProvider(this.#provider, (credentials) => signCore(request, this.#knobsFor(overrides), this.#identity(credentials, overrides), this));
    return signCore(request, this.#knobsFor(overrides), this.#identity(this.#credentials, overrides), this);
  }

  presign(request: SignableRequest, overrides?: SignOverrides): PresignedRequest | Promise<PresignedRequest> {
    if (this.#provider !== undefined) return this.#withProvider(this.#provider, (credentials) => presignCore(request, this.#knobsFor(overrides), this.#identity(credentials, overrides), this));
    return presignCore(request, this.#knobsFor(overrides), this.#identity(this.#credentials, overrides), this);
  }

  async #withProvider<T>(provider: SigV4CredentialProvider, run: (credentials: unknown) => T): Promise<T> {
    let credentials: unknown;
    try {
      credentials = await provider();
    } catch (error) {
      // iamkit errors (throttled, not configured, …) keep their code for the caller's retry logic.
      if (hasIamkitBrand(error)) throw error;
      throw new SigV4Error('ERR_SIGV4_PROVIDER_FAILED', 'the credential provider given to createSigner failed; see error.cause, and check that the provider can reach its source.', { cause: error });
    }
    return run(credentials);
  }

  #knobsFor(overrides: SignOverrides | undefined): Knobs {
    return overrides === undefined ? this.#knobs : prepareKnobs(overrides, this.#knobs);
  }

  #identity(credentials: unknown, overrides: SignOverrides | undefined): SigningIdentity {
    const chosen = overrides?.credentials ?? credentials;
    const own = this.#credentials;
    const checked = own !== undefined && chosen === own ? own : this.#check(chosen);
    return {
      credentials: checked,
      region: overrides?.region === undefined ? this.region : checkRegion(overrides.region),
      service: overrides?.service === undefined ? this.service : checkService(overrides.service),
      date: overrides?.date === undefined ? this.#currentDate() : formatMs(toEpochMs(overrides.date, 'date')),
    };
  }

  #check(credentials: unknown): CheckedCredentials {
    if (typeof credentials === 'object' && credentials !== null && Object.isFrozen(credentials) && hasPlainFields(credentials)) {
      const known = this.#checked.get(credentials);
      if (known !== undefined) return known;
      const checked = checkCredentials(credentials);
      this.#checked.set(credentials, checked);
      this.#fingerprints.set(checked, this.#keys.fingerprint(checked.secretAccessKey));
      return checked;
    }
    return checkCredentials(credentials);
  }

  #currentDate(): AmzDate {
    const ms = toEpochMs(this.#now(), 'options.now()');
    const second = Math.floor(ms / 1000);
    if (second !== this.#lastSecond || this.#lastDate === undefined) {
      this.#lastDate = formatMs(ms);
      this.#lastSecond = second;
    }
    return this.#lastDate;
  }

  // SigningContext: answered from this instance's caches.

  url(url: string | URL, normalize: boolean, doubleEncode: boolean): PreparedUrl {
    const knobs = (normalize ? 2 : 0) + (doubleEncode ? 1 : 0);
    // Same string as last time: no key to build. (URL objects are mutable: always by href.)
    if (typeof url === 'string' && url === this.#lastUrl && knobs === this.#lastUrlKnobs && this.#lastPrepared !== undefined) return this.#lastPrepared;
    const prepared = this.#urlFromCache(url, normalize, doubleEncode);
    this.#lastUrl = url;
    this.#lastUrlKnobs = knobs;
    this.#lastPrepared = prepared;
    return prepared;
  }

  #urlFromCache(url: string | URL, normalize: boolean, doubleEncode: boolean): PreparedUrl {
    const text = typeof url === 'string' ? url : url instanceof URL ? url.href : undefined;
    if (text === undefined) return prepareUrl(url, normalize, doubleEncode);
    const key = `${normalize ? '1' : '0'}${doubleEncode ? '1' : '0'}${text}`;
    let prepared = this.#urls.get(key);
    if (prepared === undefined) {
      prepared = prepareUrl(url, normalize, doubleEncode);
      setBounded(this.#urls, key, prepared, URL_CACHE_SIZE);
    }
    return prepared;
  }

  stringPayloadHash(body: string): string {
    // Strings are immutable, so a cached hash of the same string is always right.
    if (body.length > BODY_CACHE_MAX_LENGTH) return sha256Hex(body);
    let hash = this.#bodies.get(body);
    if (hash === undefined) {
      hash = sha256Hex(body);
      setBounded(this.#bodies, body, hash, BODY_CACHE_SIZE);
    }
    return hash;
  }

  signature(credentials: CheckedCredentials, dateStamp: string, region: string, service: string, stringToSign: string): string {
    const fingerprint = this.#fingerprints.get(credentials) ?? this.#keys.fingerprint(credentials.secretAccessKey);
    return this.#keys.get(fingerprint, credentials.secretAccessKey, dateStamp, region, service).hex(stringToSign);
  }

  scope(dateStamp: string, region: string, service: string): string {
    if (dateStamp !== this.#lastScopeDate || region !== this.#lastScopeRegion || service !== this.#lastScopeService) {
      this.#lastScope = credentialScope(dateStamp, region, service);
      this.#lastScopeDate = dateStamp;
      this.#lastScopeRegion = region;
      this.#lastScopeService = service;
    }
    return this.#lastScope;
  }

  // Arrow properties: the signing core calls them detached from the instance.
  readonly lowerName = (rawName: string): string | undefined => {
    let name = this.#names.get(rawName);
    if (name === undefined) {
      name = lowerToken(rawName);
      if (name !== undefined) setBounded(this.#names, rawName, name, NAME_CACHE_SIZE);
    }
    return name;
  };

  readonly isSignable = (name: string, knobs: Knobs): boolean => {
    // Cached only for this signer's own knobs; per-call overrides are answered afresh.
    if (knobs !== this.#knobs) return isSignable(name, knobs);
    let signable = this.#signable.get(name);
    if (signable === undefined) {
      signable = isSignable(name, knobs);
      setBounded(this.#signable, name, signable, NAME_CACHE_SIZE);
    }
    return signable;
  };

  /** Signing keys currently cached (for tests and diagnostics). */
  get cachedSigningKeys(): number {
    return this.#keys.size;
  }

  toJSON(): Record<string, unknown> {
    const credentials = this.#credentials;
    return {
      region: this.region,
      service: this.service,
      credentials:
        credentials === undefined
          ? '[provider]'
          : { accessKeyId: mask(credentials.accessKeyId), secretAccessKey: '[redacted]', ...(credentials.sessionToken === undefined ? {} : { sessionToken: '[redacted]' }) },
    };
  }

  [INSPECT](): Record<string, unknown> {
    return this.toJSON();
  }
}

/**
 * Creates a signer for one region and service that caches derived signing keys (per secret, day,
 * region and service; at most {@link SIGNING_KEY_CACHE_SIZE}, FIFO), parsed URLs and the hashes
 * of small string bodies — inside the instance. With `credentials` it signs synchronously; with a
 * `provider` it asks the provider before each signature and returns promises.
 *
 * `util.inspect`, `console.log` and `JSON.stringify` of a signer show the masked access key id
 * only, never the secret or the session token.
 *
 * @example
 * ```ts
 * const signer = createSigner({ region: 'us-east-1', service: 'sts', credentials });
 * const signed = signer.sign({ method: 'POST', url: 'https://sts.amazonaws.com/', headers, body });
 * ```
 * @public
 */
export function createSigner(options: SignerOptions & { readonly credentials: SigV4Credentials; readonly provider?: undefined }): Signer;
/**
 * With a credential `provider`: the signer asks it before each signature and returns promises.
 *
 * @example
 * ```ts
 * const signer = createSigner({ region: 'us-east-1', service: 'sts', provider: cached(fromContainerMetadata()) });
 * const signed = await signer.sign({ method: 'POST', url: 'https://sts.amazonaws.com/', headers, body });
 * ```
 * @public
 */
export function createSigner(options: SignerOptions & { readonly provider: SigV4CredentialProvider; readonly credentials?: undefined }): AsyncSigner;
/**
 * With options whose kind is only known at run time: a synchronous or an asynchronous signer.
 *
 * @example
 * ```ts
 * const signer = createSigner(optionsFromConfig);
 * ```
 * @public
 */
export function createSigner(options: SignerOptions): Signer | AsyncSigner;
export function createSigner(options: SignerOptions): Signer | AsyncSigner {
  if (typeof options !== 'object' || (options as unknown) === null) {
    throw new SigV4Error('ERR_SIGV4_INVALID_OPTIONS', 'createSigner needs an options object { region, service, credentials | provider }.');
  }
  return new SigV4Signer(options) as Signer | AsyncSigner;
}
