import { type CachedProvider, type CredentialsSummary } from '@iamkit/credentials';
import { formatAgo } from './format.js';
import type { MongoAwsProvider } from '../mongo-aws-provider.js';

/** The credentials a provider handed out last, and what is suspicious about them. */
export interface CredentialFacts {
  readonly summary: CredentialsSummary;
  /** "ASIA…WXYZ from container, with a session token, expiring … (in 5 h)" */
  readonly line: string;
  /** Problems visible without asking STS, most telling first. */
  readonly problems: readonly string[];
  /** Temporary credentials: a role session (or a federated user), which `$external` must name by role. */
  readonly temporary: boolean;
}

const MANDATORY_WINDOW_MS = 5 * 60_000;

function lastCredentials(provider: MongoAwsProvider | CachedProvider): CredentialsSummary | undefined {
  // What the driver was handed is the better witness; a bare cache only knows what it holds now.
  const handed = 'attach' in provider ? provider.stats().lastHandout?.credentials : undefined;
  return handed ?? provider.peek()?.credentials;
}

/** Facts about the provider's last credentials; undefined when it has handed out none. */
export function credentialFacts(provider: MongoAwsProvider | CachedProvider | undefined, now: number): CredentialFacts | undefined {
  if (provider === undefined) return undefined;
  const summary = lastCredentials(provider);
  if (summary === undefined) return undefined;
  const hasToken = summary.sessionToken !== undefined;
  const prefix = summary.accessKeyId.slice(0, 4);
  const temporary = prefix === 'ASIA' || hasToken;
  const problems: string[] = [];
  const expiresAt = summary.expiration === undefined ? undefined : Date.parse(summary.expiration);
  let expiry = 'without an expiration';
  if (expiresAt !== undefined) {
    const left = expiresAt - now;
    expiry = `expiring ${summary.expiration ?? ''} (${formatAgo(left)})`;
    if (left <= 0) problems.push(`They expired at ${summary.expiration ?? ''} (${formatAgo(left)}): STS refuses an expired session token (ExpiredToken), so every new connection fails until fresh credentials arrive.`);
    else if (left <= MANDATORY_WINDOW_MS) problems.push(`They expire in less than 5 minutes (${summary.expiration ?? ''}): a connection that signed with them may have reached STS after they expired.`);
  }
  if (prefix === 'ASIA' && !hasToken) problems.push(`${summary.accessKeyId} is a temporary access key id (ASIA…) but no session token came with it: STS refuses it (InvalidClientTokenId). The source must return the token too.`);
  if (prefix === 'AKIA' && hasToken) problems.push(`${summary.accessKeyId} is a long-term access key id (AKIA…) but a session token came with it — typically a leftover AWS_SESSION_TOKEN from another session: STS refuses the pair. Unset AWS_SESSION_TOKEN.`);
  const source = summary.source === undefined ? '' : ` from ${summary.source}`;
  const line = `${summary.accessKeyId}${source}, ${hasToken ? 'with' : 'without'} a session token, ${expiry}`;
  return { summary, line, problems, temporary };
}
