// The sourceCredentials hook: how a caller caches each layer of a role chain.
import { describe, expect, it } from 'vitest';
import { type Credentials, createCredentials } from '@iamkit/credentials';
import { type FromIniOptions, type ProfilePlan, type SourceCredentials, fromIni } from '../src/index.js';
import { HOME, SECRET, files, rejection } from './helpers.js';

const NOW = Date.parse('2026-03-01T00:00:00Z');
const keys = (id: string): string => `aws_access_key_id = ${id}\naws_secret_access_key = ${SECRET}\n`;
const CHAIN = '[profile top]\nrole_arn = arn:aws:iam::1:role/top\nsource_profile = mid\n[profile mid]\nrole_arn = arn:aws:iam::1:role/mid\nsource_profile = base\nmfa_serial = arn:aws:iam::1:mfa/me\n';

function recorder(): { calls: string[]; assumeRole: NonNullable<FromIniOptions['assumeRole']> } {
  const calls: string[] = [];
  return {
    calls,
    assumeRole: (source, params) => {
      calls.push(`${params.roleArn.split('/').pop() ?? ''} with ${source.accessKeyId} code ${params.tokenCode ?? '-'}`);
      const role = params.roleArn.split('/').pop() ?? 'x';
      return Promise.resolve(createCredentials({ accessKeyId: `ASIA${role.toUpperCase()}${calls.length}`, secretAccessKey: 's', sessionToken: 't', expiration: new Date(NOW + 3_600_000) }));
    },
  };
}

/** A memo of one fetch per plan kind and profile: enough to show that a layer is reused. */
function memoHook(seen: ProfilePlan[]): SourceCredentials {
  const memo = new Map<string, Promise<Credentials>>();
  return (plan, fetch) => {
    seen.push(plan);
    if (plan.kind === 'static') return fetch();
    const key = `${plan.kind}:${plan.profile}`;
    let pending = memo.get(key);
    if (pending === undefined) memo.set(key, (pending = fetch()));
    return pending;
  };
}

describe('executeProfilePlan: the sourceCredentials hook', () => {
  it('gets every source plan of a chain, innermost last, and a reused layer costs no assumeRole and no MFA prompt', async () => {
    const sts = recorder();
    const seen: ProfilePlan[] = [];
    let prompts = 0;
    const provider = fromIni({
      env: HOME,
      now: () => NOW,
      readFile: files(CHAIN, `[base]\n${keys('AKIDBASE')}`),
      profile: 'top',
      assumeRole: sts.assumeRole,
      mfaCodeProvider: () => Promise.resolve(String(123456 + prompts++)),
      sourceCredentials: memoHook(seen),
    });
    await provider();
    expect(sts.calls).toEqual(['mid with AKIDBASE code 123456', 'top with ASIAMID1 code -']);
    expect(seen.map((p) => `${p.kind}:${p.profile}`)).toEqual(['assume-role:mid', 'static:base']);

    // The second run reuses the 'mid' layer: one assumeRole (top), no second MFA prompt.
    await provider();
    expect(sts.calls.slice(2)).toEqual(['top with ASIAMID1 code -']);
    expect(prompts).toBe(1);
  });

  it('passes the caller signal to the hook but not to the shared fetch', async () => {
    const sts = recorder();
    const signals: (AbortSignal | undefined)[] = [];
    const controller = new AbortController();
    const provider = fromIni({
      env: HOME,
      readFile: files('[profile top]\nrole_arn = arn:aws:iam::1:role/top\nsource_profile = mid\n[profile mid]\nrole_arn = arn:aws:iam::1:role/mid\nsource_profile = base\n', `[base]\n${keys('AKIDBASE')}`),
      profile: 'top',
      assumeRole: (source, params) => {
        signals.push(params.signal);
        return sts.assumeRole(source, params);
      },
      sourceCredentials: (_plan, fetch, signal) => {
        signals.push(signal);
        return fetch();
      },
    });
    await provider({ signal: controller.signal });
    // hook(mid) gets the signal; inside its fetch, hook(base) and assumeRole(mid) run without it;
    // assumeRole(top), outside any fetch, has it again.
    expect(signals.map((s) => (s === undefined ? 'none' : s === controller.signal ? 'caller' : 'other'))).toEqual(['caller', 'none', 'none', 'caller']);
  });

  it('lets an error of the hook stop the plan before the role is assumed', async () => {
    const sts = recorder();
    const error = await rejection(
      fromIni({
        env: HOME,
        readFile: files('[default]\nrole_arn = arn:aws:iam::1:role/top\nsource_profile = base\n', `[base]\n${keys('AKIDBASE')}`),
        assumeRole: sts.assumeRole,
        sourceCredentials: () => Promise.reject(new Error('layer cache says no')),
      })(),
    );
    expect(error.message).toBe('layer cache says no');
    expect(sts.calls).toEqual([]);
  });
});
