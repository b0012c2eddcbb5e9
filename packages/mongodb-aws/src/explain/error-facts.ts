import { isIamkitError, scrubSecrets, type IamkitError } from '@iamkit/credentials';
import { isAuthenticationFailed } from '../driver-events.js';

/** One error of a driver failure's chain (the error, its causes, a selection error's server errors). */
export interface ErrorLink {
  readonly name: string;
  /** Scrubbed of anything shaped like a secret. */
  readonly message: string;
  readonly code: number | string | undefined;
  readonly codeName: string | undefined;
}

/** What the adapter needs to know about a driver failure, whatever form it came in. */
export interface ErrorFacts {
  readonly links: readonly ErrorLink[];
  /** The first iamkit error in the chain: what the credential provider threw. */
  readonly iamkit: IamkitError | undefined;
  /** The server refused an authentication (code 18). */
  readonly authFailed: boolean;
  /** An optional module the driver could not load (`@aws-sdk/credential-providers`, `aws4`). */
  readonly missingModule: string | undefined;
  /** The driver refused credentials given in the URI or options. */
  readonly explicitCredentials: boolean;
  /** The provider answered without an access key id or secret (`MongoMissingCredentialsError`). */
  readonly missingCredentials: boolean;
  /** Every message in the chain, joined: for STS codes and HTTP statuses. */
  readonly text: string;
}

const MAX_LINKS = 12;

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

/** A server selection error keeps each server's last error in `reason.servers` (a Map). */
function serverErrors(error: Record<string, unknown>): unknown[] {
  const servers = record(error.reason)?.servers;
  if (!(servers instanceof Map)) return [];
  return [...(servers as Map<unknown, unknown>).values()].map((description) => record(description)?.error).filter((e) => e !== undefined && e !== null);
}

function moduleFrom(error: Record<string, unknown>, message: string): string | undefined {
  if (typeof error.dependencyName === 'string') return error.dependencyName;
  return /Optional module `([^`]+)` not found/.exec(message)?.[1];
}

/** Walks an error, its `cause` chain and a selection error's server errors (bounded, cycle-safe). */
export function errorFacts(input: unknown): ErrorFacts {
  const links: ErrorLink[] = [];
  const seen = new Set<unknown>();
  const queue: unknown[] = [input];
  let iamkit: IamkitError | undefined;
  let authFailed = false;
  let missingModule: string | undefined;
  let explicitCredentials = false;
  let missingCredentials = false;
  while (queue.length > 0 && links.length < MAX_LINKS) {
    const value = queue.shift();
    if (value === undefined || value === null || seen.has(value)) continue;
    seen.add(value);
    if (typeof value === 'string') {
      links.push({ name: 'Error', message: scrubSecrets(value), code: undefined, codeName: undefined });
      continue;
    }
    const error = record(value);
    if (error === undefined) continue;
    const message = scrubSecrets(typeof error.message === 'string' ? error.message : '');
    const name = typeof error.name === 'string' ? error.name : 'Error';
    const code = typeof error.code === 'number' || typeof error.code === 'string' ? error.code : undefined;
    links.push({ name, message, code, codeName: typeof error.codeName === 'string' ? error.codeName : undefined });
    if (isIamkitError(value)) iamkit ??= value;
    if (isAuthenticationFailed(value)) authFailed = true;
    missingModule ??= moduleFrom(error, message);
    if (/(?:username and password|AWS_SESSION_TOKEN) cannot be provided when using MONGODB-AWS/.test(message)) explicitCredentials = true;
    if (name === 'MongoMissingCredentialsError' || message.includes('Could not obtain temporary MONGODB-AWS credentials')) missingCredentials = true;
    queue.push(error.cause, ...serverErrors(error));
  }
  const text = links.map((link) => `${link.name}: ${link.message}`).join('\n');
  // A message copied from a log carries only text.
  if (!authFailed && links.some((link) => /\bAuthentication failed\.?/.test(link.message) && /\b18\b|AuthenticationFailed|MongoServerError/.test(`${link.name} ${link.message} ${String(link.code)}`))) authFailed = true;
  return { links, iamkit, authFailed, missingModule, explicitCredentials, missingCredentials, text };
}
