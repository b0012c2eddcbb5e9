import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { cached, credentialSource, isIamkitError, type CredentialProvider } from '@iamkit/credentials';
import { STS_SAMPLE_ROLES, STS_SAMPLE_USERS, createServiceAccountToken, matchStsAction } from '@iamkit/emulators';
import { describe, expect, it } from 'vitest';
import { STS_NOTICE_CHANNEL, createStsClient, isStsError } from '../src/index.js';
import { emulator, fakeClock, rejection } from './helpers.js';

const { alice, bob, carl } = STS_SAMPLE_USERS;
const ROLE = STS_SAMPLE_ROLES.default.arn;

describe('getCallerIdentity', () => {
  it('finds the endpoint through AWS_ENDPOINT_URL_STS in an injected env and signs for it', async () => {
    const sts = await emulator();
    const client = createStsClient({ env: sts.env, credentials: alice });
    expect(client.endpoint).toMatchObject({ url: `${sts.url}/`, host: new URL(sts.url).host, endpointSource: 'AWS_ENDPOINT_URL_STS', signingRegion: 'us-east-1' });
    const identity = await client.getCallerIdentity();
    expect(identity).toEqual({ account: '123456789012', arn: alice.arn, userId: expect.stringMatching(/^AIDA/), requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(sts.requests.last()?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(sts.requests.last()?.headers['user-agent']).toBe('iamkit-sts');
    expect(client.peek()).toMatchObject({ requests: 1, failures: 0, lastRequestId: identity.requestId, clockOffsetMs: 0 });
  });

  it('signs temporary credentials with their session token', async () => {
    const sts = await emulator();
    const identity = await createStsClient({ endpoint: sts.url, credentials: bob }).getCallerIdentity();
    expect(identity.arn).toBe(bob.arn);
    expect(sts.requests.last()?.headers['x-amz-security-token']).toBe('[redacted]');
  });

  it('prefers the endpoint option over the environment, and signs for a region-scoped emulator', async () => {
    const sts = await emulator({ region: 'eu-west-1' });
    const client = createStsClient({ endpoint: sts.url, region: 'eu-west-1', env: { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:1', AWS_REGION: 'us-west-2' }, credentials: alice });
    expect((await client.getCallerIdentity()).arn).toBe(alice.arn);
    const wrongRegion = createStsClient({ endpoint: sts.url, env: {}, credentials: alice, maxAttempts: 1 });
    expect(await rejection(wrongRegion.getCallerIdentity())).toMatchObject({ code: 'ERR_STS_SIGNATURE_DOES_NOT_MATCH', stsMessage: 'Credential should be scoped to a valid region. ' });
  });

  it('asks the provider once per call, and takes per-call credentials', async () => {
    const sts = await emulator();
    let calls = 0;
    const provider: CredentialProvider = async () => {
      calls++;
      return { accessKeyId: alice.accessKeyId, secretAccessKey: alice.secretAccessKey };
    };
    const client = createStsClient({ endpoint: sts.url, provider });
    await client.getCallerIdentity();
    await client.getCallerIdentity();
    expect(calls).toBe(2);
    expect((await client.getCallerIdentity({ credentials: carl })).arn).toBe(carl.arn);
    expect(calls).toBe(2);
  });

  it('fails with ERR_STS_CREDENTIALS_REQUIRED without credentials, and passes provider errors through', async () => {
    const sts = await emulator();
    const error = await rejection(createStsClient({ endpoint: sts.url }).getCallerIdentity());
    expect(isStsError(error, 'ERR_STS_CREDENTIALS_REQUIRED')).toBe(true);
    expect(error.message).toContain('pass credentials or provider to createStsClient');
    const failing = createStsClient({
      endpoint: sts.url,
      provider: async () => {
        throw new Error('disk on fire');
      },
    });
    const wrapped = await rejection(failing.getCallerIdentity());
    expect(isIamkitError(wrapped, 'ERR_CREDENTIALS_SOURCE_FAILED')).toBe(true);
    expect((wrapped.cause as Error).message).toBe('disk on fire');
    expect(sts.counters.total).toBe(0);
  });

  it('invalidates a cached provider whose credentials STS rejects, so the next call fetches new ones', async () => {
    const sts = await emulator();
    const handedOut = [{ accessKeyId: bob.accessKeyId, secretAccessKey: bob.secretAccessKey }, { accessKeyId: alice.accessKeyId, secretAccessKey: alice.secretAccessKey }];
    let fetches = 0;
    // No expiration: without invalidation the cache would keep the rejected keys forever.
    const provider = cached(async () => handedOut[Math.min(fetches++, 1)]!, { backoffBaseMs: 0, backoffMaxMs: 0 });
    const client = createStsClient({ endpoint: sts.url, provider, maxAttempts: 1 });
    expect(await rejection(client.getCallerIdentity())).toMatchObject({ stsCode: 'InvalidClientTokenId' });
    expect(provider.peek()).toBeUndefined();
    expect((await client.getCallerIdentity()).arn).toBe(alice.arn);
    expect(fetches).toBe(2);
    // Errors that say nothing about the credentials leave the cache alone.
    sts.faults.push({ times: 1, response: { kind: 'throttle' } });
    await rejection(client.getCallerIdentity());
    expect(provider.peek()?.credentials.accessKeyId).toContain('AKIA');
    expect(fetches).toBe(2);
  });

  it('announces the us-east-1 default on the notice channel', async () => {
    const notices: unknown[] = [];
    const listener = (event: unknown) => notices.push(event);
    subscribe(STS_NOTICE_CHANNEL, listener);
    try {
      createStsClient({ env: {} });
      createStsClient({ env: { AWS_REGION: 'eu-west-1' } });
    } finally {
      unsubscribe(STS_NOTICE_CHANNEL, listener);
    }
    expect(notices).toEqual([{ source: 'sts', kind: 'region-default', message: expect.stringContaining('using us-east-1 and https://sts.us-east-1.amazonaws.com/') }]);
  });
});

describe('assumeRole', () => {
  it('returns sts:assume-role credentials with the account and the session, usable at once', async () => {
    const clock = fakeClock();
    const sts = await emulator({ now: clock.now });
    const client = createStsClient({ endpoint: sts.url, credentials: alice, now: clock.now });
    const result = await client.assumeRole({ roleArn: ROLE, roleSessionName: 'deploy-7', durationSeconds: 1800 });
    expect(credentialSource(result.credentials)).toBe('sts:assume-role');
    expect(result.credentials).toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/), accountId: '123456789012' });
    expect(result.credentials.expiration?.toISOString()).toBe('2026-03-01T10:30:00.000Z');
    expect(result.assumedRoleUser).toEqual({ arn: 'arn:aws:sts::123456789012:assumed-role/iamkit-emulator-role/deploy-7', assumedRoleId: expect.stringMatching(/^AROA[A-Z2-7]{17}:deploy-7$/) });
    expect(result.packedPolicySize).toBeUndefined();
    // The issued credentials sign the next call (role chaining uses per-call credentials).
    expect((await client.getCallerIdentity({ credentials: result.credentials })).arn).toBe(result.assumedRoleUser.arn);
  });

  it('defaults the session name, sends external id, MFA, policy, managed policies and tags', async () => {
    const clock = fakeClock();
    const sts = await emulator({ now: clock.now, packedPolicyLimit: 1000 });
    const client = createStsClient({ endpoint: sts.url, credentials: alice, now: clock.now });
    const named = await client.assumeRole({ roleArn: ROLE });
    expect(named.assumedRoleUser.arn).toBe(`arn:aws:sts::123456789012:assumed-role/iamkit-emulator-role/iamkit-${clock.now()}`);
    await client.assumeRole({ roleArn: STS_SAMPLE_ROLES.externalId.arn, externalId: 'iamkit-external-id' });
    await client.assumeRole({ roleArn: STS_SAMPLE_ROLES.mfa.arn, serialNumber: STS_SAMPLE_ROLES.mfa.mfa.serialNumber, tokenCode: '123456' });
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }] };
    const tagged = await client.assumeRole({
      roleArn: ROLE,
      roleSessionName: 'user@example.com',
      policy,
      policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      tags: { team: 'payments', 'cost-center': '42' },
      transitiveTagKeys: ['team'],
      sourceIdentity: 'alice@example.com',
    });
    const packed = JSON.stringify(policy).length + 64 + 'teamcost-centerpayments42'.length;
    expect(tagged.packedPolicySize).toBe(Math.ceil((packed * 100) / 1000));
    expect(tagged.sourceIdentity).toBe('alice@example.com');
    expect(tagged.assumedRoleUser.arn).toMatch(/\/user@example\.com$/);
    expect(sts.calls.map((c) => c.status)).toEqual([200, 200, 200, 200]);
  });
});

describe('assumeRoleWithWebIdentity', () => {
  it('sends the token unsigned and returns sts:web-identity credentials', async () => {
    const clock = fakeClock();
    const token = createServiceAccountToken({ now: clock.now, audience: 'sts.amazonaws.com', namespace: 'shop', serviceAccount: 'orders' });
    const sts = await emulator({ now: clock.now, webIdentity: { tokens: [token], audience: 'sts.amazonaws.com' } });
    // Credentials on the client are not used: the SDKs send this action unsigned.
    const client = createStsClient({ endpoint: sts.url, now: clock.now, credentials: alice });
    const result = await client.assumeRoleWithWebIdentity({ roleArn: STS_SAMPLE_ROLES.webIdentity.arn, roleSessionName: 'pod', webIdentityToken: `${token}\n` });
    expect(credentialSource(result.credentials)).toBe('sts:web-identity');
    expect(result).toMatchObject({
      subjectFromWebIdentityToken: 'system:serviceaccount:shop:orders',
      audience: 'sts.amazonaws.com',
      provider: 'oidc.eks.us-east-1.amazonaws.com/id/IAMKITEMULATOR0000000000000000000',
      assumedRoleUser: { arn: 'arn:aws:sts::123456789012:assumed-role/web-identity-role/pod' },
    });
    expect(result.credentials.expiration?.toISOString()).toBe('2026-03-01T11:00:00.000Z');
    expect(sts.requests.last()?.headers.authorization).toBeUndefined();
    expect(sts.calls[0]).toMatchObject({ action: 'AssumeRoleWithWebIdentity', accessKeyId: undefined, status: 200 });
  });

  it('works as the source of a cached provider: one STS call per credential lifetime', async () => {
    const clock = fakeClock();
    const token = createServiceAccountToken({ now: clock.now });
    const sts = await emulator({ now: clock.now, webIdentity: { tokens: [token] }, issuedLifetimeMs: 60 * 60_000 });
    const client = createStsClient({ endpoint: sts.url, now: clock.now });
    const provider = cached(async () => (await client.assumeRoleWithWebIdentity({ roleArn: STS_SAMPLE_ROLES.webIdentity.arn, webIdentityToken: token })).credentials, { now: clock.now, random: () => 0 });
    const all = await Promise.all(Array.from({ length: 50 }, () => provider()));
    expect(new Set(all.map((c) => c.accessKeyId)).size).toBe(1);
    expect(sts.calls).toHaveLength(1);
  });
});

describe('the JSON form over the wire', () => {
  it('parses an answer STS sends as JSON', async () => {
    const clock = fakeClock();
    const sts = await emulator({ now: clock.now });
    const body = JSON.stringify({
      AssumeRoleResponse: {
        AssumeRoleResult: {
          AssumedRoleUser: { Arn: 'arn:aws:sts::210987654321:assumed-role/x/y', AssumedRoleId: 'AROAX:y' },
          Credentials: { AccessKeyId: 'ASIAJSONEXAMPLE00001', Expiration: clock.now() / 1000 + 3600, SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYJSONKEY001', SessionToken: 'IQoJb3JpZ2luX2VjJSONTOKEN' },
          PackedPolicySize: null,
          SourceIdentity: null,
        },
        ResponseMetadata: { RequestId: 'json-request' },
      },
    });
    sts.faults.push({ match: matchStsAction('AssumeRole'), times: 1, response: { kind: 'status', status: 200, body, contentType: 'application/json' } });
    const result = await createStsClient({ endpoint: sts.url, credentials: alice, now: clock.now }).assumeRole({ roleArn: ROLE });
    expect(result).toMatchObject({ requestId: 'json-request', packedPolicySize: undefined, credentials: { accessKeyId: 'ASIAJSONEXAMPLE00001', accountId: '210987654321' } });
    expect(result.credentials.expiration?.getTime()).toBe(clock.now() + 3_600_000);
  });
});

describe('parameter checks before sending', () => {
  it('refuses bad parameters with ERR_STS_INVALID_PARAMETER naming them, without contacting STS', async () => {
    const sts = await emulator();
    const client = createStsClient({ endpoint: sts.url, credentials: alice });
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzZWNyZXQifQ.c2lnbmF0dXJlc2lnbmF0dXJl';
    const cases: [Promise<unknown>, RegExp][] = [
      [client.assumeRole({ roleArn: 'not-an-arn' }), /roleArn must be 20–2048 characters/],
      [client.assumeRole({ roleArn: 'arn:aws:iam::123456789012:user/Alice' }), /roleArn "arn:aws:iam::123456789012:user\/Alice" must consist of a role ARN/],
      [client.assumeRole({ roleArn: ROLE, roleSessionName: 'has space' }), /roleSessionName "has space" must consist of letters, digits/],
      [client.assumeRole({ roleArn: ROLE, durationSeconds: 60 }), /durationSeconds must be a whole number from 900 to 43200/],
      [client.assumeRole({ roleArn: ROLE, tokenCode: '123456' }), /serialNumber and tokenCode go together/],
      [client.assumeRole({ roleArn: ROLE, serialNumber: 'arn:aws:iam::123456789012:mfa/Alice', tokenCode: '12345x' }), /tokenCode it must consist of six digits/],
      [client.assumeRole({ roleArn: ROLE, policy: 'x'.repeat(3000) }), /policy must be 1–2048 characters/],
      [client.assumeRole({ roleArn: ROLE, policyArns: Array.from({ length: 11 }, () => 'arn:aws:iam::aws:policy/ReadOnlyAccess') }), /at most 10 managed policy ARNs/],
      [client.assumeRoleWithWebIdentity({ roleArn: ROLE, webIdentityToken: `${token} extra` }), /webIdentityToken it must consist of a token without whitespace/],
      [client.assumeRoleWithWebIdentity({ roleArn: ROLE, webIdentityToken: 'ab' }), /webIdentityToken must be 4–20000 characters long; it has 2/],
    ];
    for (const [promise, message] of cases) {
      const error = await rejection(promise);
      expect(isStsError(error, 'ERR_STS_INVALID_PARAMETER')).toBe(true);
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain(token);
    }
    expect(sts.counters.total).toBe(0);
  });
});
