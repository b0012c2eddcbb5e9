import { newStsHeaders } from '../redact.js';

/**
 * The body of the STS request MONGODB-AWS signs (43 bytes).
 *
 * @example
 * ```ts
 * GET_CALLER_IDENTITY_BODY.length; // 43
 * ```
 * @public
 */
export const GET_CALLER_IDENTITY_BODY = 'Action=GetCallerIdentity&Version=2011-06-15';

/**
 * An HTTP request to STS as MONGODB-AWS builds it: what the client signs and what the server
 * rebuilds and forwards to STS.
 *
 * @example
 * ```ts
 * const request: StsRequest = { url: 'https://sts.amazonaws.com', method: 'POST', headers, body: GET_CALLER_IDENTITY_BODY };
 * ```
 * @public
 */
export interface StsRequest {
  readonly url: string;
  readonly method: 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Parts of the GetCallerIdentity request of the protocol (§5 / §9.3).
 *
 * @example
 * ```ts
 * const parts: StsRequestParts = { host: 'sts.amazonaws.com', serverNonce, amzDate: '20251215T123456Z', authorization };
 * ```
 * @public
 */
export interface StsRequestParts {
  /** `h`, exactly as the server sends it: the `Host` header. */
  readonly host: string;
  /** The full 64-byte server nonce (or its standard base64). */
  readonly serverNonce: Uint8Array | string;
  /** The gs2-cb-flag as a string; default `n`. */
  readonly flag?: 'n' | 'y' | undefined;
  /** Where the request goes; default `https://<host>/`. */
  readonly url?: string | undefined;
  /** `d`: the `X-Amz-Date` header (the server half; the signer adds it on the client). */
  readonly amzDate?: string | undefined;
  /** `t`: the `X-Amz-Security-Token` header, when there is a session token. */
  readonly sessionToken?: string | undefined;
  /** `a`: the `Authorization` header (the server half). */
  readonly authorization?: string | undefined;
}

/**
 * Builds the STS `GetCallerIdentity` request of MONGODB-AWS: `POST /`, the 43-byte body,
 * `Content-Length`, `Content-Type`, `Host` (= `h`), `X-MongoDB-Server-Nonce` (standard base64 of
 * all 64 bytes), `X-MongoDB-GS2-CB-Flag`, and, when given, `X-Amz-Date`, `X-Amz-Security-Token`
 * and `Authorization`. Never `X-MongoDB-Optional-Data`: mongod does not forward it. `JSON.stringify`
 * and `util.inspect` of the result show `Authorization` and `X-Amz-Security-Token` as `[redacted]`.
 *
 * @example
 * ```ts
 * const unsigned = buildStsRequest({ host: 'sts.amazonaws.com', serverNonce });
 * const forwarded = buildStsRequest({ host, serverNonce, amzDate: d, sessionToken: t, authorization: a, url: stsUrl });
 * ```
 * @public
 */
export function buildStsRequest(parts: StsRequestParts): StsRequest {
  const nonce = typeof parts.serverNonce === 'string' ? parts.serverNonce : Buffer.from(parts.serverNonce.buffer, parts.serverNonce.byteOffset, parts.serverNonce.byteLength).toString('base64');
  // The signature and the token are bearer credentials for minutes: the record keeps them out of logs.
  const headers = newStsHeaders();
  headers['Content-Length'] = String(GET_CALLER_IDENTITY_BODY.length);
  headers['Content-Type'] = 'application/x-www-form-urlencoded';
  headers.Host = parts.host;
  if (parts.amzDate !== undefined) headers['X-Amz-Date'] = parts.amzDate;
  if (parts.sessionToken !== undefined && parts.sessionToken !== '') headers['X-Amz-Security-Token'] = parts.sessionToken;
  headers['X-MongoDB-Server-Nonce'] = nonce;
  headers['X-MongoDB-GS2-CB-Flag'] = parts.flag ?? 'n';
  if (parts.authorization !== undefined) headers.Authorization = parts.authorization;
  // A plain record: JSON.stringify and util.inspect reach the headers' own redacting view.
  return { url: parts.url ?? `https://${parts.host}/`, method: 'POST', headers, body: GET_CALLER_IDENTITY_BODY };
}
