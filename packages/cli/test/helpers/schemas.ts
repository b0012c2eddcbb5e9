import { Ajv } from 'ajv';
import { expect } from 'vitest';
import { DOCTOR_REPORT_SCHEMA, EXPLAIN_REPORT_SCHEMA, SIGN_REPORT_SCHEMA, WHOAMI_REPORT_SCHEMA } from '../../src/index.js';

const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
const validators = {
  doctor: ajv.compile(DOCTOR_REPORT_SCHEMA),
  whoami: ajv.compile(WHOAMI_REPORT_SCHEMA),
  sign: ajv.compile(SIGN_REPORT_SCHEMA),
  explain: ajv.compile(EXPLAIN_REPORT_SCHEMA),
};

/** Fails with ajv's errors when `value` does not match the documented schema of `kind`. */
export function expectSchema(kind: keyof typeof validators, value: unknown): void {
  const validate = validators[kind];
  const valid = validate(value);
  expect(valid ? [] : validate.errors).toEqual([]);
}
