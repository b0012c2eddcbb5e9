import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  IamkitError,
  NoneConfiguredError,
  cached,
  chain,
  isIamkitError,
  notConfigured,
  runChain,
  type CredentialProvider,
  type CredentialProviderOptions,
} from '../src/index.js';
import { HOUR, longTermCredentials, temporaryCredentials } from './helpers/credentials.js';
import { later } from './helpers/controlled-source.js';

const notHere = (source: string, reason: string, configureWith: string[]): CredentialProvider => {
  const provider: CredentialProvider = () => later(() => {
    throw notConfigured({ source, reason, configureWith });
  });
  return provider;
};

function counting(provider: CredentialProvider): CredentialProvider & { calls: CredentialProviderOptions[] } {
  const calls: CredentialProviderOptions[] = [];
  return Object.assign(async (options?: CredentialProviderOptions) => {
    calls.push(options ?? {});
    return provider(options);
  }, { calls });
}

describe('chain', () => {
  it('moves past sources that are not configured and returns the first credentials', async () => {
    const creds = temporaryCredentials(Date.now(), HOUR, 'ASIACHAINCONTAINER01', 'container');
    const afterwards = counting(() => Promise.resolve(longTermCredentials()));
    const provider = chain(notHere('env', 'AWS_ACCESS_KEY_ID is not set', ['AWS_ACCESS_KEY_ID']), () => Promise.resolve(creds), afterwards);
    expect(await provider()).toBe(creds);
    expect(afterwards.calls).toHaveLength(0);
  });

  it('stops at the first error that is not "not configured" and throws it as is', async () => {
    const throttled = new IamkitError({ code: 'ERR_CREDENTIALS_THROTTLED', source: 'container', retryable: true, message: 'container: 429' });
    const fallback = counting(() => Promise.resolve(longTermCredentials()));
    await expect(chain(notHere('env', 'unset', []), () => Promise.reject(throttled), fallback)()).rejects.toBe(throttled);
    const bug = new TypeError('a bug in a custom source');
    await expect(chain(() => Promise.reject(bug), fallback)()).rejects.toBe(bug);
    expect(fallback.calls).toHaveLength(0);
  });

  it('throws one ERR_CREDENTIALS_NONE_CONFIGURED listing every source, why, and what would configure it', async () => {
    const provider = chain(
      notHere('env', 'AWS_ACCESS_KEY_ID is not set', ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']),
      notHere('web-identity', 'AWS_WEB_IDENTITY_TOKEN_FILE is not set', ['AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN']),
      notHere('container', 'neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor _FULL_URI is set', ['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI']),
      notHere('imds', 'disabled by AWS_EC2_METADATA_DISABLED', []),
    );
    const error: unknown = await provider().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoneConfiguredError);
    expect(isIamkitError(error, 'ERR_CREDENTIALS_NONE_CONFIGURED')).toBe(true);
    const none = error as NoneConfiguredError;
    expect(none.message).toBe(
      [
        'No credential source is configured. Tried, in order:',
        '  - env: AWS_ACCESS_KEY_ID is not set; to use it, set AWS_ACCESS_KEY_ID or AWS_SECRET_ACCESS_KEY',
        '  - web-identity: AWS_WEB_IDENTITY_TOKEN_FILE is not set; to use it, set AWS_WEB_IDENTITY_TOKEN_FILE or AWS_ROLE_ARN',
        '  - container: neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor _FULL_URI is set; to use it, set AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or AWS_CONTAINER_CREDENTIALS_FULL_URI',
        '  - imds: disabled by AWS_EC2_METADATA_DISABLED',
      ].join('\n'),
    );
    expect(none.tried.map((t) => t.source)).toEqual(['env', 'web-identity', 'container', 'imds']);
    expect(none.tried[0]?.configureWith).toEqual(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']);
    expect(Object.isFrozen(none.tried)).toBe(true);
    expect(JSON.parse(JSON.stringify(none))).toMatchObject({ code: 'ERR_CREDENTIALS_NONE_CONFIGURED', tried: none.tried });
  });

  it('recognises "not configured" from another installed copy, even without details', async () => {
    const foreign = Object.assign(new Error('other copy: not configured'), { code: 'ERR_CREDENTIALS_NOT_CONFIGURED', source: 'ini' });
    Object.defineProperty(foreign, Symbol.for('iamkit.error'), { value: true });
    const error = (await chain(() => Promise.reject(foreign))().catch((e: unknown) => e)) as NoneConfiguredError;
    expect(error.tried).toEqual([{ source: 'ini', reason: 'other copy: not configured', configureWith: [] }]);
  });

  it('passes forceRefresh and the signal to each source, and stops when the signal fires', async () => {
    const first = counting(notHere('env', 'unset', []));
    const second = counting(() => Promise.resolve(longTermCredentials()));
    const controller = new AbortController();
    await chain(first, second)({ forceRefresh: true, signal: controller.signal });
    expect(first.calls[0]).toEqual({ forceRefresh: true, signal: controller.signal });
    expect(second.calls[0]).toEqual({ forceRefresh: true, signal: controller.signal });

    const aborting: CredentialProvider = () => later(() => {
      controller.abort();
      throw notConfigured({ source: 'env', reason: 'unset', configureWith: [] });
    });
    const untouched = counting(() => Promise.resolve(longTermCredentials()));
    await expect(chain(aborting, untouched)({ signal: controller.signal })).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    expect(untouched.calls).toHaveLength(0);
  });

  it('refuses an empty chain and things that are not providers', () => {
    expect(() => chain()).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }));
    expect(() => chain(() => Promise.resolve(longTermCredentials()), undefined as never)).toThrow(/source #2 is undefined, not a provider function/);
  });

  it('moves past a cached source that is not configured, keeping the cache out of the way', async () => {
    const creds = longTermCredentials();
    const provider = chain(cached(notHere('container', 'unset', ['AWS_CONTAINER_CREDENTIALS_FULL_URI'])), () => Promise.resolve(creds));
    expect(await provider()).toBe(creds);
    expect(await provider()).toBe(creds);
  });
});

describe('runChain', () => {
  it('reports every source with outcome, reason and duration, and what the chain would return', async () => {
    let t = 1000;
    const now = (): number => t;
    const creds = temporaryCredentials(Date.now(), HOUR, 'ASIARUNCHAINKEY00001', 'container');
    const timed = (ms: number, provider: CredentialProvider): CredentialProvider => async (options) => {
      t += ms;
      return provider(options);
    };
    const last = counting(() => Promise.resolve(longTermCredentials()));
    const report = await runChain(
      [timed(2, notHere('env', 'AWS_ACCESS_KEY_ID is not set', ['AWS_ACCESS_KEY_ID'])), timed(35, () => Promise.resolve(creds)), Object.assign(last, { sourceName: 'imds' })],
      { now },
    );
    expect(report.credentials).toBe(creds);
    expect(report.error).toBeUndefined();
    expect(report.decidedBy).toBe('container');
    expect(report.attempts).toEqual([
      { source: 'env', outcome: 'not-configured', reason: 'AWS_ACCESS_KEY_ID is not set', configureWith: ['AWS_ACCESS_KEY_ID'], durationMs: 2 },
      {
        source: 'container',
        outcome: 'credentials',
        reason: `supplied ASIA…0001 (expires ${creds.expiration?.toISOString() ?? ''})`,
        durationMs: 35,
        credentials: expect.objectContaining({ accessKeyId: 'ASIA…0001', secretAccessKey: '[redacted]' }),
      },
      { source: 'imds', outcome: 'not-tried', reason: 'an earlier source decided', durationMs: 0 },
    ]);
    expect(last.calls).toHaveLength(0);
    for (const text of [JSON.stringify(report), inspect(report, { depth: 10 })]) {
      expect(text).not.toContain(creds.secretAccessKey);
      expect(text).not.toContain(creds.sessionToken);
    }
  });

  it('records the failure that stops the chain, and with tryAll goes on to show the rest', async () => {
    const failing: CredentialProvider = () => later(() => {
      throw new IamkitError({ code: 'ERR_CREDENTIALS_THROTTLED', source: 'container', retryable: true, message: 'container: 429 Too Many Requests' });
    });
    const creds = longTermCredentials('AKIATRYALLKEY0000001', 'ini');
    const report = await runChain([failing, () => later(() => creds)], { tryAll: true });
    expect(report.error?.code).toBe('ERR_CREDENTIALS_THROTTLED');
    expect(report.credentials).toBeUndefined();
    expect(report.decidedBy).toBe('container');
    expect(report.attempts.map((a) => [a.source, a.outcome])).toEqual([
      ['container', 'failed'],
      ['ini', 'credentials'],
    ]);
    expect(report.attempts[0]?.error).toMatchObject({ code: 'ERR_CREDENTIALS_THROTTLED' });
  });

  it('names a source that declares its sourceName by that name, whatever its error or credentials say', async () => {
    // A web identity source fails in its STS exchange: the error's source is "sts", the step is web identity.
    const webIdentity = Object.assign(
      (): Promise<never> =>
        later(() => {
          throw new IamkitError({ code: 'ERR_STS_INVALID_IDENTITY_TOKEN', source: 'sts', message: 'sts: InvalidIdentityToken' });
        }),
      { sourceName: 'web-identity' },
    );
    const creds = temporaryCredentials(Date.now(), HOUR, 'ASIANAMEDSOURCE00001', 'sts:assume-role');
    const ini = Object.assign(() => later(() => creds), { sourceName: 'ini' });
    const report = await runChain([ini, webIdentity], { tryAll: true });
    expect(report.decidedBy).toBe('ini');
    expect(report.attempts.map((a) => [a.source, a.outcome])).toEqual([
      ['ini', 'credentials'],
      ['web-identity', 'failed'],
    ]);
    expect(report.attempts[1]?.error).toMatchObject({ source: 'sts', code: 'ERR_STS_INVALID_IDENTITY_TOKEN' });
  });

  it('wraps a foreign failure and reports when nothing is configured, without throwing', async () => {
    const named = function customSource(): Promise<never> {
      return later(() => {
        throw new Error('boom');
      });
    };
    const failed = await runChain([named]);
    expect(failed.error).toMatchObject({ code: 'ERR_CREDENTIALS_SOURCE_FAILED', message: 'customSource: the credential provider failed: boom' });

    const none = await runChain([notHere('env', 'unset', ['AWS_ACCESS_KEY_ID'])]);
    expect(none.error).toBeInstanceOf(NoneConfiguredError);
    expect(none.attempts).toEqual([{ source: 'env', outcome: 'not-configured', reason: 'unset', configureWith: ['AWS_ACCESS_KEY_ID'], durationMs: expect.any(Number) }]);
  });

  it('reports sources it skipped after an abort', async () => {
    const report = await runChain([() => Promise.resolve(longTermCredentials())], { signal: AbortSignal.abort() });
    expect(report.error?.code).toBe('ERR_ABORTED');
    expect(report.attempts).toEqual([{ source: 'source #1', outcome: 'not-tried', reason: 'aborted', durationMs: 0 }]);
  });
});
