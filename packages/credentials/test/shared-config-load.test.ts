import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  type ReadTextFile,
  describeLocation,
  describeMissingProfile,
  homeDirectory,
  isIamkitError,
  loadSharedConfig,
  selectProfile,
  sharedConfigPaths,
} from '../src/index.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

function files(map: Record<string, string>): { readFile: ReadTextFile; reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readFile: (path) => {
      reads.push(path);
      const text = map[path];
      return text === undefined ? Promise.reject(Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' })) : Promise.resolve(text);
    },
  };
}

describe('homeDirectory and sharedConfigPaths', () => {
  it.each([
    [{ HOME: '/h', USERPROFILE: 'C:\\u' }, '/h'],
    [{ USERPROFILE: 'C:\\Users\\me' }, 'C:\\Users\\me'],
    [{ HOMEDRIVE: 'D:', HOMEPATH: '\\Users\\me' }, 'D:\\Users\\me'],
    [{ HOME: '', HOMEPATH: '\\me' }, 'C:\\me'],
  ])('%j → %s', (env, home) => {
    expect(homeDirectory(env)).toBe(home);
  });

  it('falls back to os.homedir()', async () => {
    const { homedir } = await import('node:os');
    expect(homeDirectory({})).toBe(homedir());
  });

  it('prefers options, then env vars, then ~/.aws, and expands ~/', () => {
    expect(sharedConfigPaths({ env: { HOME: '/h' } })).toEqual({ configFile: '/h/.aws/config', credentialsFile: '/h/.aws/credentials' });
    expect(sharedConfigPaths({ env: { HOME: '/h', AWS_CONFIG_FILE: '~/c', AWS_SHARED_CREDENTIALS_FILE: '/abs/k' } })).toEqual({
      configFile: '/h/c',
      credentialsFile: '/abs/k',
    });
    expect(
      sharedConfigPaths({ env: { HOME: '/h', AWS_CONFIG_FILE: '/env/c', AWS_SHARED_CREDENTIALS_FILE: ' ' }, configFilepath: '~/opt', filepath: 'rel/k' }),
    ).toEqual({ configFile: '/h/opt', credentialsFile: 'rel/k' });
  });
});

describe('selectProfile', () => {
  it.each([
    [{ profile: 'opt', env: { AWS_PROFILE: 'env' } }, { name: 'opt', from: 'option' }],
    [{ env: { AWS_PROFILE: ' env ' } }, { name: 'env', from: 'AWS_PROFILE' }],
    [{ profile: '', env: { AWS_PROFILE: '' } }, { name: 'default', from: 'default' }],
    [{ env: { AWS_DEFAULT_PROFILE: 'ignored' } }, { name: 'default', from: 'default' }],
  ])('%j', (options, expected) => {
    expect(selectProfile(options)).toEqual(expected);
  });
});

describe('loadSharedConfig', () => {
  const env = { HOME: '/h' };

  it('merges both files: config profiles by prefix, every credentials section, credentials win key by key', async () => {
    const { readFile } = files({
      '/h/.aws/config': [
        '[default]',
        'region = us-east-1',
        'output = json',
        '[profile dev]',
        'region = eu-west-1',
        'aws_access_key_id = FROM_CONFIG',
        '[not-a-profile]',
        'x = 1',
        '[sso-session corp]',
        'sso_region = us-east-1',
        '[services local]',
        's3 =',
        '  endpoint_url = http://127.0.0.1:9000',
      ].join('\n'),
      '/h/.aws/credentials': ['[default]', 'output = text', '[dev]', 'aws_access_key_id = FROM_CREDENTIALS', `aws_secret_access_key = ${SECRET}`, '[profile odd]', 'k = v'].join('\n'),
    });
    const config = await loadSharedConfig({ env, readFile });
    expect(Object.keys(config.profiles).sort()).toEqual(['default', 'dev', 'profile odd']);
    expect({ ...config.profiles.default }).toEqual({ region: 'us-east-1', output: 'text' });
    expect({ ...config.profiles.dev }).toEqual({ region: 'eu-west-1', aws_access_key_id: 'FROM_CREDENTIALS', aws_secret_access_key: SECRET });
    expect({ ...config.ssoSessions.corp }).toEqual({ sso_region: 'us-east-1' });
    expect({ ...config.services.local }).toEqual({ 's3.endpoint_url': 'http://127.0.0.1:9000' });
    expect(config.files).toEqual([
      { kind: 'config', path: '/h/.aws/config', found: true },
      { kind: 'credentials', path: '/h/.aws/credentials', found: true },
    ]);
    expect(describeLocation(config, 'dev', 'aws_access_key_id')).toBe('/h/.aws/credentials line 4');
    expect(describeLocation(config, 'dev', 'region')).toBe('/h/.aws/config line 5');
    expect(describeLocation(config, 'dev')).toBe('/h/.aws/config line 4 and /h/.aws/credentials line 3');
    expect(describeLocation(config, 'dev', 'nope')).toBeUndefined();
    expect(describeLocation(config, 'nope')).toBeUndefined();
  });

  it('lets [profile default] win over [default] in the config file, whatever the order', async () => {
    const { readFile } = files({ '/h/.aws/config': '[profile default]\nregion = explicit\n[default]\nregion = plain\noutput = json\n' });
    const config = await loadSharedConfig({ env, readFile });
    expect({ ...config.profiles.default }).toEqual({ region: 'explicit', output: 'json' });
  });

  it('treats missing files as empty and reports which paths it read', async () => {
    const { readFile, reads } = files({});
    const config = await loadSharedConfig({ env: { HOME: '/h', AWS_CONFIG_FILE: '~/cfg' }, filepath: '/x/creds', readFile });
    expect(config.profiles).toEqual({});
    expect(config.files).toEqual([
      { kind: 'config', path: '/h/cfg', found: false },
      { kind: 'credentials', path: '/x/creds', found: false },
    ]);
    expect(reads.sort()).toEqual(['/h/cfg', '/x/creds']);
  });

  it('reports an unreadable file with its path and the env var to change', async () => {
    const readFile: ReadTextFile = (path) =>
      path.endsWith('config') ? Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })) : Promise.resolve('');
    await expect(loadSharedConfig({ env, readFile })).rejects.toMatchObject({
      code: 'ERR_SHARED_CONFIG_READ',
      message: expect.stringMatching(/cannot read \/h\/\.aws\/config \(EACCES\).*AWS_CONFIG_FILE/),
    });
  });

  it('names the file and line of a parse error in either file', async () => {
    const { readFile } = files({ '/h/.aws/config': '[default]\nregion = x\n', '/h/.aws/credentials': '[default]\naws_access_key_id = A\n[broken\n' });
    const error: unknown = await loadSharedConfig({ env, readFile }).catch((e: unknown) => e);
    expect(isIamkitError(error, 'ERR_SHARED_CONFIG_PARSE')).toBe(true);
    expect((error as Error).message).toMatch(/^\/h\/\.aws\/credentials line 3: unterminated/);
  });

  it('reads real files from disk by default', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iamkit-shared-config-'));
    try {
      await writeFile(join(dir, 'config'), '[profile disk]\r\nregion = ap-south-1\r\n');
      const config = await loadSharedConfig({ env: { HOME: dir }, configFilepath: join(dir, 'config') });
      expect(config.profiles.disk?.region).toBe('ap-south-1');
      expect(config.files.map((f) => f.found)).toEqual([true, false]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps secrets out of JSON and util.inspect of the whole config', async () => {
    const { readFile } = files({ '/h/.aws/credentials': `[default]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = ${SECRET}\naws_session_token = T${SECRET}\n` });
    const config = await loadSharedConfig({ env, readFile });
    expect(config.profiles.default?.aws_secret_access_key).toBe(SECRET);
    for (const text of [JSON.stringify(config), inspect(config, { depth: 10 }), inspect(config.profiles.default)]) {
      expect(text).not.toContain(SECRET);
      expect(text).toContain('AKIDEXAMPLE');
    }
  });
});

describe('describeMissingProfile', () => {
  it('lists the files (marking missing ones), the profiles there, and the fix', async () => {
    const { readFile } = files({ '/h/.aws/credentials': '[default]\n[prod]\n' });
    const config = await loadSharedConfig({ env: { HOME: '/h' }, readFile });
    expect(describeMissingProfile(config, { name: 'dev', from: 'AWS_PROFILE' })).toBe(
      "profile 'dev' (chosen by AWS_PROFILE) was not found in /h/.aws/config (missing) and /h/.aws/credentials. Profiles there: default, prod. Fix AWS_PROFILE, or add [profile dev] to /h/.aws/config.",
    );
    const empty = await loadSharedConfig({ env: { HOME: '/h' }, readFile: files({}).readFile });
    expect(describeMissingProfile(empty, { name: 'x', from: 'option' })).toContain('They define no profiles. Fix the profile option');
  });
});
