// Every STS error, produced by the emulator, as the client reports it and as explainStsError
// explains it.
import { STS_MESSAGES, STS_SAMPLE_ROLES, STS_SAMPLE_USERS, createServiceAccountToken, matchStsAction, stsErrorFault, type StsEmulator } from '@iamkit/emulators';
import { describe, expect, it } from 'vitest';
import { createStsClient, explainStsError, isStsError, type StsClient, type StsError } from '../src/index.js';
import { emulator, fakeClock, rejection } from './helpers.js';

const { alice, bob, carl, puff } = STS_SAMPLE_USERS;
const ROLE = STS_SAMPLE_ROLES.default.arn;

async function failure(promise: Promise<unknown>): Promise<StsError> {
  const error = await rejection(promise);
  if (!isStsError(error)) throw error;
  return error;
}

function client(sts: StsEmulator, options: Parameters<typeof createStsClient>[0] = {}): StsClient {
  return createStsClient({ endpoint: sts.url, maxAttempts: 1, ...options });
}

describe('signing errors', () => {
  it('InvalidClientTokenId: an unknown key', async () => {
    const sts = await emulator();
    const error = await failure(client(sts, { credentials: { accessKeyId: 'AKIAUNKNOWNEXAMPLE99', secretAccessKey: alice.secretAccessKey } }).getCallerIdentity());
    expect(error).toMatchObject({ code: 'ERR_STS_INVALID_CLIENT_TOKEN_ID', stsCode: 'InvalidClientTokenId', stsType: 'Sender', status: 403, retryable: false, action: 'GetCallerIdentity', stsMessage: STS_MESSAGES.invalidClientTokenId });
    expect(error.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    expect(error.message).toContain('failed with InvalidClientTokenId (HTTP 403');
    expect(error.message).toContain('AWS_SESSION_TOKEN');
    const explanation = explainStsError(error);
    expect(explanation).toMatchObject({ topic: 'invalid-client-token-id', code: 'InvalidClientTokenId', matched: true, retryable: false, status: 403, requestId: error.requestId });
    expect(explanation.likelyCauses.join(' ')).toMatch(/without their session token|no X-Amz-Security-Token/);
    expect(explanation.likelyCauses.join(' ')).toMatch(/leftover AWS_SESSION_TOKEN/);
  });

  it('InvalidClientTokenId: temporary keys sent without their token', async () => {
    const sts = await emulator();
    const error = await failure(client(sts, { credentials: { accessKeyId: bob.accessKeyId, secretAccessKey: bob.secretAccessKey } }).getCallerIdentity());
    expect(error.stsCode).toBe('InvalidClientTokenId');
    expect(explainStsError(error).fixes[0]).toMatch(/ASIA… keys with their session token \(AWS_SESSION_TOKEN/);
  });

  it('SignatureDoesNotMatch: a wrong secret', async () => {
    const sts = await emulator();
    const error = await failure(client(sts, { credentials: { ...alice, secretAccessKey: 'x'.repeat(40) } }).getCallerIdentity());
    expect(error).toMatchObject({ code: 'ERR_STS_SIGNATURE_DOES_NOT_MATCH', status: 403, stsMessage: STS_MESSAGES.signatureDoesNotMatch });
    // In sync with STS: the measured skew says it is not the clock.
    expect(Math.abs(error.clockSkewMs ?? Infinity)).toBeLessThan(5000);
    const explanation = explainStsError(error);
    expect(explanation.topic).toBe('signature-does-not-match');
    expect(explanation.likelyCauses[0]).toMatch(/secret access key is wrong/);
    expect(explanation.likelyCauses.join(' ')).toMatch(/hex-encoded instead of kept as raw bytes/);
    expect(explanation.likelyCauses.join(' ')).not.toMatch(/clock is/);
    expect(explanation.skew).toMatchObject({ measuredFrom: 'date-header' });
    expect(explanation.format()).toMatch(/Clock: within \d+ s of STS’s clock \(from the response’s Date header\): not a clock problem\./);
  });

  it('ExpiredToken: assumed-role credentials past their expiry', async () => {
    const clock = fakeClock();
    const sts = await emulator({ now: clock.now, issuedLifetimeMs: 15 * 60_000 });
    const sts1 = client(sts, { credentials: alice, now: clock.now });
    const { credentials } = await sts1.assumeRole({ roleArn: ROLE, durationSeconds: 900 });
    clock.advance(16 * 60_000);
    const error = await failure(sts1.getCallerIdentity({ credentials }));
    expect(error).toMatchObject({ code: 'ERR_STS_EXPIRED_TOKEN', stsCode: 'ExpiredToken', status: 400, stsMessage: STS_MESSAGES.expiredToken });
    const explanation = explainStsError(error);
    expect(explanation.topic).toBe('expired-token');
    expect(explanation.fixes.join(' ')).toMatch(/cached\(…\)/);
  });
});

describe('AssumeRole errors', () => {
  it('AccessDenied: the trust policy does not admit the caller (not retried)', async () => {
    const sts = await emulator();
    const error = await failure(createStsClient({ endpoint: sts.url, credentials: carl }).assumeRole({ roleArn: ROLE, roleSessionName: 'try' }));
    expect(error).toMatchObject({ code: 'ERR_STS_ACCESS_DENIED', stsCode: 'AccessDenied', status: 403, retryable: false });
    expect(sts.calls).toHaveLength(1);
    const explanation = explainStsError(error);
    expect(explanation).toMatchObject({ topic: 'access-denied-assume-role', details: { principal: carl.arn, roleArn: ROLE } });
    expect(explanation.cause).toContain(`${carl.arn} is not allowed to call sts:AssumeRole on ${ROLE}`);
    expect(explanation.fixes[0]).toBe(`Add ${carl.arn} to the Principal of ${ROLE}’s trust policy (IAM → Roles → Trust relationships).`);
    expect(explanation.likelyCauses.join(' ')).toMatch(/sts:ExternalId/);
    expect(explanation.likelyCauses.join(' ')).toMatch(/role does not exist/);
  });

  it('AccessDenied: a missing external id; an invalid MFA code', async () => {
    const sts = await emulator();
    const sts1 = client(sts, { credentials: alice });
    const external = await failure(sts1.assumeRole({ roleArn: STS_SAMPLE_ROLES.externalId.arn }));
    expect(explainStsError(external).topic).toBe('access-denied-assume-role');
    const mfa = await failure(sts1.assumeRole({ roleArn: STS_SAMPLE_ROLES.mfa.arn, serialNumber: STS_SAMPLE_ROLES.mfa.mfa.serialNumber, tokenCode: '999999' }));
    expect(mfa).toMatchObject({ stsCode: 'AccessDenied', stsMessage: STS_MESSAGES.invalidMfa });
    expect(explainStsError(mfa)).toMatchObject({ topic: 'invalid-mfa', code: 'AccessDenied' });
  });

  it('ValidationError: beyond the role maximum, and beyond the chaining limit', async () => {
    const sts = await emulator();
    const overMax = await failure(client(sts, { credentials: alice }).assumeRole({ roleArn: STS_SAMPLE_ROLES.externalId.arn, externalId: 'iamkit-external-id', durationSeconds: 7200 }));
    expect(overMax).toMatchObject({ code: 'ERR_STS_VALIDATION_ERROR', status: 400 });
    expect(explainStsError(overMax)).toMatchObject({ topic: 'duration-too-long', cause: expect.stringContaining('maximum session duration') });
    const chained = await failure(client(sts, { credentials: puff }).assumeRole({ roleArn: ROLE, durationSeconds: 7200 }));
    expect(explainStsError(chained)).toMatchObject({ topic: 'duration-too-long', cause: expect.stringContaining('Role chaining') });
  });

  it('MalformedPolicyDocument and PackedPolicyTooLarge', async () => {
    const sts = await emulator({ packedPolicyLimit: 100 });
    const sts1 = client(sts, { credentials: alice });
    const malformed = await failure(sts1.assumeRole({ roleArn: ROLE, policy: '{"Version":' }));
    expect(malformed).toMatchObject({ code: 'ERR_STS_MALFORMED_POLICY_DOCUMENT', status: 400, retryable: false });
    expect(explainStsError(malformed).topic).toBe('malformed-policy-document');
    const large = await failure(sts1.assumeRole({ roleArn: ROLE, tags: { team: 'x'.repeat(120) } }));
    expect(large).toMatchObject({ code: 'ERR_STS_PACKED_POLICY_TOO_LARGE', retryable: false });
    expect(explainStsError(large).cause).toMatch(/\(124% of the allowed size\)/);
  });

  it('RegionDisabledException', async () => {
    const sts = await emulator({ regionEnabled: false });
    const error = await failure(createStsClient({ endpoint: sts.url, credentials: alice }).assumeRole({ roleArn: ROLE }));
    expect(error).toMatchObject({ code: 'ERR_STS_REGION_DISABLED', stsCode: 'RegionDisabledException', status: 403, retryable: false });
    expect(sts.calls).toHaveLength(1);
    const explanation = explainStsError(error);
    expect(explanation.topic).toBe('region-disabled');
    expect(explanation.cause).toContain('account 123456789012');
    expect(explanation.fixes.join(' ')).toMatch(/AWS_REGION/);
  });
});

describe('AssumeRoleWithWebIdentity errors', () => {
  const ISSUER = 'https://oidc.eks.us-east-1.amazonaws.com/id/IAMKITEMULATOR0000000000000000000';
  const roleArn = STS_SAMPLE_ROLES.webIdentity.arn;

  it('InvalidIdentityToken: an unknown token, a wrong audience, an unregistered issuer (not retried)', async () => {
    const clock = fakeClock();
    const sts = await emulator({ now: clock.now, webIdentity: { issuer: ISSUER, audience: 'sts.amazonaws.com' } });
    const web = createStsClient({ endpoint: sts.url, now: clock.now });
    const unknown = await failure(web.assumeRoleWithWebIdentity({ roleArn, webIdentityToken: createServiceAccountToken({ now: clock.now, audience: 'sts.amazonaws.com' }) }));
    expect(unknown).toMatchObject({ code: 'ERR_STS_INVALID_IDENTITY_TOKEN', status: 400, retryable: false });
    expect(sts.calls).toHaveLength(1);
    const explained = explainStsError(unknown);
    expect(explained.topic).toBe('invalid-identity-token');
    expect(explained.fixes[0]).toMatch(/Re-read the token file \(AWS_WEB_IDENTITY_TOKEN_FILE\) on every call/);

    const audience = await failure(web.assumeRoleWithWebIdentity({ roleArn, webIdentityToken: createServiceAccountToken({ now: clock.now }) }));
    expect(explainStsError(audience).cause).toMatch(/aud claim is not a client id/);
    expect(explainStsError(audience).likelyCauses[0]).toMatch(/pods\.eks\.amazonaws\.com/);

    const other = createServiceAccountToken({ now: clock.now, audience: 'sts.amazonaws.com' });
    const [header, claims, signature] = other.split('.');
    const forged = [header, Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(claims ?? '', 'base64url').toString()), iss: 'https://token.actions.githubusercontent.com' })).toString('base64url'), signature].join('.');
    const issuer = await failure(web.assumeRoleWithWebIdentity({ roleArn, webIdentityToken: forged }));
    expect(explainStsError(issuer)).toMatchObject({ topic: 'invalid-identity-token', details: { issuer: 'https://token.actions.githubusercontent.com' } });
  });

  it('ExpiredTokenException: a token read once and kept past its exp', async () => {
    const clock = fakeClock();
    const token = createServiceAccountToken({ now: clock.now, lifetimeMs: 60 * 60_000 });
    const sts = await emulator({ now: clock.now, webIdentity: { tokens: [token] } });
    const web = createStsClient({ endpoint: sts.url, now: clock.now });
    await web.assumeRoleWithWebIdentity({ roleArn, webIdentityToken: token });
    clock.advance(2 * 60 * 60_000);
    const error = await failure(web.assumeRoleWithWebIdentity({ roleArn, webIdentityToken: token }));
    expect(error).toMatchObject({ code: 'ERR_STS_EXPIRED_TOKEN', stsCode: 'ExpiredTokenException', status: 400 });
    const explanation = explainStsError(error);
    expect(explanation.topic).toBe('web-identity-token-expired');
    expect(explanation.cause).toContain('1 h before STS’s time');
    expect(explanation.likelyCauses[0]).toMatch(/read the token file once/);
  });

  it('AccessDenied from the trust policy; IDPRejectedClaim; IDPCommunicationError (retried)', async () => {
    const token = createServiceAccountToken();
    const sts = await emulator({ webIdentity: { tokens: [token] } });
    const web = createStsClient({ endpoint: sts.url, retryBaseDelayMs: 0 });
    const denied = await failure(web.assumeRoleWithWebIdentity({ roleArn: ROLE, webIdentityToken: token }));
    expect(explainStsError(denied)).toMatchObject({ topic: 'access-denied-web-identity', code: 'AccessDenied' });

    sts.faults.push({ match: matchStsAction('AssumeRoleWithWebIdentity'), times: 1, response: stsErrorFault('IDPRejectedClaim') });
    const rejected = await failure(web.assumeRoleWithWebIdentity({ roleArn, webIdentityToken: token }));
    expect(rejected).toMatchObject({ code: 'ERR_STS_IDP_REJECTED_CLAIM', status: 403, retryable: false });
    expect(explainStsError(rejected).topic).toBe('idp-rejected-claim');

    const rule = sts.faults.push({ match: matchStsAction('AssumeRoleWithWebIdentity'), times: 3, response: stsErrorFault('IDPCommunicationError') });
    const unreachable = await failure(web.assumeRoleWithWebIdentity({ roleArn, webIdentityToken: token }));
    expect(unreachable).toMatchObject({ code: 'ERR_STS_IDP_COMMUNICATION_ERROR', retryable: true });
    expect(rule.applied).toBe(3);
    expect(explainStsError(unreachable)).toMatchObject({ topic: 'idp-communication-error', retryable: true });
  });
});

describe('errors STS answers for malformed signatures', () => {
  it('MissingAuthenticationToken and IncompleteSignature, as a proxy that strips or mangles headers causes', async () => {
    const sts = await emulator();
    sts.faults.push({ times: 1, response: stsErrorFault('MissingAuthenticationToken') });
    const missing = await failure(client(sts, { credentials: alice }).getCallerIdentity());
    expect(missing).toMatchObject({ code: 'ERR_STS_MISSING_AUTHENTICATION_TOKEN', status: 403 });
    const explanation = explainStsError(missing);
    expect(explanation.topic).toBe('missing-authentication-token');
    expect(explanation.cause).toMatch(/nothing to do with session tokens/);
    expect(explanation.likelyCauses.join(' ')).toMatch(/"AWS-HMAC-SHA256 …" instead of "AWS4-HMAC-SHA256 …"/);
    expect(explanation.likelyCauses.join(' ')).toMatch(/Authorization: Authorization: AWS4-/);
  });
});
