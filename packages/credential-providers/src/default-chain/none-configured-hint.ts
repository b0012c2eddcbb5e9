import { NoneConfiguredError, type NotConfiguredDetails } from '@iamkit/credentials';

/**
 * What to set where, appended to the default chain's "nothing configured" error. No links: the
 * message must make sense in a log line on a machine without a browser.
 */
export const DEFAULT_CHAIN_HINT = [
  'To give this process AWS credentials:',
  '  - ECS: give the task definition a task role (taskRoleArn); the agent then sets AWS_CONTAINER_CREDENTIALS_RELATIVE_URI.',
  '  - EKS with IAM roles for service accounts (IRSA): annotate the service account with eks.amazonaws.com/role-arn; EKS then sets AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN.',
  '  - EKS Pod Identity: create a pod identity association for the service account; EKS then sets AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE.',
  '  - EC2: attach an instance profile (an IAM role) to the instance; in a container on EC2, also set the IMDS hop limit to 2 (HttpPutResponseHopLimit).',
  '  - Lambda: the execution role arrives as AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN; check that nothing unsets them.',
  '  - A laptop or CI: set AWS_PROFILE to a profile in ~/.aws/config (for SSO, one with credential_process = aws configure export-credentials --profile <sso-profile>), or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.',
].join('\n');

/** The chain's `NoneConfiguredError` (every source tried, and why each did not apply) plus the hint. */
export function noneConfigured(tried: readonly NotConfiguredDetails[]): NoneConfiguredError {
  const error = new NoneConfiguredError(tried);
  error.message = `${error.message}\n${DEFAULT_CHAIN_HINT}`;
  return error;
}
