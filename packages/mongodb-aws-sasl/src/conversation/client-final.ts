import { maskAccessKeyId } from '@iamkit/credentials';
import { signRequest, type SignedRequest, type Signer, type SigningDate, type SigV4Credentials } from '@iamkit/sigv4';
import { encodeDocument, type FlatField } from '../bson/encode-document.js';
import { REDACTED, showAs } from '../redact.js';
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
  const final = {
    payload: encodeDocument(fields),
    amzDate: signed.amzDate,
    region: server.region,
    host: server.host,
    signedHeaders: signed.signedHeaders,
    hasSessionToken,
  } as unknown as ClientFinal;
  Object.defineProperties(final, {
    authorization: { value: signed.authorization, enumerable: false },
    canonicalRequest: { value: signed.canonicalRequest, enumerable: false },
    stringToSign: { value: signed.stringToSign, enumerable: false },
  });
  return showAs(final, () => ({
    accessKeyId: maskAccessKeyId(credentials.accessKeyId),
    amzDate: final.amzDate,
    region: final.region,
    host: final.host,
    signedHeaders: final.signedHeaders,
    payload: `[${final.payload.byteLength} bytes]`,
    authorization: REDACTED,
    ...(hasSessionToken ? { sessionToken: REDACTED } : {}),
  }));
}
