import { bsonTypeName, BSON_BINARY, BSON_DOCUMENT, BSON_INT32, BSON_STRING } from '../bson/bson-types.js';
import { BsonFormatError, decodeDocument, type BsonElement } from '../bson/decode-document.js';
import { mongoAwsError } from '../errors.js';

/** What one payload field must be. @internal */
export interface FieldRule {
  readonly type: 'binary' | 'int32' | 'string' | 'document';
  readonly required: boolean;
}

const TYPE_BYTES = { binary: BSON_BINARY, int32: BSON_INT32, string: BSON_STRING, document: BSON_DOCUMENT } as const;

// mongod's IDL parser codes for the same mistakes (the server half keeps them as mongodCode).
const IDL_DUPLICATE_FIELD = 40413;
const IDL_MISSING_FIELD = 40414;
const IDL_UNKNOWN_FIELD = 40415;
const TYPE_MISMATCH = 14;

/**
 * Decodes a payload as IDL-strict mongod does: valid BSON, every field known, none repeated,
 * required ones present, each of its declared type. `what` names the payload in errors (which
 * name field names and types, never values). Throws `ERR_MONGODB_AWS_MALFORMED_PAYLOAD`.
 * @internal
 */
export function readPayload(bytes: unknown, what: string, rules: Readonly<Record<string, FieldRule>>): ReadonlyMap<string, BsonElement> {
  if (!(bytes instanceof Uint8Array)) {
    throw mongoAwsError('ERR_MONGODB_AWS_MALFORMED_PAYLOAD', `the ${what} payload must be bytes (BinData subtype 0), got ${bytes === null ? 'null' : typeof bytes}.`);
  }
  let elements: BsonElement[];
  try {
    elements = decodeDocument(bytes);
  } catch (error) {
    if (!(error instanceof BsonFormatError)) throw error;
    throw mongoAwsError('ERR_MONGODB_AWS_MALFORMED_PAYLOAD', `the ${what} payload is not a valid BSON document: ${error.message}.`);
  }
  const fields = new Map<string, BsonElement>();
  for (const element of elements) {
    const rule = rules[element.key];
    if (rule === undefined) {
      throw mongoAwsError('ERR_MONGODB_AWS_MALFORMED_PAYLOAD', `the ${what} payload has an unknown field ${JSON.stringify(element.key.slice(0, 32))} (it may only have ${Object.keys(rules).join(', ')}).`, { mongodCode: IDL_UNKNOWN_FIELD });
    }
    if (fields.has(element.key)) {
      throw mongoAwsError('ERR_MONGODB_AWS_MALFORMED_PAYLOAD', `the ${what} payload has the field "${element.key}" twice.`, { mongodCode: IDL_DUPLICATE_FIELD });
    }
    if (element.type !== TYPE_BYTES[rule.type]) {
      const want = rule.type === 'binary' ? 'binData' : rule.type === 'int32' ? 'int' : rule.type;
      throw mongoAwsError('ERR_MONGODB_AWS_MALFORMED_PAYLOAD', `the ${what} payload field "${element.key}" is BSON type ${bsonTypeName(element.type)}; it must be ${want}.`, { mongodCode: TYPE_MISMATCH });
    }
    fields.set(element.key, element);
  }
  for (const [key, rule] of Object.entries(rules)) {
    if (rule.required && !fields.has(key)) {
      throw mongoAwsError('ERR_MONGODB_AWS_MALFORMED_PAYLOAD', `the ${what} payload has no "${key}" field (it must have ${requiredList(rules)}).`, { mongodCode: IDL_MISSING_FIELD });
    }
  }
  return fields;
}

function requiredList(rules: Readonly<Record<string, FieldRule>>): string {
  return Object.entries(rules)
    .filter(([, rule]) => rule.required)
    .map(([key]) => key)
    .join(', ');
}

/** The binData bytes and subtype of a field `readPayload` checked. @internal */
export function binaryField(fields: ReadonlyMap<string, BsonElement>, key: string): { readonly bytes: Uint8Array; readonly subtype: number } | undefined {
  const element = fields.get(key);
  return element?.value instanceof Uint8Array ? { bytes: element.value, subtype: element.subtype ?? 0 } : undefined;
}

/** The string of a field `readPayload` checked. @internal */
export function stringField(fields: ReadonlyMap<string, BsonElement>, key: string): string | undefined {
  const value = fields.get(key)?.value;
  return typeof value === 'string' ? value : undefined;
}

/** The int32 of a field `readPayload` checked. @internal */
export function int32Field(fields: ReadonlyMap<string, BsonElement>, key: string): number | undefined {
  const value = fields.get(key)?.value;
  return typeof value === 'number' ? value : undefined;
}
