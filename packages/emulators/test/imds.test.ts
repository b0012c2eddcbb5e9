import { describe, expect, it } from 'vitest';
import { type Imds, startImds } from '../src/index.js';
import { closedAfterEach, fakeClock, http, httpError } from './helpers.js';

const start = closedAfterEach(startImds);

const TTL = 'x-aws-ec2-metadata-token-ttl-seconds';
const LISTING = '/latest/meta-data/iam/security-credentials/';

async function putToken(imds: Imds, ttl = '21600'): Promise<string> {
  const res = await http(`${imds.url}/latest/api/token`, { method: 'PUT', headers: { [TTL]: ttl } });
  expect(res.status).toBe(200);
  return res.body;
}

const get = (imds: Imds, path: string, token?: string) =>
  http(imds.url + path, token === undefined ? {} : { headers: { 'x-aws-ec2-metadata-token': token } });

describe('IMDS: the IMDSv2 credential flow', () => {
  it('serves a token, the role name and the credentials document', async () => {
    const clock = fakeClock();
    const imds = await start({ now: clock.now });
    expect(imds.env).toEqual({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url });

    const tokenRes = await http(`${imds.url}/latest/api/token`, { method: 'PUT', headers: { [TTL]: '21600' } });
    expect(tokenRes.status).toBe(200);
    expect(tokenRes.headers['x-aws-ec2-metadata-token-ttl-seconds']).toBe('21600');
    expect(tokenRes.body).toMatch(/^AQAEA[A-Za-z0-9+/]{49}==$/);
    const token = tokenRes.body;

    const listing = await get(imds, LISTING, token);
    expect(listing.status).toBe(200);
    expect(listing.headers['content-type']).toBe('text/plain');
    expect(listing.body).toBe('iamkit-emulator-role');

    const doc = await get(imds, LISTING + listing.body, token);
    const creds = imds.credentials;
    expect(doc.status).toBe(200);
    expect(doc.headers['content-type']).toBe('text/plain');
    // IMDS pads its JSON: two-space indent, "Key" : value.
    expect(doc.body).toBe(
      [
        '{',
        '  "Code" : "Success",',
        '  "LastUpdated" : "2026-01-01T00:00:00Z",',
        '  "Type" : "AWS-HMAC",',
        `  "AccessKeyId" : "${creds.accessKeyId}",`,
        `  "SecretAccessKey" : "${creds.secretAccessKey}",`,
        `  "Token" : "${creds.sessionToken!}",`,
        '  "Expiration" : "2026-01-01T06:00:00Z"',
        '}',
      ].join('\n'),
    );
    expect(imds.tokensIssued).toBe(1);
    expect(imds.requests.entries.map((e) => `${e.method} ${e.pathname} ${e.status}`)).toEqual([
      'PUT /latest/api/token 200',
      `GET ${LISTING} 200`,
      `GET ${LISTING}iamkit-emulator-role 200`,
    ]);
  });

  it('serves the listing without the trailing slash too, and with a newline when asked', async () => {
    const imds = await start({ roleListingNewline: true, roleName: 'web' });
    const token = await putToken(imds);
    expect((await get(imds, '/latest/meta-data/iam/security-credentials', token)).body).toBe('web\n');
    expect(imds.roleName).toBe('web');
  });

  it('answers 404 for another role, and for the listing when the instance has no profile', async () => {
    const imds = await start();
    const token = await putToken(imds);
    expect((await get(imds, `${LISTING}other-role`, token)).status).toBe(404);
    const bare = await start({ roleName: null });
    const bareToken = await putToken(bare);
    const res = await get(bare, LISTING, bareToken);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('text/html');
    expect(res.body).toContain('<title>404 - Not Found</title>');
    expect(bare.roleName).toBeUndefined();
  });

  it('serves iam/info and extra metadata documents', async () => {
    const imds = await start({ metadata: { 'placement/region': 'eu-west-1' } });
    const token = await putToken(imds);
    expect((await get(imds, '/latest/meta-data/placement/region', token)).body).toBe('eu-west-1');
    const info = await get(imds, '/latest/meta-data/iam/info', token);
    expect(info.body).toContain('"InstanceProfileArn" : "arn:aws:iam::123456789012:instance-profile/iamkit-emulator-role"');
    expect((await get(imds, '/latest/meta-data/ami-id', token)).status).toBe(404);
  });

  it('adds AccountId to the classic document when asked', async () => {
    const imds = await start({ includeAccountId: true, accountId: '111122223333' });
    const token = await putToken(imds);
    expect((await get(imds, `${LISTING}iamkit-emulator-role`, token)).body).toMatch(/"Expiration" : "[^"]+",\n {2}"AccountId" : "111122223333"\n\}$/);
  });
});

describe('IMDS: token PUT rules', () => {
  it('answers 400 when the TTL header is missing or outside 1..21600', async () => {
    const imds = await start();
    const missing = await http(`${imds.url}/latest/api/token`, { method: 'PUT' });
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('<h1>400 - Bad Request</h1>');
    for (const ttl of ['0', '21601', '-5', 'abc', '1.5', '', '99999999']) {
      expect((await http(`${imds.url}/latest/api/token`, { method: 'PUT', headers: { [TTL]: ttl } })).status, ttl).toBe(400);
    }
    for (const ttl of ['1', '30', '21600']) {
      expect((await http(`${imds.url}/latest/api/token`, { method: 'PUT', headers: { [TTL]: ttl } })).status, ttl).toBe(200);
    }
    expect(imds.tokensIssued).toBe(3);
  });

  it('answers 403 to a token PUT that carries X-Forwarded-For', async () => {
    const imds = await start();
    const res = await http(`${imds.url}/latest/api/token`, { method: 'PUT', headers: { [TTL]: '60', 'x-forwarded-for': '10.0.0.1' } });
    expect(res.status).toBe(403);
    expect(imds.tokensIssued).toBe(0);
  });

  it('answers 403 to a PUT on a versioned token path, 405 to other methods', async () => {
    const imds = await start({ v1: 'allowed' });
    expect((await http(`${imds.url}/2021-03-23/api/token`, { method: 'PUT', headers: { [TTL]: '60' } })).status).toBe(403);
    expect((await http(`${imds.url}/latest/meta-data/`, { method: 'PUT', headers: { [TTL]: '60' } })).status).toBe(405);
    expect((await http(`${imds.url}${LISTING}`, { method: 'POST' })).status).toBe(405);
  });
});

describe('IMDS: token checks on GETs', () => {
  it('answers 401 without a token when IMDSv1 is refused (the default)', async () => {
    const imds = await start();
    expect(imds.v1).toBe('refused');
    const res = await get(imds, LISTING);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toBe('text/html');
    expect(res.body).toContain('<title>401 - Unauthorized</title>');
  });

  it('serves tokenless GETs when IMDSv1 is allowed, and switches at run time', async () => {
    const imds = await start({ v1: 'allowed' });
    expect((await get(imds, LISTING)).status).toBe(200);
    imds.setV1('refused');
    expect((await get(imds, LISTING)).status).toBe(401);
    imds.setV1('allowed');
    expect((await get(imds, LISTING)).status).toBe(200);
    expect(() => imds.setV1('optional' as never)).toThrow(/v1/);
  });

  it('answers 401 to an unknown token even when IMDSv1 is allowed', async () => {
    const imds = await start({ v1: 'allowed' });
    expect((await get(imds, LISTING, 'AQAEAnot-a-real-token==')).status).toBe(401);
  });

  it('honours the token TTL on the injected clock', async () => {
    const clock = fakeClock();
    const imds = await start({ now: clock.now });
    const token = await putToken(imds, '60');
    clock.advance(59_999);
    expect((await get(imds, LISTING, token)).status).toBe(200);
    clock.advance(1);
    expect((await get(imds, LISTING, token)).status).toBe(401);
    const fresh = await putToken(imds, '60');
    expect((await get(imds, LISTING, fresh)).status).toBe(200);
  });

  it('invalidates every token on revokeTokens()', async () => {
    const imds = await start();
    const token = await putToken(imds);
    imds.revokeTokens();
    expect((await get(imds, LISTING, token)).status).toBe(401);
  });
});

describe('IMDS: extended API', () => {
  it('answers 404 on security-credentials-extended by default', async () => {
    const imds = await start();
    const token = await putToken(imds);
    expect((await get(imds, '/latest/meta-data/iam/security-credentials-extended/', token)).status).toBe(404);
  });

  it('serves the extended listing and document, with AccountId, when enabled', async () => {
    const imds = await start({ extendedApi: true, accountId: '210987654321' });
    const token = await putToken(imds);
    const listing = await get(imds, '/latest/meta-data/iam/security-credentials-extended/', token);
    expect(listing.body).toBe('iamkit-emulator-role');
    const doc = JSON.parse((await get(imds, `/latest/meta-data/iam/security-credentials-extended/${listing.body}`, token)).body);
    expect(doc).toMatchObject({ Code: 'Success', Type: 'AWS-HMAC', AccountId: '210987654321', AccessKeyId: imds.credentials.accessKeyId });
    // The classic document stays without it.
    expect(JSON.parse((await get(imds, `${LISTING}iamkit-emulator-role`, token)).body).AccountId).toBeUndefined();
  });
});

describe('IMDS: hop limit', () => {
  it('never answers the token PUT, while GETs behave normally', async () => {
    const imds = await start({ hopLimitExceeded: true, v1: 'allowed' });
    const error = await httpError(`${imds.url}/latest/api/token`, { method: 'PUT', headers: { [TTL]: '21600' }, headersTimeout: 200 });
    expect(error.code).toBe('UND_ERR_HEADERS_TIMEOUT');
    expect((await get(imds, LISTING)).status).toBe(200);
    expect(imds.tokensIssued).toBe(0);
    const put = imds.requests.filter({ method: 'PUT' });
    expect(put).toHaveLength(1);
    expect(put[0]!.status).toBeUndefined();
    expect(imds.counters.noResponse).toBe(1);
  });

  it('can be switched off at run time', async () => {
    const imds = await start({ hopLimitExceeded: true });
    expect(imds.hopLimitExceeded).toBe(true);
    imds.setHopLimitExceeded(false);
    const token = await putToken(imds);
    expect((await get(imds, LISTING, token)).status).toBe(200);
  });
});

describe('IMDS: rotation and throttling', () => {
  it('rotates credentials near expiry and updates LastUpdated', async () => {
    const clock = fakeClock();
    const imds = await start({ now: clock.now, lifetimeMs: 60 * 60_000, rotateBeforeMs: 5 * 60_000 });
    const token = await putToken(imds);
    const first = JSON.parse((await get(imds, `${LISTING}iamkit-emulator-role`, token)).body);
    clock.advance(55 * 60_000);
    const second = JSON.parse((await get(imds, `${LISTING}iamkit-emulator-role`, token)).body);
    expect(second.AccessKeyId).not.toBe(first.AccessKeyId);
    expect(second.LastUpdated).toBe('2026-01-01T00:55:00Z');
    expect(second.Expiration).toBe('2026-01-01T01:55:00Z');
  });

  it('throttles with 429 when given a rate limit', async () => {
    const clock = fakeClock();
    const imds = await start({ now: clock.now, v1: 'allowed', rateLimit: { rate: 1, burst: 2 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(imds, LISTING)).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect(imds.counters.throttled).toBe(1);
  });

  it('rejects bad options', async () => {
    await expect(startImds({ roleName: 'a/b' })).rejects.toMatchObject({ code: 'ERR_EMULATOR_OPTION_INVALID' });
    await expect(startImds({ v1: 'sometimes' as never })).rejects.toThrow(/v1/);
  });
});
