// `iamkit explain` as a child process: every message iamkit knows, from an argument or stdin.
import { describe, expect, it } from 'vitest';
import type { ExplainReport } from '../src/index.js';
import { flat, iamkit } from './helpers/bin.js';
import { expectSchema } from './helpers/schemas.js';
import { baseEnv, SAMPLE_SECRETS } from './helpers/world.js';

async function explain(args: readonly string[], stdin?: string, secrets: readonly string[] = []) {
  return await iamkit(['explain', ...args], { env: { ...baseEnv(), COLUMNS: '240' }, stdin, secrets: [...SAMPLE_SECRETS, ...secrets] });
}

async function explainJson(message: string): Promise<ExplainReport> {
  const result = await explain(['--json', message]);
  const report = result.json() as ExplainReport;
  expectSchema('explain', report);
  expect(result.code).toBe(report.exitCode);
  return report;
}

// Every STS message explainStsError knows, as STS words it (and as the AWS CLI prints one).
const STS_MESSAGES: readonly [string, string, string][] = [
  ['Request is missing Authentication Token', 'missing-authentication-token', 'MissingAuthenticationToken'],
  ['The security token included in the request is invalid.', 'invalid-client-token-id', 'InvalidClientTokenId'],
  ['An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.', 'invalid-client-token-id', 'InvalidClientTokenId'],
  ['Signature expired: 20200317T000000Z is now earlier than 20200317T222541Z (20200317T224041Z - 15 min.)', 'signature-expired', 'SignatureDoesNotMatch'],
  ['Signature not yet current: 20260301T123000Z is still later than 20260301T121000Z (20260301T115500Z + 15 min.)', 'signature-not-yet-current', 'SignatureDoesNotMatch'],
  ['The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.', 'signature-does-not-match', 'SignatureDoesNotMatch'],
  ['The security token included in the request is expired', 'expired-token', 'ExpiredToken'],
  ['Rate exceeded', 'throttling', 'Throttling'],
  ['User: arn:aws:iam::123456789012:user/Bob is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::999999999999:role/admin', 'access-denied-assume-role', 'AccessDenied'],
  ['Incorrect token audience', 'invalid-identity-token', 'InvalidIdentityToken'],
  ['No OpenIDConnect provider found in your account for https://oidc.eks.eu-west-1.amazonaws.com/id/ABC', 'invalid-identity-token', 'InvalidIdentityToken'],
  ['Token expired: current date/time 1626271164 must be before the expiration date/time1626191469', 'web-identity-token-expired', 'ExpiredTokenException'],
  ['STS is not activated in this region for account:123456789012. Your account administrator can activate STS in this region using the IAM Console.', 'region-disabled', 'RegionDisabledException'],
  ['Not authorized to perform sts:AssumeRoleWithWebIdentity', 'access-denied-web-identity', 'AccessDenied'],
  ['Packed policy consumes 112% of allotted space, please use smaller policy for this session.', 'packed-policy-too-large', 'PackedPolicyTooLarge'],
  ['The requested DurationSeconds exceeds the MaxSessionDuration set for this role.', 'duration-too-long', 'ValidationError'],
  ["Credential should be scoped to a valid region, not 'eu-west-1'. ", 'scope-region', 'SignatureDoesNotMatch'],
  ["Credential should be scoped to correct service: 'sts'. ", 'scope-service', 'SignatureDoesNotMatch'],
  ["Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20260228' != '20260301', from '20260301T000001Z'. ", 'scope-date', 'SignatureDoesNotMatch'],
  ["'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.", 'host-not-signed', 'SignatureDoesNotMatch'],
  ['MultiFactorAuthentication failed with invalid MFA one time pass code. ', 'invalid-mfa', 'AccessDenied'],
];

// The driver's MONGODB-AWS failures, as they are printed.
const MONGO_MESSAGES: readonly [string, string][] = [
  ['MongoServerError: Authentication failed.', 'authentication-failed'],
  ['Authentication failed.', 'authentication-failed'],
  ['MongoAWSError: Optional module `@aws-sdk/credential-providers` not found. Please install it to enable AWS authentication', 'module-missing'],
  ['MongoMissingCredentialsError: Could not obtain temporary MONGODB-AWS credentials', 'missing-credentials'],
  ['MongoAPIError: username and password cannot be provided when using MONGODB-AWS. Credentials must be provided in a manner that can be read by the AWS SDK.', 'explicit-credentials'],
  ['MongoAWSError: container: GET http://169.254.170.2/v2/credentials/x answered HTTP 429 Too Many Requests: "You have reached maximum request limit."', 'credentials-throttled'],
];

describe('iamkit explain: STS messages', () => {
  it.each(STS_MESSAGES)('%s', async (message, topic, code) => {
    const report = await explainJson(message);
    expect(report).toMatchObject({ recognised: true, exitCode: 0, kind: 'sts', mongodb: null, sts: { topic, code } });
    expect(report.sts?.fixes.length).toBeGreaterThan(0);
  });

  it('prints the cause, likely causes, fixes and the measured skew', async () => {
    const result = await explain([STS_MESSAGES[3]![0]]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^STS\n {2}Signature expired: .*\n {2}SignatureDoesNotMatch — /);
    expect(result.stdout).toContain('Likely causes:');
    expect(result.stdout).toContain('Fixes:\n    1. ');
    expect(flat(result.stdout)).toContain('Clock: the request was signed 22 h 40 min behind STS\'s clock — and the request time is exactly midnight');
  });
});

describe('iamkit explain: MongoDB driver messages', () => {
  it.each(MONGO_MESSAGES)('%s', async (message, topic) => {
    const report = await explainJson(message);
    expect(report).toMatchObject({ recognised: true, exitCode: 0, kind: 'mongodb', mongodb: { topic } });
    expect(report.mongodb?.checks.length).toBeGreaterThan(0);
  });

  it('prints the summary, the causes in order and what to check', async () => {
    const result = await explain(['MongoServerError: Authentication failed.']);
    expect(result.stdout).toMatch(/^MongoDB \(MONGODB-AWS\) — authentication-failed\n/);
    expect(result.stdout).toContain('Possible causes, most likely first:');
    expect(result.stdout).toContain('Check:\n    1. ');
  });
});

describe('iamkit explain: input', () => {
  it('reads stdin with -, and with no argument', async () => {
    for (const args of [['-'], []]) {
      const result = await explain(['--json', ...args], 'An error occurred (ExpiredToken) when calling the AssumeRole operation: The security token included in the request is expired\n');
      expect(result.code).toBe(0);
      expect((result.json() as ExplainReport).sts).toMatchObject({ topic: 'expired-token', code: 'ExpiredToken' });
    }
  });

  it('joins a message the shell split into words', async () => {
    const result = await explain(['--json', 'Rate', 'exceeded']);
    expect(result.json() as ExplainReport).toMatchObject({ message: 'Rate exceeded', sts: { topic: 'throttling' } });
  });

  it('does not recognise everything: exit 6, generic next steps', async () => {
    const report = await explainJson('the flux capacitor overheated');
    expect(report).toMatchObject({ recognised: false, exitCode: 6, kind: 'unknown', sts: { topic: 'unknown' }, mongodb: null });
    const text = await explain(['the flux capacitor overheated']);
    expect(text.code).toBe(6);
    expect(text.stdout).toContain('Run `iamkit doctor`');
  });

  it('never repeats a secret pasted with the message', async () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYPASTED0001';
    const token = 'IQoJb3JpZ2luX2VjEPASTEDSESSIONTOKENEXAMPLEdGVtcG9yYXJ5IGNyZWRlbnRpYWxzIGZvciB0ZXN0';
    const message = `SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided. (AWS_SECRET_ACCESS_KEY=${secret} AWS_SESSION_TOKEN=${token})`;
    const json = await explain(['--json', message], undefined, [secret, token]);
    expect(json.code).toBe(0);
    expect((json.json() as ExplainReport).message).toContain('[redacted]');
    await explain([message], undefined, [secret, token]);
    await explain([], message, [secret, token]);
  });

  it('an empty message is a usage error (64)', async () => {
    const result = await explain([], '   \n');
    expect(result.code).toBe(64);
    expect(result.stderr).toContain('explain got an empty message');
  });
});
