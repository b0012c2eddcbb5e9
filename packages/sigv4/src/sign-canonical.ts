import type { HeaderBlock } from './canonical-headers.js';
import { SIGV4_ALGORITHM } from './constants.js';
import type { SigningContext } from './context.js';
import { sha256Hex } from './crypto.js';
import type { PreparedRequest } from './prepare-request.js';
import type { SigningIdentity } from './sign-core.js';
import type { SignatureDetails } from './types.js';

/**
 * The tail both signing modes share, once the query, the headers and the payload hash are
 * settled: builds the canonical request and the string to sign, and signs it.
 * @internal
 */
export function signCanonical(
  prepared: PreparedRequest,
  query: string,
  block: HeaderBlock,
  payloadHash: string,
  scope: string,
  identity: SigningIdentity,
  context: SigningContext,
): SignatureDetails {
  const { credentials, region, service, date } = identity;
  const canonicalRequest = `${prepared.request.method}\n${prepared.url.canonicalUri}\n${query}\n${block.lines}\n${block.signed}\n${payloadHash}`;
  const stringToSign = `${SIGV4_ALGORITHM}\n${date.amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  return {
    amzDate: date.amzDate,
    dateStamp: date.dateStamp,
    credentialScope: scope,
    canonicalRequest,
    stringToSign,
    signedHeaders: block.signed,
    signature: context.signature(credentials, date.dateStamp, region, service, stringToSign),
    payloadHash,
  };
}
