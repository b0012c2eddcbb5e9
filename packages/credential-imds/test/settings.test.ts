import { describe, expect, it } from 'vitest';
import { chain, isIamkitError, isNotConfigured } from '@iamkit/credentials';
import { startImds } from '@iamkit/emulators';
import { fromInstanceMetadata } from '../src/index.js';
import { resolveImdsSettings } from '../src/imds-settings.js';
import { memoryFiles, rejectionOf } from './helpers/runtime.js';

const HOME = { HOME: '/home/app' };
const CONFIG = '/home/app/.aws/config';

async function settingsOf(env: Record<string, string>, config = '', options = {}) {
  const files = memoryFiles(config === '' ? {} : { [CONFIG]: config });
  return resolveImdsSettings(options, { ...HOME, ...env }, files.readFile);
}

async function errorOf(env: Record<string, string>, config = ''): Promise<Error & Record<string, unknown>> {
  return rejectionOf(settingsOf(env, config));
}

describe('AWS_EC2_METADATA_DISABLED: strictly true or false', () => {
  it.each(['true', 'TRUE', 'True', ' true '])('%j turns the source off ("not configured"), without a request', async (value) => {
    await using imds = await startImds();
    const error = await rejectionOf(fromInstanceMetadata({ env: { ...imds.env, AWS_EC2_METADATA_DISABLED: value }, readFile: memoryFiles().readFile })());
    expect(isNotConfigured(error)).toBe(true);
    expect(error.message).toContain('AWS_EC2_METADATA_DISABLED');
    expect(imds.counters.total).toBe(0);
  });

  it.each(['false', 'FALSE', '', '  '])('%j leaves it on', async (value) => {
    await using imds = await startImds();
    const creds = await fromInstanceMetadata({ env: { ...imds.env, AWS_EC2_METADATA_DISABLED: value }, readFile: memoryFiles().readFile })();
    expect(creds.accessKeyId).toBe(imds.credentials.accessKeyId);
  });

  it.each(['1', 'yes', 'no', 'off', 'disabled', 'truee'])('%j is ERR_CONFIG_INVALID naming the variable (no guessing)', async (value) => {
    const error = await errorOf({ AWS_EC2_METADATA_DISABLED: value });
    expect(error.code).toBe('ERR_CONFIG_INVALID');
    expect(error.message).toContain('AWS_EC2_METADATA_DISABLED');
    expect(error.message).toContain('true or false');
  });

  it('lets a chain move on when IMDS is disabled', async () => {
    await using imds = await startImds();
    const provider = chain(fromInstanceMetadata({ env: { AWS_EC2_METADATA_DISABLED: 'true' } }), fromInstanceMetadata({ env: imds.env, readFile: memoryFiles().readFile }));
    expect((await provider()).accessKeyId).toBe(imds.credentials.accessKeyId);
  });
});

describe('endpoint, mode, v1 and role name: option, then variable, then profile', () => {
  it('defaults to the IPv4 address, and IPv6 mode to fd00:ec2::254', async () => {
    expect((await settingsOf({})).endpoint.href).toBe('http://169.254.169.254/');
    expect((await settingsOf({ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'IPv6' })).endpoint.href).toBe('http://[fd00:ec2::254]/');
    expect((await settingsOf({}, '[default]\nec2_metadata_service_endpoint_mode = IPv6\n')).endpoint.href).toBe('http://[fd00:ec2::254]/');
  });

  it('takes the endpoint over the mode, the variable over the profile, and the option over both', async () => {
    const config = '[default]\nec2_metadata_service_endpoint = http://127.0.0.1:1111\n[profile other]\nec2_metadata_service_endpoint = http://127.0.0.1:3333\n';
    expect((await settingsOf({}, config)).endpoint.href).toBe('http://127.0.0.1:1111/');
    expect((await settingsOf({ AWS_PROFILE: 'other' }, config)).endpoint.href).toBe('http://127.0.0.1:3333/');
    const fromEnv = await settingsOf({ AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:2222', AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'IPv6' }, config);
    expect(fromEnv.endpoint.href).toBe('http://127.0.0.1:2222/');
    expect(fromEnv.endpointFrom).toBe('AWS_EC2_METADATA_SERVICE_ENDPOINT');
    expect((await settingsOf({ AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:2222' }, config, { endpoint: 'http://127.0.0.1:4444' })).endpoint.href).toBe('http://127.0.0.1:4444/');
  });

  it('reads the v1 switch and the role name from the profile too', async () => {
    const config = '[default]\nec2_metadata_v1_disabled = true\nec2_instance_profile_name = app-role\n';
    const settings = await settingsOf({}, config);
    expect(settings).toMatchObject({ v1Fallback: false, profileName: 'app-role' });
    expect(settings.v1DisabledBy).toContain('ec2_metadata_v1_disabled');
    expect(await settingsOf({ AWS_EC2_METADATA_V1_DISABLED: 'false' }, config)).toMatchObject({ v1Fallback: true });
  });

  it('still reads the v1 switch and the role name from the profile when the endpoint comes from an option or the environment', async () => {
    const config = '[default]\nec2_metadata_v1_disabled = true\nec2_instance_profile_name = app-role\n';
    const byOption = await settingsOf({}, config, { endpoint: 'http://127.0.0.1:4444' });
    expect(byOption).toMatchObject({ v1Fallback: false, profileName: 'app-role', endpointFrom: 'option endpoint' });
    expect(byOption.v1DisabledBy).toContain('ec2_metadata_v1_disabled');
    const byEnv = await settingsOf({ AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:2222' }, config);
    expect(byEnv).toMatchObject({ v1Fallback: false, profileName: 'app-role' });
  });

  it('uses a profile endpoint for real (the emulator’s)', async () => {
    await using imds = await startImds();
    const files = memoryFiles({ [CONFIG]: `[profile ec2]\nec2_metadata_service_endpoint = ${imds.url}\n` });
    const creds = await fromInstanceMetadata({ env: { ...HOME, AWS_PROFILE: 'ec2' }, readFile: files.readFile })();
    expect(creds.accessKeyId).toBe(imds.credentials.accessKeyId);
  });

  it.each([
    [{ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'ipv6' }, '', 'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE'],
    [{ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'IPv5' }, '', 'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE'],
    [{}, '[default]\nec2_metadata_service_endpoint_mode = dual\n', 'ec2_metadata_service_endpoint_mode'],
    [{ AWS_EC2_METADATA_SERVICE_ENDPOINT: 'not a url' }, '', 'AWS_EC2_METADATA_SERVICE_ENDPOINT'],
    [{ AWS_EC2_METADATA_SERVICE_ENDPOINT: 'ftp://169.254.169.254' }, '', 'AWS_EC2_METADATA_SERVICE_ENDPOINT'],
    [{ AWS_EC2_METADATA_V1_DISABLED: 'sure' }, '', 'AWS_EC2_METADATA_V1_DISABLED'],
    [{}, '[default]\nec2_metadata_v1_disabled = 1\n', 'ec2_metadata_v1_disabled'],
    [{ AWS_EC2_INSTANCE_PROFILE_NAME: 'a/b' }, '', 'AWS_EC2_INSTANCE_PROFILE_NAME'],
  ])('refuses %j %j with ERR_CONFIG_INVALID naming %s', async (env, config, name) => {
    const error = await errorOf(env, config);
    expect(isIamkitError(error, 'ERR_CONFIG_INVALID')).toBe(true);
    expect(error.message).toContain(name);
  });

  it('reports a malformed config file instead of ignoring it', async () => {
    const error = await errorOf({}, '[default\nregion = x\n');
    expect(error.code).toBe('ERR_SHARED_CONFIG_PARSE');
  });

  it('refuses unusable options synchronously', () => {
    expect(() => fromInstanceMetadata({ tokenTtlSeconds: 0 })).toThrow(/tokenTtlSeconds/);
    expect(() => fromInstanceMetadata({ tokenTtlSeconds: 21_601 })).toThrow(/tokenTtlSeconds/);
    expect(() => fromInstanceMetadata({ maxAttempts: 0 })).toThrow(/maxAttempts/);
    expect(() => fromInstanceMetadata({ tokenTimeoutMs: Number.NaN })).toThrow(/tokenTimeoutMs/);
  });
});
