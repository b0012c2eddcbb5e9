import { fromEnv } from '@iamkit/credential-env';
import { runCredentialProcess } from '@iamkit/credential-process';
import {
  type Credentials,
  IamkitError,
  type RuntimeOptions,
  createCredentials,
  isIamkitError,
  isNotConfigured,
  resolveRuntime,
  scrubSecrets,
} from '@iamkit/credentials';
import type { IniExecutors } from './executors.js';
import { iniError } from './ini-error.js';
import type { CredentialSourceName, ProfilePlan } from './profile-plan.js';

/**
 * Options of {@link executeProfilePlan}: the executors, the injectable runtime, the limits for
 * `credential_process`, and an abort signal passed to every step.
 *
 * @example
 * ```ts
 * const options: ExecuteProfilePlanOptions = { assumeRole, processTimeoutMs: 20_000 };
 * ```
 * @public
 */
export interface ExecuteProfilePlanOptions extends IniExecutors, RuntimeOptions {
  /** `timeoutMs` for `credential_process` (default 60 s). */
  readonly processTimeoutMs?: number | undefined;
  /** `maxOutputBytes` for `credential_process` (default 64 KiB). */
  readonly processMaxOutputBytes?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

const PROVIDER_PACKAGE: Record<CredentialSourceName, string> = {
  Environment: '@iamkit/credential-env',
  Ec2InstanceMetadata: '@iamkit/credential-imds',
  EcsContainer: '@iamkit/credential-container',
};
const USE_PROVIDERS = 'use fromIni from @iamkit/credential-providers';

/**
 * Runs a {@link ProfilePlan}: static keys are returned, `credential_process` is run, and role
 * assumptions go to the injected executors, innermost source first. Before anything runs, the
 * whole plan is checked for a missing executor (`ERR_INI_NEEDS_STS`, `ERR_INI_NEEDS_PROVIDER`,
 * `ERR_INI_MFA_REQUIRED`), so no source is contacted for a plan that cannot finish.
 *
 * A `credential_source` that turns out not to be configured fails with
 * `ERR_INI_SOURCE_UNAVAILABLE` (never "not configured": the profile is); iamkit errors from
 * executors pass through unchanged, anything else becomes `ERR_INI_EXECUTOR_FAILED`.
 *
 * @example
 * ```ts
 * const plan = resolveProfilePlan(await loadSharedConfig(), 'dev');
 * const credentials = await executeProfilePlan(plan, { assumeRole: (source, params) => sts.assumeRole(source, params) });
 * ```
 * @public
 */
export async function executeProfilePlan(plan: ProfilePlan, options: ExecuteProfilePlanOptions = {}): Promise<Credentials> {
  checkExecutors(plan, options);
  return run(plan, options);
}

function checkExecutors(plan: ProfilePlan, options: ExecuteProfilePlanOptions): void {
  if (plan.kind === 'assume-role') {
    if (options.assumeRole === undefined) throw needsSts(plan);
    if (plan.mfaSerial !== undefined && options.mfaCodeProvider === undefined) throw needsMfa(plan.profile, plan.mfaSerial);
    checkExecutors(plan.source, options);
  } else if (plan.kind === 'web-identity' && options.assumeRoleWithWebIdentity === undefined) {
    throw needsSts(plan);
  } else if (plan.kind === 'credential-source' && plan.name !== 'Environment' && options.credentialSource === undefined) {
    throw needsProvider(plan);
  }
}

function needsSts(plan: ProfilePlan & { kind: 'assume-role' | 'web-identity' }): Error {
  const how = plan.kind === 'assume-role' ? 'assumeRole' : 'assumeRoleWithWebIdentity';
  const token = plan.kind === 'web-identity' ? ` with the web identity token in ${plan.tokenFile}` : '';
  return iniError('ERR_INI_NEEDS_STS', `profile '${plan.profile}' assumes role ${plan.roleArn}${token} and needs @iamkit/sts: ${USE_PROVIDERS}, or pass an ${how} function.`);
}

function needsProvider(plan: ProfilePlan & { kind: 'credential-source' }): Error {
  return iniError(
    'ERR_INI_NEEDS_PROVIDER',
    `profile '${plan.profile}' takes its credentials from credential_source = ${plan.name}, which needs ${PROVIDER_PACKAGE[plan.name]}: ${USE_PROVIDERS}, or pass a credentialSource function.`,
  );
}

function needsMfa(profile: string, serial: string): Error {
  return iniError('ERR_INI_MFA_REQUIRED', `profile '${profile}' sets mfa_serial = ${serial}: pass an mfaCodeProvider that returns the current code for it.`);
}

async function run(plan: ProfilePlan, options: ExecuteProfilePlanOptions): Promise<Credentials> {
  switch (plan.kind) {
    case 'static':
      return plan.credentials;
    case 'process': {
      const runtime = resolveRuntime(options);
      const credentials = await runCredentialProcess(plan.command, {
        env: runtime.env,
        now: runtime.now,
        timeoutMs: options.processTimeoutMs,
        maxOutputBytes: options.processMaxOutputBytes,
        signal: options.signal,
        accountId: plan.accountId,
        description: `profile '${plan.profile}'${plan.location === undefined ? '' : ` (${plan.location})`}`,
      });
      return rewrap(credentials, `credential_process of profile '${plan.profile}'`);
    }
    case 'credential-source': {
      const what = `credential_source = ${plan.name} of profile '${plan.profile}'`;
      const runtime = resolveRuntime(options);
      let fetch = options.credentialSource;
      if (fetch === undefined) {
        if (plan.name !== 'Environment') throw needsProvider(plan);
        fetch = () => fromEnv({ env: runtime.env, now: runtime.now })();
      }
      return rewrap(await guard(what, [], () => fetch(plan.name)), what);
    }
    case 'web-identity': {
      const what = `assumeRoleWithWebIdentity for profile '${plan.profile}'`;
      const assume = options.assumeRoleWithWebIdentity;
      if (assume === undefined) throw needsSts(plan);
      const params = {
        roleArn: plan.roleArn,
        roleSessionName: plan.roleSessionName ?? sessionName(options),
        webIdentityTokenFile: plan.tokenFile,
        region: plan.region,
        profile: plan.profile,
        signal: options.signal,
      };
      return rewrap(await guard(what, [], () => assume(params)), what);
    }
    case 'assume-role': {
      const { assumeRole: assume, mfaCodeProvider: mfa } = options;
      if (assume === undefined) throw needsSts(plan);
      const serial = plan.mfaSerial;
      if (serial !== undefined && mfa === undefined) throw needsMfa(plan.profile, serial);
      const source = await sourceOf(plan.source, options);
      const known = [source.secretAccessKey, source.sessionToken];
      const tokenCode = serial === undefined || mfa === undefined ? undefined : await guard(`mfaCodeProvider for profile '${plan.profile}'`, known, () => mfa(serial));
      const params = {
        roleArn: plan.roleArn,
        roleSessionName: plan.roleSessionName ?? sessionName(options),
        externalId: plan.externalId,
        durationSeconds: plan.durationSeconds,
        serialNumber: plan.mfaSerial,
        tokenCode,
        region: plan.region,
        profile: plan.profile,
        signal: options.signal,
      };
      const what = `assumeRole of ${plan.roleArn} for profile '${plan.profile}'`;
      return rewrap(await guard(what, [...known, tokenCode], () => assume(source, params)), what);
    }
  }
}

/** A role's source credentials, through the `sourceCredentials` hook when one is given. */
function sourceOf(plan: ProfilePlan, options: ExecuteProfilePlanOptions): Promise<Credentials> {
  const hook = options.sourceCredentials;
  if (hook === undefined) return run(plan, options);
  const unsignalled: ExecuteProfilePlanOptions = { ...options, signal: undefined };
  return hook(plan, () => run(plan, unsignalled), options.signal);
}

/** A session name that tells iamkit sessions apart in CloudTrail, as the SDKs' defaults do. */
function sessionName(options: ExecuteProfilePlanOptions): string {
  return `iamkit-${resolveRuntime(options).now()}`;
}

/**
 * Calls an executor so that its failures keep the chain contract: a "not configured" from a
 * nested source becomes `ERR_INI_SOURCE_UNAVAILABLE`, iamkit errors pass through, and anything
 * else is wrapped with a scrubbed message and cause.
 */
async function guard<T>(what: string, known: readonly (string | undefined)[], call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isNotConfigured(error)) {
      throw iniError('ERR_INI_SOURCE_UNAVAILABLE', `${what} is not available here: ${error.message}`, error);
    }
    if (isIamkitError(error)) throw error;
    const message = scrubSecrets(error instanceof Error ? error.message : String(error), known);
    // The original error may quote what it was given; only a scrubbed copy is kept as the cause.
    const cause = Object.assign(new Error(message), { name: error instanceof Error ? error.name : 'Error' });
    cause.stack = `${cause.name}: ${message}`;
    throw iniError('ERR_INI_EXECUTOR_FAILED', `${what} failed: ${message}`, cause);
  }
}

/** Re-made with `createCredentials`, so whatever an executor returned is secret-safe and tagged `ini`. */
function rewrap(credentials: Credentials, what: string): Credentials {
  const value = credentials as Partial<Credentials> | null | undefined;
  if (typeof value?.accessKeyId !== 'string' || value.accessKeyId === '' || typeof value.secretAccessKey !== 'string' || value.secretAccessKey === '') {
    throw new IamkitError({
      code: 'ERR_CREDENTIALS_INVALID',
      source: 'ini',
      message: `${what} returned no usable credentials: accessKeyId and secretAccessKey must be non-empty strings.`,
    });
  }
  const expiration = value.expiration instanceof Date ? value.expiration : undefined;
  return createCredentials({ accessKeyId: value.accessKeyId, secretAccessKey: value.secretAccessKey, sessionToken: value.sessionToken, expiration, accountId: value.accountId }, 'ini');
}
