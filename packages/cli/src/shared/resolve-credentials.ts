import { defaultChainSources } from '@iamkit/credential-providers';
import { describeCredentials, resolveEnv, runChain, selectProfile, type ChainAttempt, type Credentials, type IamkitError } from '@iamkit/credentials';
import { DEFAULT_RETRIES, type CommonOptions } from './common-options.js';
import { credentialsView, errorView, type CredentialsView, type ErrorView } from './views.js';

/**
 * One source of the default chain in a report: whether it is configured here, what it returned
 * (masked) or why it failed, why it did not apply and what would configure it, and how long it
 * took.
 *
 * @example
 * ```ts
 * const source: SourceView = { name: 'env', status: 'not-configured', reason: 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set', configureWith: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'], durationMs: 0.1, credentials: null, error: null };
 * ```
 * @public
 */
export interface SourceView {
  /** `env`, `ini`, `web-identity`, `container`, `imds`. */
  readonly name: string;
  /** `credentials`: it supplied some; `failed`: configured but failing (this stops the chain); `not-tried`: an earlier source decided. */
  readonly status: 'credentials' | 'not-configured' | 'failed' | 'not-tried';
  readonly reason: string;
  /** For `not-configured`: the variables, files or settings that would configure it. */
  readonly configureWith: readonly string[];
  readonly durationMs: number;
  readonly credentials: CredentialsView | null;
  readonly error: ErrorView | null;
}

/**
 * The default chain as `fromNodeProviderChain` walks it, source by source.
 *
 * @example
 * ```ts
 * const chain: ChainView = { profile: { name: 'default', from: 'default' }, decidedBy: 'container', sources: [] };
 * ```
 * @public
 */
export interface ChainView {
  /** The profile the `ini` source reads, and what chose it. */
  readonly profile: { readonly name: string; readonly from: 'option' | 'AWS_PROFILE' | 'default' };
  /** The source the library would use (it supplied credentials, or its failure stops the chain). */
  readonly decidedBy: string | null;
  readonly sources: readonly SourceView[];
}

/** The chain's outcome: the report, and the credentials themselves for the checks that need them. */
export interface ResolvedCredentials {
  readonly chain: ChainView;
  readonly credentials: Credentials | undefined;
  readonly selected: CredentialsView | null;
  readonly error: IamkitError | undefined;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function sourceView(attempt: ChainAttempt, name: string, decidedBy: string | undefined, now: number): SourceView {
  const reason = attempt.outcome === 'not-tried' && decidedBy !== undefined ? `not asked: ${decidedBy} decided first (the chain stops at the first configured source)` : attempt.reason;
  return {
    name,
    status: attempt.outcome,
    reason,
    configureWith: attempt.configureWith ?? [],
    durationMs: round(attempt.durationMs),
    credentials: attempt.credentials === undefined ? null : credentialsView(attempt.credentials, now),
    error: attempt.error === undefined ? null : errorView(attempt.error),
  };
}

/**
 * Runs the default chain's sources (`defaultChainSources` of `@iamkit/credential-providers`, in
 * `fromNodeProviderChain`'s order and with its rules) through `runChain`, which never throws.
 */
export async function resolveCredentials(options: CommonOptions, tryAll = false): Promise<ResolvedCredentials> {
  const env = resolveEnv(options.env);
  const now = options.now ?? Date.now;
  const retries = options.retries ?? DEFAULT_RETRIES;
  const sources = defaultChainSources({
    env,
    now: options.now,
    readFile: options.readFile,
    profile: options.profile,
    // Unless asked, each source keeps its own timeouts (container 2 s, IMDS 1 s): the chain as it runs.
    timeout: options.timeoutMs,
    maxRetries: retries,
    clientConfig: { region: options.region, endpoint: options.endpointUrl, maxAttempts: retries + 1 },
  });
  options.onProgress?.('Resolving credentials (default chain)…');
  const report = await runChain(sources, { tryAll });
  const at = now();
  // runChain names the source that decided (and any that supplies or fails) by its sourceName; a
  // "not configured" attempt keeps the name its answer gives. The report names every attempt after
  // the chain's step, one per source, in order.
  const { decidedBy } = report;
  return {
    chain: {
      profile: selectProfile({ profile: options.profile, env }),
      decidedBy: decidedBy ?? null,
      sources: report.attempts.map((attempt, i) => sourceView(attempt, sources[i]?.sourceName ?? attempt.source, decidedBy, at)),
    },
    credentials: report.credentials,
    selected: report.credentials === undefined ? null : credentialsView(describeCredentials(report.credentials), at),
    error: report.error,
  };
}
