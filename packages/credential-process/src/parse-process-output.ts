import { type Credentials, IamkitError, createCredentials, maskAccessKeyId, parseExpiration } from '@iamkit/credentials';

export interface OutputContext {
  /** Prefixes every message: which profile / file the command came from. */
  readonly context: string;
  readonly now: number;
  /** Used when the output has no `AccountId` (the profile's `aws_account_id`). */
  readonly accountId?: string | undefined;
  /** A secret-free excerpt of stderr, appended to messages when not empty. */
  readonly stderr: string;
}

/**
 * Validates `credential_process` stdout: a JSON object with `Version` 1, string `AccessKeyId`
 * and `SecretAccessKey`, and optional `SessionToken`, `Expiration` (RFC 3339, not in the past)
 * and `AccountId`. Messages name the field, never a value from the output.
 */
export function parseProcessOutput(stdout: string, ctx: OutputContext): Credentials {
  const invalid = (problem: string): never => {
    throw new IamkitError({
      code: 'ERR_PROCESS_OUTPUT_INVALID',
      source: 'process',
      message: `${ctx.context}: ${problem}. credential_process must print {"Version": 1, "AccessKeyId": …, "SecretAccessKey": …, "SessionToken"?: …, "Expiration"?: …}.${stderrNote(ctx.stderr)}`,
    });
  };
  const data = parseJsonObject(stdout);
  if (data === 'empty') return invalid('the command exited with code 0 but printed nothing on stdout');
  // JSON.parse's own message quotes the text it choked on (a secret, perhaps): not reused.
  if (data === 'not-json') return invalid(`its stdout (${Buffer.byteLength(stdout)} bytes) is not valid JSON`);
  if (data === 'not-object') return invalid('its stdout is JSON but not an object');

  if (data.Version !== 1) return invalid(data.Version === undefined ? 'the "Version" field is missing' : `"Version" must be 1 (got ${describeValue(data.Version)})`);
  const accessKeyId = requiredString(data, 'AccessKeyId', invalid);
  const secretAccessKey = requiredString(data, 'SecretAccessKey', invalid);
  const sessionToken = optionalString(data, 'SessionToken', invalid);
  const accountId = optionalString(data, 'AccountId', invalid) ?? ctx.accountId;
  const expirationText = optionalString(data, 'Expiration', invalid);
  let expiration: Date | undefined;
  if (expirationText !== undefined) {
    expiration = parseExpiration(expirationText);
    if (expiration === undefined) return invalid('"Expiration" is not an ISO 8601 / RFC 3339 timestamp such as 2026-05-01T12:00:00Z');
    if (expiration.getTime() <= ctx.now) {
      throw new IamkitError({
        code: 'ERR_CREDENTIALS_EXPIRED',
        source: 'process',
        message: `${ctx.context}: the command returned credentials (${maskAccessKeyId(accessKeyId)}) that expired at ${expiration.toISOString()}. Fix the command so it fetches fresh credentials (its cache may be stale).`,
      });
    }
  }
  return createCredentials({ accessKeyId, secretAccessKey, sessionToken, expiration, accountId }, 'process');
}

/** The secret values in stdout, if it is the JSON it should be — to scrub them from stderr. */
export function secretsInOutput(stdout: string): string[] {
  const data = parseJsonObject(stdout);
  if (typeof data === 'string') return [];
  return ['SecretAccessKey', 'SessionToken', 'Token'].flatMap((field) => {
    const value = data[field];
    return typeof value === 'string' ? [value] : [];
  });
}

function parseJsonObject(stdout: string): Record<string, unknown> | 'empty' | 'not-json' | 'not-object' {
  const text = stdout.trim();
  if (text === '') return 'empty';
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return 'not-json';
  }
  return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : 'not-object';
}

function requiredString(data: Record<string, unknown>, field: string, invalid: (problem: string) => never): string {
  const value = data[field];
  if (value === undefined || value === null) return invalid(`the "${field}" field is missing`);
  if (typeof value !== 'string') return invalid(`"${field}" must be a string (got ${describeValue(value)})`);
  if (value.trim() === '') return invalid(`"${field}" is empty`);
  return value;
}

function optionalString(data: Record<string, unknown>, field: string, invalid: (problem: string) => never): string | undefined {
  const value = data[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return invalid(`"${field}" must be a string (got ${describeValue(value)})`);
  return value;
}

// Types only, plus small numbers and booleans: a wrong-typed field can still carry a secret.
function describeValue(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < 1e6) return String(value);
  if (typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

export function stderrNote(stderr: string): string {
  return stderr === '' ? '' : ` Its stderr said: ${stderr}`;
}
