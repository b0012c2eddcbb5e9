import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createServiceAccountToken, startPodIdentityAgent } from '../src/index.js';
import { closedAfterEach, fakeClock, http } from './helpers.js';

const start = closedAfterEach(startPodIdentityAgent);

const withToken = (token: string) => ({ headers: { authorization: token } });

describe('Pod Identity agent: credentials', () => {
  it('serves credentials for an accepted token, with AccountId and a nanosecond Expiration', async () => {
    const clock = fakeClock();
    const agent = await start({ now: clock.now });
    expect(agent.fullUri).toBe(`${agent.url}/v1/credentials`);
    const res = await http(agent.fullUri, withToken(agent.token));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    const body = JSON.parse(res.body);
    expect(Object.keys(body)).toEqual(['AccessKeyId', 'SecretAccessKey', 'Token', 'AccountId', 'Expiration']);
    const creds = agent.credentials;
    expect(body).toMatchObject({ AccessKeyId: creds.accessKeyId, SecretAccessKey: creds.secretAccessKey, Token: creds.sessionToken, AccountId: '123456789012' });
    // RFC 3339 with nine fractional digits, 6 hours out; parsing it gives the handle's expiration.
    expect(body.Expiration).toMatch(/^2026-01-01T06:00:00\.\d{9}Z$/);
    expect(new Date(body.Expiration).getTime()).toBe(creds.expiration!.getTime());
  });

  it('puts the token (or the token file) in env', async () => {
    const inline = await start();
    expect(inline.env).toEqual({ AWS_CONTAINER_CREDENTIALS_FULL_URI: inline.fullUri, AWS_CONTAINER_AUTHORIZATION_TOKEN: inline.token });
    const file = await start({ tokenFile: '/tmp/eks-pod-identity-token' });
    expect(file.env).toEqual({ AWS_CONTAINER_CREDENTIALS_FULL_URI: file.fullUri, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/tmp/eks-pod-identity-token' });
  });

  it('uses the configured account id', async () => {
    const agent = await start({ accountId: '111122223333' });
    expect(JSON.parse((await http(agent.fullUri, withToken(agent.token))).body).AccountId).toBe('111122223333');
  });

  it('answers 404 for other paths, without touching the limiter', async () => {
    const clock = fakeClock();
    const agent = await start({ now: clock.now, rateLimit: { rate: 1, burst: 1 } });
    for (const path of ['/v1/credentials/', '/v2/credentials', '/']) {
      const res = await http(agent.url + path, withToken(agent.token));
      expect(res.status).toBe(404);
      expect(res.body).toBe('404 page not found\n');
    }
    expect((await http(agent.fullUri, withToken(agent.token))).status).toBe(200);
  });

  it('rotates keys on rotate() and near expiry', async () => {
    const clock = fakeClock();
    const agent = await start({ now: clock.now, lifetimeMs: 60 * 60_000 });
    const first = JSON.parse((await http(agent.fullUri, withToken(agent.token))).body);
    expect(JSON.parse((await http(agent.fullUri, withToken(agent.token))).body).AccessKeyId).toBe(first.AccessKeyId);
    // The expiration carries a random fraction of a second: step past the whole-second boundary.
    clock.advance(45 * 60_000 + 1000);
    const second = JSON.parse((await http(agent.fullUri, withToken(agent.token))).body);
    expect(second.AccessKeyId).not.toBe(first.AccessKeyId);
    const third = agent.rotate();
    expect(JSON.parse((await http(agent.fullUri, withToken(agent.token))).body).AccessKeyId).toBe(third.accessKeyId);
  });
});

describe('Pod Identity agent: token checks', () => {
  it('answers 400 without a token, as Go http.Error does', async () => {
    const agent = await start();
    const res = await http(agent.fullUri);
    expect(res.status).toBe(400);
    expect(res.body).toBe('Service account token cannot be empty\n');
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers 400 for tokens that do not parse, Bearer-prefixed ones included', async () => {
    const agent = await start();
    const cases: [string, string][] = [
      ['not-a-jwt', 'token is malformed: token contains an invalid number of segments'],
      ['a.b', 'token is malformed: token contains an invalid number of segments'],
      [`Bearer ${agent.token}`, 'token is malformed: could not base64 decode header'],
      [`${Buffer.from('{"alg":').toString('base64url')}.e30.sig`, 'token is malformed: could not JSON decode header'],
      [`${Buffer.from('{"alg":"RS256"}').toString('base64url')}.***.sig`, 'token is malformed: could not base64 decode claim'],
      [`${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from('{"exp":"soon"}').toString('base64url')}.sig`, 'token is malformed: could not JSON decode claim'],
      [`${Buffer.from('{"typ":"JWT"}').toString('base64url')}.e30.sig`, 'token is unverifiable: signing method (alg) is unspecified'],
      [`${Buffer.from('{"alg":"XX999"}').toString('base64url')}.e30.sig`, 'token is unverifiable: signing method (alg) is unavailable'],
    ];
    for (const [token, reason] of cases) {
      const res = await http(agent.fullUri, withToken(token));
      expect(res.status, token).toBe(400);
      expect(res.body).toBe(`Service account token cannot be parsed: ${reason}\n`);
    }
  });

  it('answers 400 for an expired or not-yet-valid token, even an accepted one', async () => {
    const clock = fakeClock();
    const expired = createServiceAccountToken({ now: () => clock.now() - 2 * 86_400_000 });
    const future = createServiceAccountToken({ now: () => clock.now() + 60_000 });
    const agent = await start({ now: clock.now, tokens: [expired, future] });
    const res = await http(agent.fullUri, withToken(expired));
    expect(res.status).toBe(400);
    expect(res.body).toBe('Service account token failed basic claim validations: token has invalid claims: token is expired\n');
    expect((await http(agent.fullUri, withToken(future))).body).toBe(
      'Service account token failed basic claim validations: token has invalid claims: token is not valid yet\n',
    );
    clock.advance(60_000);
    expect((await http(agent.fullUri, withToken(future))).status).toBe(200);
  });

  it('expires a token at its exp second, by the injected clock', async () => {
    const clock = fakeClock();
    const token = createServiceAccountToken({ now: clock.now, lifetimeMs: 10_000 });
    const agent = await start({ now: clock.now, tokens: [token] });
    clock.advance(9_999);
    expect((await http(agent.fullUri, withToken(token))).status).toBe(200);
    clock.advance(1);
    expect((await http(agent.fullUri, withToken(token))).status).toBe(400);
  });

  it('answers 403 for a well-formed token it does not accept', async () => {
    const agent = await start();
    const res = await http(agent.fullUri, withToken(createServiceAccountToken({ serviceAccount: 'intruder' })));
    expect(res.status).toBe(403);
    expect(res.body).toMatch(/^\[[0-9a-f-]{36}\]: \(AccessDeniedException\): .+, fault: client\n$/);
  });

  it('accepts and revokes tokens at run time (kubelet rotates the token file)', async () => {
    const agent = await start();
    const rotated = createServiceAccountToken();
    expect((await http(agent.fullUri, withToken(rotated))).status).toBe(403);
    agent.acceptToken(rotated);
    expect((await http(agent.fullUri, withToken(rotated))).status).toBe(200);
    agent.revokeToken(agent.token);
    expect((await http(agent.fullUri, withToken(agent.token))).status).toBe(403);
    expect(() => agent.acceptToken('not a jwt')).toThrow(/JWT/);
  });

  it("accepts any parsable token with tokens: 'any'", async () => {
    const agent = await start({ tokens: 'any' });
    expect((await http(agent.fullUri, withToken(createServiceAccountToken()))).status).toBe(200);
    expect((await http(agent.fullUri, withToken(agent.token))).status).toBe(200);
    expect((await http(agent.fullUri, withToken('junk'))).status).toBe(400);
  });

  it('uses the first configured token as agent.token', async () => {
    const token = createServiceAccountToken({ namespace: 'shop' });
    const agent = await start({ tokens: [token] });
    expect(agent.token).toBe(token);
    expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub).toBe('system:serviceaccount:shop:default');
  });

  it('refuses configured tokens that could never parse', async () => {
    await expect(startPodIdentityAgent({ tokens: ['opaque-token'] })).rejects.toMatchObject({ code: 'ERR_EMULATOR_OPTION_INVALID' });
  });
});

describe('Pod Identity agent: Host validation', () => {
  it('answers 403 when called through an address it does not bind', async () => {
    const agent = await start();
    const res = await http(agent.fullUri, { headers: { authorization: agent.token, host: 'example.com' } });
    expect(res.status).toBe(403);
    expect(res.body).toBe(
      'Access Denied. Called agent through invalid address, please use either [169.254.170.23 fd00:ec2::23 127.0.0.1 localhost ::1] address not example.com\n',
    );
    for (const host of ['localhost', 'localhost:80', '169.254.170.23', '[fd00:ec2::23]:80', '[::1]']) {
      expect((await http(agent.fullUri, { headers: { authorization: agent.token, host } })).status, host).toBe(200);
    }
  });

  it('checks the Host before the token', async () => {
    const agent = await start();
    expect((await http(agent.fullUri, { headers: { host: 'example.com' } })).status).toBe(403);
  });

  it('takes a custom host list, or none', async () => {
    const strict = await start({ allowedHosts: ['169.254.170.23'] });
    expect((await http(strict.fullUri, withToken(strict.token))).status).toBe(403);
    const open = await start({ allowedHosts: false });
    expect((await http(open.fullUri, { headers: { authorization: open.token, host: 'example.com' } })).status).toBe(200);
  });
});

describe('Pod Identity agent: rate limit', () => {
  it('lets the default burst of 500 through and answers 429 Too Many Requests beyond it', async () => {
    const clock = fakeClock();
    const agent = await start({ now: clock.now });
    expect(agent.rateLimit).toEqual({ rate: 1000, burst: 500 });
    const statuses: number[] = [];
    for (let i = 0; i < 505; i++) statuses.push((await http(agent.fullUri, withToken(agent.token))).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(500);
    expect(statuses.slice(500)).toEqual([429, 429, 429, 429, 429]);
    clock.advance(1); // 1000/s: one token per millisecond
    expect((await http(agent.fullUri, withToken(agent.token))).status).toBe(200);
  });

  it('answers the 429 as plain text, before any token check, with one bucket for all clients', async () => {
    const clock = fakeClock();
    const agent = await start({ now: clock.now, rateLimit: { rate: 10, burst: 2 } });
    expect((await http(agent.fullUri)).status).toBe(400);
    expect((await http(agent.fullUri, withToken(agent.token))).status).toBe(200);
    const res = await http(agent.fullUri, withToken(agent.token));
    expect(res.status).toBe(429);
    expect(res.body).toBe('Too Many Requests\n');
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(agent.counters.rateLimited).toBe(1);
  });
});

describe('Pod Identity agent: secrets', () => {
  it('keeps tokens and credentials out of inspect, JSON and the request log', async () => {
    const agent = await start();
    await http(agent.fullUri, withToken(agent.token));
    const creds = agent.credentials;
    const texts = [inspect(agent, { depth: 10 }), JSON.stringify(agent), JSON.stringify(agent.requests), inspect(agent.requests, { depth: 10 })];
    for (const text of texts) {
      expect(text).not.toContain(agent.token);
      expect(text).not.toContain(agent.token.split('.')[2]);
      expect(text).not.toContain(creds.secretAccessKey);
      expect(text).not.toContain(creds.sessionToken);
    }
    expect(agent.requests.last()?.headers.authorization).toBe('[redacted]');
  });
});
