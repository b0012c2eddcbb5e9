import { INSPECT, redactToken } from './redact.js';
import type { RequestBody } from './payload.js';
import type { PresignedRequest, SignatureDetails, SignedRequest } from './types.js';

/** Every field of a result, as the signer computes them. @internal */
export interface ResultFields extends SignatureDetails {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: RequestBody | undefined;
}

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

  constructor(fields: ResultFields, sessionToken: string | undefined) {
    this.method = fields.method;
    this.url = fields.url;
    this.headers = fields.headers;
    if (fields.body !== undefined) this.body = fields.body;
    this.amzDate = fields.amzDate;
    this.dateStamp = fields.dateStamp;
    this.credentialScope = fields.credentialScope;
    this.canonicalRequest = fields.canonicalRequest;
    this.stringToSign = fields.stringToSign;
    this.signedHeaders = fields.signedHeaders;
    this.signature = fields.signature;
    this.payloadHash = fields.payloadHash;
    this.#sessionToken = sessionToken;
  }

  /** A JSON-safe copy with the session token replaced by `[redacted]` and the body left out. */
  toJSON(): Record<string, unknown> {
    const token = this.#sessionToken;
    const json: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(this)) {
      if (key === 'body') json[key] = typeof value === 'string' ? `[${value.length} characters]` : '[bytes]';
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

  constructor(fields: ResultFields, authorization: string, sessionToken: string | undefined) {
    super(fields, sessionToken);
    this.authorization = authorization;
  }
}

/** @internal */
export class PresignedRequestResult extends ResultBase implements PresignedRequest {
  readonly expiresIn: number;

  constructor(fields: ResultFields, expiresIn: number, sessionToken: string | undefined) {
    super(fields, sessionToken);
    this.expiresIn = expiresIn;
  }
}
