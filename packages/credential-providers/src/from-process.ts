import type { FromProcessOptions as ProcessSourceOptions } from '@iamkit/credential-process';
import type { CachedProvider } from '@iamkit/credentials';
import { cacheSource } from './cache-source.js';
import { noteIgnoredOptions } from './ignored-options.js';
import { lazyProvider, loadProcess } from './lazy-modules.js';
import { RUNTIME_OPTION_NAMES, type ProviderRuntimeOptions, type SdkOnlyOptions } from './provider-options.js';

/**
 * Options of {@link fromProcess}: the AWS SDK's (`profile`, `filepath`, `configFilepath`,
 * `ignoreCache`) plus the command's limits and the iamkit runtime options.
 *
 * @example
 * ```ts
 * fromProcess({ profile: 'dev', timeoutMs: 20_000 });
 * ```
 * @public
 */
export interface FromProcessOptions extends ProviderRuntimeOptions, SdkOnlyOptions, Pick<ProcessSourceOptions, 'profile' | 'filepath' | 'configFilepath'> {
  /** The SDK's file-cache switch; iamkit reads the files on every fetch anyway. */
  readonly ignoreCache?: boolean | undefined;
  /** How long the command may run; default 60 s. */
  readonly timeoutMs?: number | undefined;
  /** The most output read from the command; default 64 KiB. */
  readonly maxOutputBytes?: number | undefined;
}

const KNOWN = [...RUNTIME_OPTION_NAMES, 'profile', 'filepath', 'configFilepath', 'timeoutMs', 'maxOutputBytes', 'ignoreCache'];

/**
 * Credentials from a profile's `credential_process` (`@iamkit/credential-process`: no shell, a 60 s
 * timeout, strict output checks), cached until they expire.
 *
 * @example
 * ```ts
 * import { fromProcess } from '@iamkit/credential-providers';
 * const provider = fromProcess({ profile: 'sso-export' });
 * ```
 * @public
 */
export function fromProcess(options: FromProcessOptions = {}): CachedProvider {
  noteIgnoredOptions('fromProcess', options, KNOWN);
  const source: ProcessSourceOptions = {
    profile: options.profile,
    filepath: options.filepath,
    configFilepath: options.configFilepath,
    timeoutMs: options.timeoutMs,
    maxOutputBytes: options.maxOutputBytes,
    env: options.env,
    now: options.now,
    random: options.random,
    readFile: options.readFile,
  };
  return cacheSource(
    lazyProvider('process', async () => (await loadProcess()).fromProcess(source)),
    options,
  );
}
