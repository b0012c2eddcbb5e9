// Building blocks of the JSON Schemas (draft-07) of the CLI's --json output.
import { EXIT_CODES } from '../cli/exit-codes.js';

type Schema = Readonly<Record<string, unknown>>;

export const str: Schema = { type: 'string' };
export const nullableString: Schema = { type: ['string', 'null'] };
export const nullableNumber: Schema = { type: ['number', 'null'] };
export const strings: Schema = { type: 'array', items: str };

export function object(properties: Record<string, Schema>, optional: readonly string[] = []): Schema {
  return { type: 'object', additionalProperties: false, required: Object.keys(properties).filter((key) => !optional.includes(key)), properties };
}

export function nullable(schema: Schema): Schema {
  return { anyOf: [schema, { type: 'null' }] };
}

export function ref(name: string): Schema {
  return { $ref: `#/definitions/${name}` };
}

export function oneOf(...values: readonly (string | number | boolean)[]): Schema {
  return { enum: values };
}

// Read from EXIT_CODES, so that a new exit status cannot be left out of the schemas.
export const exitCode: Schema = oneOf(...Object.values(EXIT_CODES));

const DEFINITIONS: Readonly<Record<string, Schema>> = {
  credentials: object({
    source: nullableString,
    accessKeyId: { type: 'string', pattern: '^[A-Za-z0-9]{2,4}…' },
    kind: oneOf('temporary', 'long-term'),
    expiration: nullableString,
    expiresInMs: nullableNumber,
    accountId: nullableString,
  }),
  error: object({ code: str, message: str, source: nullableString, retryable: { type: 'boolean' }, status: nullableNumber, throttled: { type: 'boolean' } }),
  stsExplanation: object({
    code: str,
    topic: str,
    title: str,
    cause: str,
    likelyCauses: strings,
    fixes: strings,
    retryable: { type: 'boolean' },
    skew: nullable(object({ skewMs: { type: 'number' }, direction: oneOf('behind', 'ahead'), measuredFrom: oneOf('message', 'date-header'), dateOnly: { type: 'boolean' } })),
    details: nullable({ type: 'object', additionalProperties: str }),
  }),
  mongoExplanation: object({
    topic: str,
    code: str,
    summary: str,
    causes: strings,
    checks: strings,
    credentials: nullable(object({ accessKeyId: str, source: nullableString, sessionToken: { type: 'boolean' }, expiration: nullableString })),
    error: object({ name: str, message: str, code: { type: ['string', 'number', 'null'] } }),
    sts: nullable(ref('stsExplanation')),
  }),
  identity: object({ account: str, arn: str, userId: str, mongoUser: nullableString, mongoUserNote: str }),
  sts: object({
    status: oneOf('ok', 'failed', 'skipped'),
    endpoint: nullableString,
    region: nullableString,
    durationMs: nullableNumber,
    identity: nullable(ref('identity')),
    stsCode: nullableString,
    error: nullable(ref('error')),
    explanation: nullable(ref('stsExplanation')),
    note: str,
  }),
  clock: object({
    status: oneOf('ok', 'warning', 'fatal', 'unknown'),
    skewMs: nullableNumber,
    direction: { enum: ['behind', 'ahead', null] },
    measuredFrom: { enum: ['date-header', 'message', null] },
    message: str,
  }),
};

/** A report schema with the shared definitions it may refer to. */
export function reportSchema(id: string, title: string, properties: Record<string, Schema>): Schema {
  return { $schema: 'http://json-schema.org/draft-07/schema#', $id: `urn:iamkit:${id}:1`, title, ...object(properties), definitions: DEFINITIONS };
}
