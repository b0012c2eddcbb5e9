import { exitCode, nullable, nullableNumber, nullableString, object, oneOf, ref, reportSchema, str, strings } from './schema-parts.js';

/**
 * The JSON Schema (draft-07) of `iamkit doctor --json` (`schema: "iamkit.doctor/1"`). Stable: a
 * field is only ever added (with a new optional property) within version 1.
 *
 * @example
 * ```ts
 * import Ajv from 'ajv';
 * import { DOCTOR_REPORT_SCHEMA } from '@iamkit/cli';
 * const valid = new Ajv().compile(DOCTOR_REPORT_SCHEMA)(JSON.parse(output));
 * ```
 * @public
 */
export const DOCTOR_REPORT_SCHEMA: Readonly<Record<string, unknown>> = reportSchema('doctor', 'iamkit doctor --json', {
  schema: { const: 'iamkit.doctor/1' },
  ok: { type: 'boolean' },
  exitCode,
  checkedAt: str,
  chain: object({
    profile: object({ name: str, from: oneOf('option', 'AWS_PROFILE', 'default') }),
    decidedBy: nullableString,
    sources: {
      type: 'array',
      items: object({
        name: str,
        status: oneOf('credentials', 'not-configured', 'failed', 'not-tried'),
        reason: str,
        configureWith: strings,
        durationMs: { type: 'number' },
        credentials: nullable(ref('credentials')),
        error: nullable(ref('error')),
      }),
    },
  }),
  credentials: nullable(ref('credentials')),
  sts: ref('sts'),
  clock: ref('clock'),
  mongodb: nullable(
    object({
      status: oneOf('ok', 'failed', 'skipped'),
      uri: str,
      durationMs: nullableNumber,
      user: nullableString,
      error: nullable(object({ name: str, message: str, code: { type: ['string', 'number', 'null'] } })),
      explanation: nullable(ref('mongoExplanation')),
      note: str,
    }),
  ),
  problems: { type: 'array', items: object({ check: oneOf('credentials', 'sts', 'clock', 'mongodb'), severity: oneOf('error', 'warning'), message: str }) },
});

/**
 * The JSON Schema (draft-07) of `iamkit whoami --json` (`schema: "iamkit.whoami/1"`).
 *
 * @example
 * ```ts
 * new Ajv().compile(WHOAMI_REPORT_SCHEMA)(JSON.parse(output));
 * ```
 * @public
 */
export const WHOAMI_REPORT_SCHEMA: Readonly<Record<string, unknown>> = reportSchema('whoami', 'iamkit whoami --json', {
  schema: { const: 'iamkit.whoami/1' },
  ok: { type: 'boolean' },
  exitCode,
  source: nullableString,
  credentials: nullable(ref('credentials')),
  identity: nullable(ref('identity')),
  sts: ref('sts'),
  clock: ref('clock'),
  error: nullable(ref('error')),
});

const difference = object({
  line: { type: 'integer', minimum: 1 },
  part: oneOf('method', 'path', 'query', 'header', 'headers-end', 'signed-headers', 'payload-hash', 'extra-line', 'missing-line'),
  header: nullableString,
  ours: nullableString,
  theirs: nullableString,
  column: { type: ['integer', 'null'] },
  hint: str,
});

/**
 * The JSON Schema (draft-07) of `iamkit sign --json` (`schema: "iamkit.sign/1"`).
 *
 * @example
 * ```ts
 * new Ajv().compile(SIGN_REPORT_SCHEMA)(JSON.parse(output));
 * ```
 * @public
 */
export const SIGN_REPORT_SCHEMA: Readonly<Record<string, unknown>> = reportSchema('sign', 'iamkit sign --json', {
  schema: { const: 'iamkit.sign/1' },
  mode: oneOf('header', 'presign'),
  method: str,
  url: str,
  region: str,
  service: str,
  amzDate: { type: 'string', pattern: '^\\d{8}T\\d{6}Z$' },
  credentialScope: str,
  credentials: object({ accessKeyId: str, source: nullableString, sessionToken: { type: 'boolean' } }),
  canonicalRequest: str,
  stringToSign: str,
  signedHeaders: strings,
  signature: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  payloadHash: str,
  authorization: nullableString,
  presignedUrl: nullableString,
  headers: { type: 'object', additionalProperties: str },
  comparison: nullable(
    object({
      identical: { type: 'boolean' },
      normalizations: strings,
      lines: object({ ours: { type: 'integer' }, theirs: { type: 'integer' } }),
      difference: nullable(difference),
      summary: str,
    }),
  ),
  notes: strings,
});

/**
 * The JSON Schema (draft-07) of `iamkit explain --json` (`schema: "iamkit.explain/1"`).
 *
 * @example
 * ```ts
 * new Ajv().compile(EXPLAIN_REPORT_SCHEMA)(JSON.parse(output));
 * ```
 * @public
 */
export const EXPLAIN_REPORT_SCHEMA: Readonly<Record<string, unknown>> = reportSchema('explain', 'iamkit explain --json', {
  schema: { const: 'iamkit.explain/1' },
  recognised: { type: 'boolean' },
  exitCode,
  kind: oneOf('mongodb', 'sts', 'unknown'),
  message: str,
  sts: nullable(ref('stsExplanation')),
  mongodb: nullable(ref('mongoExplanation')),
});
