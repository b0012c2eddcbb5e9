import { describe, expect, it } from 'vitest';
import { isIamkitError, isNotConfigured } from '@iamkit/credentials';
import { type ProfilePlan, describeProfilePlan, resolveProfilePlan } from '../src/index.js';
import { SECRET, TOKEN, load, thrown } from './helpers.js';

const ROLE = 'arn:aws:iam::123456789012:role/dev';
const keys = (id: string): string => `aws_access_key_id = ${id}\naws_secret_access_key = ${SECRET}\n`;

/** The plan without the Credentials objects, which are checked separately. */
function shape(plan: ProfilePlan): unknown {
  if (plan.kind === 'static') return { kind: 'static', profile: plan.profile, accessKeyId: plan.credentials.accessKeyId };
  if (plan.kind === 'assume-role') return { ...plan, source: shape(plan.source) };
  return plan;
}

describe('resolveProfilePlan: profile kinds', () => {
  it('static keys, with the credentials file winning key by key', async () => {
    const config = await load(
      `[profile dev]\naws_access_key_id = FROM_CONFIG\naws_secret_access_key = config-secret\naws_account_id = 111111111111\n`,
      `[dev]\naws_access_key_id = AKIDCREDS\naws_secret_access_key = ${SECRET}\naws_session_token = ${TOKEN}\n`,
    );
    const plan = resolveProfilePlan(config, 'dev');
    expect(plan.kind).toBe('static');
    if (plan.kind !== 'static') return;
    expect({ ...plan.credentials }).toEqual({ accessKeyId: 'AKIDCREDS', secretAccessKey: SECRET, sessionToken: TOKEN, accountId: '111111111111' });
  });

  it('assume-role with source_profile and every AssumeRole parameter', async () => {
    const config = await load(
      `[profile dev]\nrole_arn = ${ROLE}\nsource_profile = base\nrole_session_name = me\nexternal_id = ext-1\nduration_seconds = 7200\nmfa_serial = arn:aws:iam::123456789012:mfa/me\nregion = eu-west-1\n[profile base]\n${keys('AKIDBASE')}`,
    );
    expect(shape(resolveProfilePlan(config, 'dev'))).toEqual({
      kind: 'assume-role',
      profile: 'dev',
      roleArn: ROLE,
      source: { kind: 'static', profile: 'base', accessKeyId: 'AKIDBASE' },
      roleSessionName: 'me',
      externalId: 'ext-1',
      durationSeconds: 7200,
      mfaSerial: 'arn:aws:iam::123456789012:mfa/me',
      region: 'eu-west-1',
    });
  });

  it('follows a depth-2 role chain down to static keys', async () => {
    const config = await load(
      `[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::2:role/b\nsource_profile = c\n`,
      `[c]\n${keys('AKIAEXAMPLECCCC')}`,
    );
    const plan = resolveProfilePlan(config, 'a');
    expect(describeProfilePlan(plan)).toBe(
      "profile 'a': assume role arn:aws:iam::1:role/a ← profile 'b': assume role arn:aws:iam::2:role/b ← profile 'c': static keys AKIA…CCCC",
    );
  });

  it('uses the static keys of a source profile even if it also has role_arn (JS and botocore agree)', async () => {
    const config = await load(`[profile a]\nrole_arn = ${ROLE}\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::2:role/b\nsource_profile = c\n${keys('AKIDB')}`);
    expect(shape(resolveProfilePlan(config, 'a'))).toMatchObject({ source: { kind: 'static', profile: 'b' } });
  });

  it('lets a profile with static keys name itself as source_profile', async () => {
    const config = await load(`[profile self]\nrole_arn = ${ROLE}\nsource_profile = self\n${keys('AKIAEXAMPLESELF')}`);
    const plan = resolveProfilePlan(config, 'self');
    expect(shape(plan)).toMatchObject({ kind: 'assume-role', source: { kind: 'static', profile: 'self', accessKeyId: 'AKIAEXAMPLESELF' } });
    expect(describeProfilePlan(plan)).toBe(`profile 'self': assume role ${ROLE} ← its own static keys AKIA…SELF`);
  });

  it.each([
    ['Environment', 'Environment'],
    ['ec2instancemetadata', 'Ec2InstanceMetadata'],
    ['ECSCONTAINER', 'EcsContainer'],
  ])('credential_source = %s', async (value, name) => {
    const config = await load(`[default]\nrole_arn = ${ROLE}\ncredential_source = ${value}\n`);
    expect(shape(resolveProfilePlan(config, 'default'))).toMatchObject({ kind: 'assume-role', source: { kind: 'credential-source', profile: 'default', name } });
  });

  it('credential_source without role_arn hands out the source credentials (as JS does)', async () => {
    const config = await load('[default]\ncredential_source = EcsContainer\n');
    expect(resolveProfilePlan(config, 'default')).toEqual({ kind: 'credential-source', profile: 'default', name: 'EcsContainer' });
  });

  it('web identity, with role_arn + source_profile taking precedence over a token file', async () => {
    const config = await load(
      `[profile wi]\nrole_arn = ${ROLE}\nweb_identity_token_file = /var/run/token\nrole_session_name = pod\nregion = us-west-2\n[profile both]\nrole_arn = ${ROLE}\nweb_identity_token_file = /t\nsource_profile = k\n[profile k]\n${keys('AKIDK')}`,
    );
    expect(resolveProfilePlan(config, 'wi')).toEqual({ kind: 'web-identity', profile: 'wi', roleArn: ROLE, tokenFile: '/var/run/token', roleSessionName: 'pod', region: 'us-west-2' });
    expect(resolveProfilePlan(config, 'both').kind).toBe('assume-role');
  });

  it('credential_process, with its location and aws_account_id', async () => {
    const config = await load('[profile p]\nregion = x\ncredential_process = /bin/creds --p\naws_account_id = 999988887777\n');
    expect(resolveProfilePlan(config, 'p')).toEqual({ kind: 'process', profile: 'p', command: '/bin/creds --p', accountId: '999988887777', location: '/h/.aws/config line 3' });
  });

  it('prefers static keys over web identity and credential_process in the same profile', async () => {
    const config = await load(`[default]\ncredential_process = /bin/x\n${keys('AKIDWINS')}`);
    expect(resolveProfilePlan(config, 'default').kind).toBe('static');
  });
});

describe('resolveProfilePlan: errors', () => {
  const cases: [string, string, string, string, RegExp][] = [
    ['partial static keys', '[default]\naws_access_key_id = AKID\n', 'default', 'ERR_INI_PROFILE_INVALID', /\/h\/\.aws\/config line 2\) sets aws_access_key_id but not aws_secret_access_key/],
    ['token without keys', `[default]\naws_session_token = ${TOKEN}\n`, 'default', 'ERR_INI_PROFILE_INVALID', /sets aws_session_token but not aws_access_key_id/],
    ['both source_profile and credential_source', `[default]\nrole_arn = ${ROLE}\nsource_profile = x\ncredential_source = Environment\n`, 'default', 'ERR_INI_PROFILE_INVALID', /sets both source_profile and credential_source/],
    ['role_arn alone', `[default]\nrole_arn = ${ROLE}\n`, 'default', 'ERR_INI_PROFILE_INVALID', /sets role_arn but nothing to assume it with/],
    ['token file alone', '[default]\nweb_identity_token_file = /t\n', 'default', 'ERR_INI_PROFILE_INVALID', /sets web_identity_token_file but no role_arn/],
    ['unknown credential_source', `[default]\nrole_arn = ${ROLE}\ncredential_source = Lambda\n`, 'default', 'ERR_INI_PROFILE_INVALID', /credential_source = "Lambda", which is not one of Environment, Ec2InstanceMetadata, EcsContainer/],
    ['bad role_arn', '[default]\nrole_arn = dev-role\ncredential_source = Environment\n', 'default', 'ERR_INI_PROFILE_INVALID', /role_arn = "dev-role", which is not a role ARN/],
    ['duration too long', `[default]\nrole_arn = ${ROLE}\ncredential_source = Environment\nduration_seconds = 99999\n`, 'default', 'ERR_INI_PROFILE_INVALID', /duration_seconds = "99999": use a whole number of seconds from 900 to 43200/],
    ['duration not a number', `[default]\nrole_arn = ${ROLE}\ncredential_source = Environment\nduration_seconds = 1h\n`, 'default', 'ERR_INI_PROFILE_INVALID', /duration_seconds = "1h"/],
    ['two-profile cycle', `[profile a]\nrole_arn = ${ROLE}\nsource_profile = b\n[profile b]\nrole_arn = ${ROLE}\nsource_profile = a\n`, 'a', 'ERR_INI_PROFILE_CYCLE', /cycle: a -> b -> a/],
    ['three-profile cycle entered midway', `[profile x]\nrole_arn = ${ROLE}\nsource_profile = a\n[profile a]\nrole_arn = ${ROLE}\nsource_profile = b\n[profile b]\nrole_arn = ${ROLE}\nsource_profile = c\n[profile c]\nrole_arn = ${ROLE}\nsource_profile = a\n`, 'x', 'ERR_INI_PROFILE_CYCLE', /cycle: a -> b -> c -> a/],
    ['self reference without keys', `[profile s]\nrole_arn = ${ROLE}\nsource_profile = s\n`, 's', 'ERR_INI_PROFILE_CYCLE', /cycle: s -> s .*only when it has aws_access_key_id and aws_secret_access_key/],
    ['missing source_profile', `[profile a]\nrole_arn = ${ROLE}\nsource_profile = nope\n[profile b]\n`, 'a', 'ERR_INI_PROFILE_NOT_FOUND', /sets source_profile = nope, but no profile 'nope' exists in \/h\/\.aws\/config or \/h\/\.aws\/credentials\. Profiles there: a, b/],
    ['source profile without credentials', `[profile a]\nrole_arn = ${ROLE}\nsource_profile = b\n[profile b]\nregion = x\n`, 'a', 'ERR_INI_PROFILE_INVALID', /profile 'b' \(\/h\/\.aws\/config line 4\) is the source_profile of profile 'a' but has no credentials/],
    ['sso profile', '[profile s]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = r\n', 's', 'ERR_INI_PROFILE_UNSUPPORTED', /IAM Identity Center \(SSO\).*credential_process = aws configure export-credentials --profile s/],
    ['legacy sso profile', '[profile s]\nsso_start_url = https://x.awsapps.com/start\n', 's', 'ERR_INI_PROFILE_UNSUPPORTED', /SSO/],
    ['aws login profile', '[profile l]\nlogin_session = arn:aws:iam::1:user/me\n', 'l', 'ERR_INI_PROFILE_UNSUPPORTED', /login_session \("aws login"\)/],
    ['missing profile', '[default]\n[profile dev]\n', 'prod', 'ERR_INI_PROFILE_NOT_FOUND', /profile 'prod' \(chosen by the profile option\) was not found in \/h\/\.aws\/config and \/h\/\.aws\/credentials \(missing\)\. Profiles there: default, dev/],
  ];

  it.each(cases)('%s', async (_name, text, profile, code, message) => {
    const config = await load(text);
    const error = thrown(() => resolveProfilePlan(config, profile));
    expect(isIamkitError(error, code)).toBe(true);
    expect(error.message).toMatch(message);
    expect((error as { source?: string }).source).toBe('ini');
  });

  it('says who chose a missing profile', async () => {
    const config = await load('[default]\nregion = us-east-1\n');
    const error = thrown(() => resolveProfilePlan(config, { name: 'x', from: 'AWS_PROFILE' }));
    expect(error.message).toContain("profile 'x' (chosen by AWS_PROFILE) was not found");
  });

  it('treats a profile without credential settings as not configured', async () => {
    const config = await load('[default]\nregion = us-east-1\n');
    const error = thrown(() => resolveProfilePlan(config, 'default'));
    expect(isNotConfigured(error)).toBe(true);
    expect(error.message).toContain("profile 'default' (/h/.aws/config line 1) has no credential settings");
  });
});
