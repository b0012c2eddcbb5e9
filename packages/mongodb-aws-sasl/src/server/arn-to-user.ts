import { mongoAwsError } from '../errors.js';

function badArn(arn: string, why: string): never {
  throw mongoAwsError('ERR_MONGODB_AWS_BAD_ARN', `the ARN ${JSON.stringify(arn.slice(0, 200))} from STS ${why}; MONGODB-AWS maps only IAM users (arn:…:iam::…:user/…) and assumed roles (arn:…:sts::…:assumed-role/…).`);
}

/**
 * The `$external` user name mongod derives from the ARN STS returns (protocol §9.4): at least six
 * `:`-separated parts starting with `arn` (any partition); an IAM user ARN is used unchanged
 * (paths included); an assumed-role ARN has its last part (the session name) replaced by `*`,
 * role paths kept; any other service is refused with `ERR_MONGODB_AWS_BAD_ARN`.
 *
 * @example
 * ```ts
 * arnToMongoUser('arn:aws:iam::123456789012:user/Alice'); // 'arn:aws:iam::123456789012:user/Alice'
 * arnToMongoUser('arn:aws:sts::557821124784:assumed-role/cat/Puff'); // 'arn:aws:sts::557821124784:assumed-role/cat/*'
 * ```
 * @public
 */
export function arnToMongoUser(arn: string): string {
  if (typeof arn !== 'string') badArn(String(arn), 'is not a string');
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') badArn(arn, 'is not an ARN (arn:partition:service:region:account:resource)');
  const service = parts[2];
  const resource = parts.slice(5).join(':');
  if (service === 'iam') {
    if (!resource.startsWith('user/')) badArn(arn, 'is an IAM ARN but not of a user');
    return arn;
  }
  if (service === 'sts') {
    const path = resource.split('/');
    if (path[0] !== 'assumed-role' || path.length < 3) badArn(arn, 'is an STS ARN but not assumed-role/<role>/<session>');
    return `${parts.slice(0, 5).join(':')}:${[...path.slice(0, -1), '*'].join('/')}`;
  }
  return badArn(arn, `is of the service ${JSON.stringify(service)}`);
}
