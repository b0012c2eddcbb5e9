// The STS GetCallerIdentity request that MONGODB-AWS signs, built exactly as
// reference/mongodb-aws-protocol.md §5 describes. Shared by the tests, the benchmark and the
// showcase so that all three sign the same bytes.
import type { SignableRequest } from '../../src/index.js';

export const GET_CALLER_IDENTITY_BODY = 'Action=GetCallerIdentity&Version=2011-06-15';

/** The §6 example keys (AWS's documentation keys). */
export const EXAMPLE_CREDENTIALS = Object.freeze({
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
});

/** The §6 date. */
export const MONGODB_AWS_DATE = '2025-12-15T12:34:56Z';

/** Bytes 0x00..0x3f: the §6 server nonce (its first 32 bytes are the client nonce). */
export const SERVER_NONCE = Uint8Array.from({ length: 64 }, (_, i) => i);

export function nonceHeader(serverNonce: Uint8Array): string {
  return Buffer.from(serverNonce).toString('base64');
}

/**
 * The request of §5 for STS host `host` (exactly as the server sent it in `h`) and the
 * X-MongoDB-Server-Nonce header value. The session token is not a header here: the signer adds
 * and signs X-Amz-Security-Token from the credentials.
 */
export function getCallerIdentityRequest(host: string, nonce: string): SignableRequest {
  return {
    method: 'POST',
    url: `https://${host}/`,
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'Content-Length': String(GET_CALLER_IDENTITY_BODY.length),
      Host: host,
      'X-MongoDB-Server-Nonce': nonce,
      'X-MongoDB-GS2-CB-Flag': 'n',
    },
    body: GET_CALLER_IDENTITY_BODY,
  };
}

/** MONGODB-AWS region rule (§4) for well-formed hosts: the second label, us-east-1 otherwise. */
export function regionOf(host: string): string {
  if (host === 'sts.amazonaws.com') return 'us-east-1';
  const labels = host.split('.');
  return labels.length > 1 ? (labels[1] ?? 'us-east-1') : 'us-east-1';
}
