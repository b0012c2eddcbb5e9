import { abortedError } from '../abort.js';
import {
  credentialSource,
  describeCredentials,
  type CredentialProvider,
  type CredentialProviderOptions,
  type Credentials,
  type CredentialsSummary,
} from '../credentials.js';
import type { IamkitError, IamkitErrorJSON } from '../errors.js';
import type { NotConfiguredDetails } from '../not-configured.js';
import type { Clock } from '../runtime.js';
import { toSourceError } from '../source-error.js';
import { checkSources } from './chain.js';
import { NoneConfiguredError } from './none-configured-error.js';
import { notConfiguredDetails } from './not-configured-details.js';

/**
 * What happened to one source in {@link runChain}: it supplied `credentials`, was `not-configured`
 * here, `failed` (which stops a real chain), or was `not-tried` because an earlier source decided.
 *
 * @example
 * ```ts
 * const failed = report.attempts.filter((a) => a.outcome === 'failed');
 * ```
 * @public
 */
export type ChainOutcome = 'credentials' | 'not-configured' | 'failed' | 'not-tried';

/**
 * One source's line in a {@link ChainReport}; secret-free, ready for `iamkit doctor`.
 *
 * @example
 * ```ts
 * for (const a of report.attempts) console.log(`${a.source}: ${a.outcome} (${a.reason}) ${a.durationMs} ms`);
 * ```
 * @public
 */
export interface ChainAttempt {
  /** The source's name, from its answer (or the provider's `sourceName`/function name when not tried). */
  readonly source: string;
  readonly outcome: ChainOutcome;
  /** In plain words: why it did not apply, what failed, or what it returned. */
  readonly reason: string;
  /** For `not-configured`: the env vars, files or options that would configure it. */
  readonly configureWith?: readonly string[];
  readonly durationMs: number;
  /** For `failed`: the error's secret-free JSON view. */
  readonly error?: IamkitErrorJSON;
  /** For `credentials`: masked key id, expiry, source. */
  readonly credentials?: CredentialsSummary;
}

/**
 * The result of {@link runChain}: what `chain()` would have returned or thrown, and why.
 *
 * @example
 * ```ts
 * const report = await runChain(sources);
 * console.log(report.error ? `no credentials: ${report.error.message}` : `credentials from ${report.decidedBy}`);
 * ```
 * @public
 */
export interface ChainReport {
  /** The credentials `chain()` would return, if any. */
  readonly credentials: Credentials | undefined;
  /** The error `chain()` would throw (foreign errors wrapped as `ERR_CREDENTIALS_SOURCE_FAILED`). */
  readonly error: IamkitError | undefined;
  /** The source that decided the outcome (supplied credentials or stopped the chain). */
  readonly decidedBy: string | undefined;
  readonly attempts: readonly ChainAttempt[];
}

/**
 * Options of {@link runChain}.
 *
 * @example
 * ```ts
 * await runChain(sources, { tryAll: true, signal: AbortSignal.timeout(10_000) });
 * ```
 * @public
 */
export interface RunChainOptions extends CredentialProviderOptions {
  /** Call every source, even after one decided, to show what else would apply. Default false. */
  readonly tryAll?: boolean | undefined;
  /** Clock for `durationMs`; defaults to `performance.now`. */
  readonly now?: Clock | undefined;
}

/**
 * Runs sources the way {@link chain} does, but never throws: it returns a per-source report
 * (source, outcome, reason, duration) for a CLI `doctor` or a start-up log line. With
 * `tryAll: true` it also calls the sources after the one that decided, to show every identity
 * this environment could supply.
 *
 * @example
 * ```ts
 * const report = await runChain([fromEnv(), fromContainerMetadata(), fromInstanceMetadata()]);
 * if (report.error) console.error(report.error.message);
 * console.table(report.attempts.map(({ source, outcome, reason, durationMs }) => ({ source, outcome, reason, durationMs })));
 * ```
 * @public
 */
export async function runChain(sources: readonly CredentialProvider[], options: RunChainOptions = {}): Promise<ChainReport> {
  checkSources(sources, 'runChain');
  const clock = options.now ?? (() => performance.now());
  const callOptions: CredentialProviderOptions = { forceRefresh: options.forceRefresh, signal: options.signal };
  const attempts: ChainAttempt[] = [];
  const tried: NotConfiguredDetails[] = [];
  let credentials: Credentials | undefined;
  let error: IamkitError | undefined;
  let decidedBy: string | undefined;

  for (const [index, source] of sources.entries()) {
    const decided = credentials !== undefined || error !== undefined;
    if (decided && options.tryAll !== true) {
      attempts.push({ source: providerName(source, index), outcome: 'not-tried', reason: 'an earlier source decided', durationMs: 0 });
      continue;
    }
    if (options.signal?.aborted === true) {
      error ??= abortedError(options.signal, 'chain', 'resolving credentials');
      attempts.push({ source: providerName(source, index), outcome: 'not-tried', reason: 'aborted', durationMs: 0 });
      continue;
    }
    const started = clock();
    try {
      const result = await source(callOptions);
      const summary = describeCredentials(result);
      const name = declaredName(source) ?? credentialSource(result) ?? providerName(source, index);
      attempts.push({ source: name, outcome: 'credentials', reason: credentialsReason(summary), durationMs: clock() - started, credentials: summary });
      if (!decided) {
        credentials = result;
        decidedBy = name;
      }
    } catch (thrown) {
      const durationMs = clock() - started;
      const details = notConfiguredDetails(thrown);
      if (details !== undefined) {
        attempts.push({ source: details.source, outcome: 'not-configured', reason: details.reason, configureWith: details.configureWith, durationMs });
        if (!decided) tried.push(details);
        continue;
      }
      const failure = toSourceError(thrown, providerName(source, index), []);
      // A source that declares its name is reported under it: a web identity source whose STS
      // exchange failed is the web-identity step of the chain, not "sts".
      const name = declaredName(source) ?? failure.source ?? providerName(source, index);
      attempts.push({ source: name, outcome: 'failed', reason: failure.message, durationMs, error: failure.toJSON() });
      if (!decided) {
        error = failure;
        decidedBy = name;
      }
    }
  }
  if (credentials === undefined && error === undefined) error = new NoneConfiguredError(tried);
  return { credentials, error, decidedBy, attempts };
}

function credentialsReason(summary: CredentialsSummary): string {
  const expiry = summary.expiration === undefined ? 'no expiration' : `expires ${summary.expiration}`;
  return `supplied ${summary.accessKeyId} (${expiry})`;
}

function declaredName(provider: CredentialProvider): string | undefined {
  const named = (provider as { sourceName?: unknown }).sourceName;
  return typeof named === 'string' && named !== '' ? named : undefined;
}

function providerName(provider: CredentialProvider, index: number): string {
  const named = declaredName(provider);
  if (named !== undefined) return named;
  return provider.name !== '' && provider.name !== 'anonymous' ? provider.name : `source #${index + 1}`;
}
