import { inspect } from 'node:util';

/** What `JSON.stringify` and `util.inspect` show in place of a credential. @internal */
export const REDACTED = '[redacted]';

/** Header names whose values are credentials (lower case). */
const SECRET_HEADERS: ReadonlySet<string> = new Set(['authorization', 'x-amz-security-token']);

function redactedCopy(headers: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : value;
  return out;
}

// The prototype of every STS headers record: the headers stay ordinary own properties (the signer,
// the verifiers and undici read them as a record), while JSON.stringify, console.log and
// util.inspect show Authorization and X-Amz-Security-Token as [redacted]. On the prototype rather
// than defined on each record, so building one on the handshake path stays a plain allocation.
const STS_HEADERS_PROTOTYPE: object = Object.freeze(
  Object.create(Object.prototype, {
    toJSON: {
      value(this: object) {
        return redactedCopy(this);
      },
    },
    [inspect.custom]: {
      value(this: object) {
        return redactedCopy(this);
      },
    },
  }) as object,
);

/** A fresh, empty headers record whose JSON and inspect output hide the credential headers. @internal */
export function newStsHeaders(): Record<string, string> {
  return Object.create(STS_HEADERS_PROTOTYPE) as Record<string, string>;
}
