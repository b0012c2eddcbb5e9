import { isIamkitError } from '@iamkit/credentials';
import { describe, expect, it } from 'vitest';
import { arnToMongoUser } from '../src/index.js';

describe('ARN → $external user (protocol §9.4)', () => {
  it.each([
    ['arn:aws:iam::123456789012:user/Alice', 'arn:aws:iam::123456789012:user/Alice'],
    ['arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/JaneDoe', 'arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/JaneDoe'],
    ['arn:aws-foo:iam::123456789012:user/Carl', 'arn:aws-foo:iam::123456789012:user/Carl'],
    ['arn:aws:sts::123456789:assumed-role/ROLE/i-a0912374abc', 'arn:aws:sts::123456789:assumed-role/ROLE/*'],
    ['arn:aws:sts::557821124784:assumed-role/cat/Puff', 'arn:aws:sts::557821124784:assumed-role/cat/*'],
    ['arn:aws:sts::123456789:assumed-role/ROLE/WITH/PATH/session', 'arn:aws:sts::123456789:assumed-role/ROLE/WITH/PATH/*'],
    ['arn:aws-cn:sts::123456789:assumed-role/R/s', 'arn:aws-cn:sts::123456789:assumed-role/R/*'],
  ])('%s → %s', (arn, user) => {
    expect(arnToMongoUser(arn)).toBe(user);
  });

  it.each([
    ['arn:aws:fake::123456789012:role/x', /service "fake"/],
    ['arn:aws:iam::123456789012:role/Admin', /not of a user/],
    ['arn:aws:sts::123456789:assumed-role/ROLE', /assumed-role\/<role>\/<session>/],
    ['arn:aws:sts::123456789:federated-user/Bob', /assumed-role/],
    ['aws:iam::123456789012:user/Alice:x', /not an ARN/],
    ['arn:aws:iam::user/Alice', /not an ARN/],
    ['', /not an ARN/],
  ])('refuses %j', (arn, message) => {
    try {
      arnToMongoUser(arn);
    } catch (error) {
      expect(isIamkitError(error, 'ERR_MONGODB_AWS_BAD_ARN')).toBe(true);
      expect((error as Error).message).toMatch(message);
      return;
    }
    throw new Error('expected ERR_MONGODB_AWS_BAD_ARN');
  });
});
