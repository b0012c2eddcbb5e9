import { inspect } from 'node:util';
import { maskAccessKeyId } from '@iamkit/credentials';
import { signRequest, type SignedRequest, type Signer, type SigningDate, type SigV4Credentials } from '@iamkit/sigv4';
import { encodeDocument, type FlatField } from '../bson/encode-document.js';
import { REDACTED } from '../redact.js';
import type { ServerFirst } from './server-first.js';
import { buildStsRequest } from './sts-request.js';

/**
 * What signs the STS request: a `createSigner()` instance from `@iamkit/sigv4` (it caches derived
 * signing keys, so repeated handshakes cost two SHA-256 and an HMAC), or anything with its `sign`.
 *
 * @example
 * ```ts
 * const signer: ClientFinalSigner = createSigner({ region: 'us-east-1', service: 'sts', credentials });
 * ```
 * @public
 */
export type ClientFinalSigner = Pick<Signer, 'sign'>;

/**
 * Options of {@link createClientFinal}.
 *
 * @example
 * ```ts
 * const options: ClientFinalOptions = { date: '2025-12-15T12:34:56Z' };
 * ```
 * @public
 */
export interface ClientFinalOptions {
  /** The signing time (`X-Amz-Date`, sent as `d`); default now. */
  readonly date?: SigningDate | undefined;
  /** A reusable signer; default a one-shot `signRequest`. Credentials, region and date are passed per call. */
  readonly signer?: ClientFinalSigner | undefined;
}

/**
 * The client-final message. `JSON.stringify` and `util.inspect` show the masked key id, the date,
 * region and signed headers, never the `Authorization` value or the session token.
 *
 * @example
 * ```ts
 * const final: ClientFinal = createClientFinal(server, credentials);
 * await connection.command({ saslContinue: 1, conversationId, payload: final.payload });
 * ```
 * @public
 */
export interface ClientFinal {
  /** BSON `{ a, d }`, plus `t` when the credentials carry a session token. */
  readonly payload: Uint8Array;
  /** `a`: the full `Authorization` header value (non-enumerable). */
  readonly authorization: string;
  /** `d`: `YYYYMMDDTHHMMSSZ`. */
  readonly amzDate: string;
  readonly region: string;
  readonly host: string;
  /** `content-length;content-type;host;x-amz-date;[x-amz-security-token;]x-mongodb-gs2-cb-flag;x-mongodb-server-nonce` */
  readonly signedHeaders: string;
  readonly hasSessionToken: boolean;
  /** Exactly what was signed (non-enumerable; a session token in it is redacted in JSON/inspect). */
  readonly canonicalRequest: string;
  readonly stringToSign: string;
}

function sign(server: ServerFirst, credentials: SigV4Credentials, options: ClientFinalOptions): SignedRequest {
  const request = buildStsRequest({ host: server.host, serverNonce: server.serverNonce });
  const scope = { credentials, region: server.region, service: 'sts', date: options.date };
  return options.signer === undefined ? signRequest(request, scope) : options.signer.sign(request, scope);
}

// A class, so that the handshake allocates one object of a fixed shape: the secret-bearing fields
// are getters over private fields (non-enumerable, as documented) and the redacting JSON / inspect
// views live on the prototype instead of being defined on every result.
class SignedClientFinal implements ClientFinal {
  readonly payload: Uint8Array;
  readonly amzDate: string;
  readonly region: string;
  readonly host: string;
  readonly signedHeaders: string;
  readonly hasSessionToken: boolean;
  readonly #accessKeyId: string;
  readonly #authorization: string;
  readonly #canonicalRequest: string;
  readonly #stringToSign: string;

  constructor(server: ServerFirst, signed: SignedRequest, accessKeyId: string, payload: Uint8Array, hasSessionToken: boolean) {
    this.payload = payload;
    this.amzDate = signed.amzDate;
    this.region = server.region;
    this.host = server.host;
    this.signedHeaders = signed.signedHeaders;
    this.hasSessionToken = hasSessionToken;
    this.#accessKeyId = accessKeyId;
    this.#authorization = signed.authorization;
    this.#canonicalRequest = signed.canonicalRequest;
    this.#stringToSign = signed.stringToSign;
  }

  get authorization(): string {
    return this.#authorization;
  }

  get canonicalRequest(): string {
    return this.#canonicalRequest;
  }

  get stringToSign(): string {
    return this.#stringToSign;
  }

  toJSON(): Record<string, unknown> {
    return {
      accessKeyId: maskAccessKeyId(this.#accessKeyId),
      amzDate: this.amzDate,
      region: this.region,
      host: this.host,
      signedHeaders: this.signedHeaders,
      payload: `[${this.payload.byteLength} bytes]`,
      authorization: REDACTED,
      ...(this.hasSessionToken ? { sessionToken: REDACTED } : {}),
    };
  }

  [inspect.custom](): Record<string, unknown> {
    return this.toJSON();
  }
}

/**
 * Signs the STS `GetCallerIdentity` request of the protocol (§5) for a checked server-first and
 * encodes the client-final payload: `a` (the `Authorization` value), `d` (`X-Amz-Date`) and `t`
 * (the session token) if and only if the credentials have a non-empty session token — which is
 * then also signed as `X-Amz-Security-Token`. Invalid credentials throw the signer's
 * `ERR_SIGV4_INVALID_CREDENTIALS`.
 *
 * @example
 * ```ts
 * const server = parseServerFirst(reply.payload, first.clientNonce);
 * const final = createClientFinal(server, await provider());
 * ```
 * @public
 */
export function createClientFinal(server: ServerFirst, credentials: SigV4Credentials, options: ClientFinalOptions = {}): ClientFinal {
  const signed = sign(server, credentials, options);
  const token = credentials.sessionToken;
  const hasSessionToken = typeof token === 'string' && token !== '';
  const fields: FlatField[] = [
    ['a', { type: 'string', value: signed.authorization }],
    ['d', { type: 'string', value: signed.amzDate }],
  ];
  if (hasSessionToken) fields.push(['t', { type: 'string', value: token }]);
  return new SignedClientFinal(server, signed, credentials.accessKeyId, encodeDocument(fields), hasSessionToken);
}
