import { maskAccessKeyId } from '@iamkit/credentials';
import type { ProfilePlan } from './profile-plan.js';

/**
 * A one-line, secret-free account of a plan, innermost source last — for `doctor`-style output
 * and logs.
 *
 * @example
 * ```ts
 * describeProfilePlan(plan);
 * // "profile 'dev': assume role arn:aws:iam::123456789012:role/dev ← profile 'base': static keys AKIA…MPLE"
 * ```
 * @public
 */
export function describeProfilePlan(plan: ProfilePlan): string {
  const head = `profile '${plan.profile}': `;
  switch (plan.kind) {
    case 'static':
      return `${head}static keys ${maskAccessKeyId(plan.credentials.accessKeyId)}${plan.credentials.sessionToken === undefined ? '' : ' with a session token'}`;
    case 'process':
      return `${head}credential_process${plan.location === undefined ? '' : ` (${plan.location})`}`;
    case 'credential-source':
      return `${head}credential_source ${plan.name}`;
    case 'web-identity':
      return `${head}assume role ${plan.roleArn} with the web identity token in ${plan.tokenFile}`;
    case 'assume-role': {
      const extras = [plan.mfaSerial === undefined ? '' : ` with MFA ${plan.mfaSerial}`, plan.externalId === undefined ? '' : ' with an external id'].join('');
      // A profile naming itself shows up once: "assume role … ← its own static keys".
      const source = plan.source.profile === plan.profile && plan.source.kind !== 'assume-role' ? describeProfilePlan(plan.source).replace(head, 'its own ') : describeProfilePlan(plan.source);
      return `${head}assume role ${plan.roleArn}${extras} ← ${source}`;
    }
  }
}
