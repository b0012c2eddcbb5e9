import {
  type CredentialProvider,
  IamkitError,
  type RuntimeOptions,
  type SharedConfigOptions,
  describeLocation,
  describeMissingProfile,
  loadSharedConfig,
  notConfigured,
  resolveRuntime,
  selectProfile,
} from '@iamkit/credentials';
import { type RunCredentialProcessOptions, runCredentialProcess } from './run-credential-process.js';

/**
 * Options of {@link fromProcess}: the profile and files to read, the limits of the command, and
 * the injectable `env` (also the command's environment), `now` and `readFile`.
 *
 * @example
 * ```ts
 * fromProcess({ profile: 'dev', timeoutMs: 20_000 });
 * ```
 * @public
 */
export interface FromProcessOptions
  extends RuntimeOptions,
    Pick<SharedConfigOptions, 'filepath' | 'configFilepath'>,
    Pick<RunCredentialProcessOptions, 'timeoutMs' | 'maxOutputBytes'> {
  /** The profile; defaults to `AWS_PROFILE`, then `default`. */
  readonly profile?: string | undefined;
}

const SOURCE = 'process';

/**
 * Credentials from the `credential_process` setting of a shared-config profile (see
 * {@link runCredentialProcess} for how the command runs). The files are read and the command is
 * run on every call; wrap the provider in the iamkit cache to reuse the credentials until they
 * expire.
 *
 * Not configured when the profile has no `credential_process`, or when the `default` profile is
 * absent and no profile was asked for. A profile asked for by name (option or `AWS_PROFILE`)
 * that does not exist is an error (`ERR_PROCESS_PROFILE_NOT_FOUND`).
 *
 * @example
 * ```ts
 * import { fromProcess } from '@iamkit/credential-process';
 * // ~/.aws/config:  [profile dev]
 * //                 credential_process = /usr/local/bin/get-creds --account dev
 * const provider = fromProcess({ profile: 'dev' });
 * const credentials = await provider();
 * ```
 * @public
 */
export function fromProcess(options: FromProcessOptions = {}): CredentialProvider {
  return async (callOptions) => {
    const runtime = resolveRuntime(options);
    const config = await loadSharedConfig({ ...runtime, filepath: options.filepath, configFilepath: options.configFilepath });
    const selection = selectProfile({ profile: options.profile, env: runtime.env });
    const profile = config.profiles[selection.name];
    if (profile === undefined) {
      if (selection.from !== 'default') {
        throw new IamkitError({ code: 'ERR_PROCESS_PROFILE_NOT_FOUND', source: SOURCE, message: describeMissingProfile(config, selection) });
      }
      throw notConfigured({
        source: SOURCE,
        reason: `no [default] profile in ${config.files.map((f) => f.path).join(' or ')}`,
        configureWith: ['AWS_PROFILE', 'credential_process in ~/.aws/config'],
      });
    }
    const command = profile.credential_process;
    if (command === undefined || command.trim() === '') {
      throw notConfigured({
        source: SOURCE,
        reason: `profile '${selection.name}' has no credential_process`,
        configureWith: [`credential_process in the [${selection.name === 'default' ? 'default' : `profile ${selection.name}`}] section`],
      });
    }
    const where = describeLocation(config, selection.name, 'credential_process');
    return runCredentialProcess(command, {
      env: runtime.env,
      now: runtime.now,
      timeoutMs: options.timeoutMs,
      maxOutputBytes: options.maxOutputBytes,
      signal: callOptions?.signal,
      accountId: profile.aws_account_id,
      description: `profile '${selection.name}'${where === undefined ? '' : ` (${where})`}`,
    });
  };
}
