// @smithy/signature-v4 (the AWS SDK's signer) as the differential oracle, on node:crypto.
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from './node-sha256.js';

export interface OracleRequest {
  readonly method: string;
  readonly host: string;
  readonly path: string;
  /** Decoded keys → decoded value(s). smithy has no "key without value": use ''. */
  readonly query: Record<string, string | string[]>;
  readonly headers: Record<string, string>;
  readonly body: string | Uint8Array | undefined;
}

export interface OracleOptions {
  readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined };
  readonly region: string;
  readonly service: string;
  readonly date: Date;
  /** smithy's uriEscapePath: normalise + double-encode (true) or neither (false, S3). */
  readonly uriEscapePath: boolean;
  readonly applyChecksum: boolean;
  readonly unsignableHeaders?: Set<string> | undefined;
  readonly signableHeaders?: Set<string> | undefined;
  readonly expiresIn: number;
}

function signer(options: OracleOptions): SignatureV4 {
  const { sessionToken, ...keys } = options.credentials;
  return new SignatureV4({
    credentials: sessionToken === undefined ? keys : { ...keys, sessionToken },
    region: options.region,
    service: options.service,
    sha256: NodeSha256,
    uriEscapePath: options.uriEscapePath,
    applyChecksum: options.applyChecksum,
  });
}

function httpRequest(request: OracleRequest) {
  return {
    method: request.method,
    protocol: 'https:',
    hostname: request.host,
    path: request.path,
    query: request.query,
    headers: { ...request.headers },
    body: request.body,
  };
}

export async function oracleSign(request: OracleRequest, options: OracleOptions): Promise<{ authorization: string; headers: Record<string, string> }> {
  const signed = await signer(options).sign(httpRequest(request), {
    signingDate: options.date,
    unsignableHeaders: options.unsignableHeaders,
    signableHeaders: options.signableHeaders,
  });
  const headers = signed.headers as Record<string, string>;
  return { authorization: headers.authorization ?? '', headers };
}

export async function oraclePresign(request: OracleRequest, options: OracleOptions): Promise<{ query: Record<string, string | string[] | null> }> {
  const presigned = await signer(options).presign(httpRequest(request), {
    signingDate: options.date,
    expiresIn: options.expiresIn,
    unsignableHeaders: options.unsignableHeaders,
    signableHeaders: options.signableHeaders,
  });
  return { query: presigned.query as Record<string, string | string[] | null> };
}

/** smithy's path/query escaping (encodeURIComponent plus !'()*): the form its serializers emit. */
export function smithyEscape(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
