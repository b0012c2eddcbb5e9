import { uriEncode } from './uri-encode.js';

/** The symbol util.inspect looks for; named through Symbol.for so node:util is not imported. @internal */
export const INSPECT = Symbol.for('nodejs.util.inspect.custom');

const REDACTED = '[redacted]';

/** Replaces a session token, raw or URI-encoded, wherever it appears in `text`. @internal */
export function redactToken(text: string, token: string | undefined): string {
  if (token === undefined || text === '') return text;
  let out = text.split(token).join(REDACTED);
  const encoded = uriEncode(token);
  if (encoded !== token) out = out.split(encoded).join(REDACTED);
  return out;
}

function redactedCopy(headers: object): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    copy[name] = name.toLowerCase() === 'x-amz-security-token' ? REDACTED : String(value);
  }
  return copy;
}

// The prototype of every headers object the signer returns: the headers stay ordinary own
// properties (fetch, undici and http.request read them as a record), while JSON.stringify,
// console.log and util.inspect show the session token as [redacted]. Frozen: no mutable state.
const HEADERS_PROTOTYPE: object = Object.freeze(
  Object.create(Object.prototype, {
    toJSON: {
      value(this: object) {
        return redactedCopy(this);
      },
    },
    [INSPECT]: {
      value(this: object) {
        return redactedCopy(this);
      },
    },
  }) as object,
);

/** A fresh, empty headers record whose JSON and inspect output hide the session token. @internal */
export function newHeaders(): Record<string, string> {
  return Object.create(HEADERS_PROTOTYPE) as Record<string, string>;
}
