import { INSPECT, redactToken } from './redact.js';
import type { RequestBody } from './payload.js';
import type { PresignedRequest, SignableRequest, SignatureDetails, SignedRequest } from './types.js';

// Results are class instances so that the hot path allocates one object with a fixed shape, and
// toJSON / inspect (which hide the session token) live on the prototype, not on every result.
abstract class ResultBase implements SignatureDetails {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: RequestBody | undefined;
  readonly amzDate: string;
  readonly dateStamp: string;
  readonly credentialScope: string;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signedHeaders: string;
  readonly signature: string;
  readonly payloadHash: string;
  readonly #sessionToken: string | undefined;

  // The request as given (method, body), the URL and headers to send, and the signature.
  constructor(request: SignableRequest, url: string, headers: Readonly<Record<string, string>>, details: SignatureDetails, sessionToken: string | undefined) {
    this.method = request.method;
    this.url = url;
    this.headers = headers;
    const { body } = request;
    this.body = body ?? undefined;
    this.amzDate = details.amzDate;
    this.dateStamp = details.dateStamp;
    this.credentialScope = details.credentialScope;
    this.canonicalRequest = details.canonicalRequest;
    this.stringToSign = details.stringToSign;
    this.signedHeaders = details.signedHeaders;
    this.signature = details.signature;
    this.payloadHash = details.payloadHash;
    this.#sessionToken = sessionToken;
  }

  /** A JSON-safe copy with the session token replaced by `[redacted]` and the body left out. */
  toJSON(): Record<string, unknown> {
    const token = this.#sessionToken;
    const json: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(this)) {
      // The field exists (undefined) on every result, to keep one object shape; a missing body is not shown.
      if (key === 'body') {
        if (value !== undefined) json[key] = typeof value === 'string' ? `[${value.length} characters]` : '[bytes]';
      }
      else if (key === 'headers') json[key] = (value as { toJSON(): unknown }).toJSON();
      else json[key] = typeof value === 'string' ? redactToken(value, token) : value;
    }
    return json;
  }

  [INSPECT](): Record<string, unknown> {
    return this.toJSON();
  }
}

/** @internal */
export class SignedRequestResult extends ResultBase implements SignedRequest {
  readonly authorization: string;

  constructor(request: SignableRequest, url: string, headers: Readonly<Record<string, string>>, details: SignatureDetails, authorization: string, sessionToken: string | undefined) {
    super(request, url, headers, details, sessionToken);
    this.authorization = authorization;
  }
}

/** @internal */
export class PresignedRequestResult extends ResultBase implements PresignedRequest {
  readonly expiresIn: number;

  constructor(request: SignableRequest, url: string, headers: Readonly<Record<string, string>>, details: SignatureDetails, expiresIn: number, sessionToken: string | undefined) {
    super(request, url, headers, details, sessionToken);
    this.expiresIn = expiresIn;
  }
}
