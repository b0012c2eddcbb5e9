export type { AssumeRoleParams, AssumeRoleWithWebIdentityParams, IniExecutors, SourceCredentials } from './executors.js';
export type { ExecuteProfilePlanOptions } from './execute-profile-plan.js';
export { executeProfilePlan } from './execute-profile-plan.js';
export { describeProfilePlan } from './describe-profile-plan.js';
export type { FromIniOptions } from './from-ini.js';
export { fromIni } from './from-ini.js';
export type { IniErrorCode } from './ini-error.js';
export type {
  AssumeRolePlan,
  CredentialSourceName,
  CredentialSourcePlan,
  ProcessPlan,
  ProfilePlan,
  StaticPlan,
  WebIdentityPlan,
} from './profile-plan.js';
export { resolveProfilePlan } from './resolve-profile-plan.js';
