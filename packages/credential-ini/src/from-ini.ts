import {
  type CredentialProvider,
  type SharedConfigOptions,
  loadSharedConfig,
  notConfigured,
  resolveRuntime,
  selectProfile,
} from '@iamkit/credentials';
import { type ExecuteProfilePlanOptions, executeProfilePlan } from './execute-profile-plan.js';
import { resolveProfilePlan } from './resolve-profile-plan.js';

/**
 * Options of {@link fromIni}: which profile and files, the executors for role assumption, the
 * `credential_process` limits and the injectable runtime (`env`, `now`, `readFile`).
 *
 * @example
 * ```ts
 * fromIni({ profile: 'dev', configFilepath: '/etc/app/aws-config' });
 * ```
 * @public
 */
export interface FromIniOptions extends Omit<ExecuteProfilePlanOptions, 'signal'>, Pick<SharedConfigOptions, 'filepath' | 'configFilepath'> {
  /** The profile; defaults to `AWS_PROFILE`, then `default`. */
  readonly profile?: string | undefined;
}

/**
 * Credentials from a profile of `~/.aws/config` and `~/.aws/credentials`: static keys, role
 * chains (`role_arn` with `source_profile` or `credential_source`), web identity and
 * `credential_process` profiles. The files are read, the profile is resolved into a plan
 * ({@link resolveProfilePlan}) and the plan is run ({@link executeProfilePlan}) on every call.
 *
 * Role assumption needs STS, which this package does not include: pass the executors, or use
 * `fromIni` from `@iamkit/credential-providers`, which does. Without them such a profile fails with
 * `ERR_INI_NEEDS_STS` — never silently.
 *
 * Not configured when neither file exists, or when no profile was asked for and there is no
 * `[default]` profile (or it holds no credentials, only e.g. a region). A profile asked for by name
 * (option or `AWS_PROFILE`) that does not exist is `ERR_INI_PROFILE_NOT_FOUND`.
 *
 * @example
 * ```ts
 * import { fromIni } from '@iamkit/credential-ini';
 * const provider = fromIni({ profile: 'ci' }); // [ci] aws_access_key_id = … in ~/.aws/credentials
 * const credentials = await provider();
 * ```
 * @public
 */
export function fromIni(options: FromIniOptions = {}): CredentialProvider {
  return async (callOptions) => {
    const runtime = resolveRuntime(options);
    const config = await loadSharedConfig({ ...runtime, filepath: options.filepath, configFilepath: options.configFilepath });
    const selection = selectProfile({ profile: options.profile, env: runtime.env });
    // A profile asked for by name that is missing is resolveProfilePlan's ERR_INI_PROFILE_NOT_FOUND;
    // only a missing `default` means this source is simply not set up here.
    if (selection.from === 'default' && config.profiles[selection.name] === undefined) {
      const found = config.files.filter((f) => f.found);
      throw notConfigured({
        source: 'ini',
        reason:
          found.length === 0
            ? `neither ${config.files.map((f) => f.path).join(' nor ')} exists`
            : `no [default] profile in ${found.map((f) => f.path).join(' or ')}`,
        configureWith: ['AWS_PROFILE', 'a [default] profile in ~/.aws/credentials'],
      });
    }
    const plan = resolveProfilePlan(config, selection);
    return executeProfilePlan(plan, { ...options, ...runtime, signal: callOptions?.signal });
  };
}
