import { isIamkitError } from '@iamkit/credentials';
import { describe, expect, it } from 'vitest';
import { STS_LEGACY_GLOBAL_REGIONS, resolveStsEndpoint, type StsEndpointOptions } from '../src/index.js';

type Row = [name: string, options: StsEndpointOptions, url: string, signingRegion: string, regionSource: string, endpointSource: string];

const rows: Row[] = [
  ['nothing configured: us-east-1, regional', { env: {} }, 'https://sts.us-east-1.amazonaws.com/', 'us-east-1', 'default', 'regional'],
  ['the region option', { region: 'eu-west-1', env: { AWS_REGION: 'us-west-2' } }, 'https://sts.eu-west-1.amazonaws.com/', 'eu-west-1', 'option', 'regional'],
  ['AWS_REGION', { env: { AWS_REGION: 'ap-southeast-2', AWS_DEFAULT_REGION: 'eu-west-1' } }, 'https://sts.ap-southeast-2.amazonaws.com/', 'ap-southeast-2', 'AWS_REGION', 'regional'],
  ['AWS_DEFAULT_REGION (the AWS CLI’s variable)', { env: { AWS_DEFAULT_REGION: 'eu-central-1' }, profileRegion: 'us-west-1' }, 'https://sts.eu-central-1.amazonaws.com/', 'eu-central-1', 'AWS_DEFAULT_REGION', 'regional'],
  ['the profile region, last', { env: {}, profileRegion: 'ca-central-1' }, 'https://sts.ca-central-1.amazonaws.com/', 'ca-central-1', 'profile', 'regional'],
  ['an empty AWS_REGION counts as unset', { env: { AWS_REGION: '  ', AWS_DEFAULT_REGION: 'eu-north-1' } }, 'https://sts.eu-north-1.amazonaws.com/', 'eu-north-1', 'AWS_DEFAULT_REGION', 'regional'],
  ['legacy mode, a legacy region: global, signed us-east-1', { env: { AWS_REGION: 'eu-west-1', AWS_STS_REGIONAL_ENDPOINTS: 'legacy' } }, 'https://sts.amazonaws.com/', 'us-east-1', 'AWS_REGION', 'global'],
  ['legacy mode is case-insensitive', { env: { AWS_REGION: 'us-east-1', AWS_STS_REGIONAL_ENDPOINTS: 'LEGACY' } }, 'https://sts.amazonaws.com/', 'us-east-1', 'AWS_REGION', 'global'],
  ['legacy mode, a newer region: regional', { env: { AWS_REGION: 'ap-east-1', AWS_STS_REGIONAL_ENDPOINTS: 'legacy' } }, 'https://sts.ap-east-1.amazonaws.com/', 'ap-east-1', 'AWS_REGION', 'regional'],
  ['legacy mode, GovCloud has no global endpoint', { env: { AWS_REGION: 'us-gov-west-1', AWS_STS_REGIONAL_ENDPOINTS: 'legacy' } }, 'https://sts.us-gov-west-1.amazonaws.com/', 'us-gov-west-1', 'AWS_REGION', 'regional'],
  ['China: amazonaws.com.cn, no global endpoint', { region: 'cn-north-1', stsRegionalEndpoints: 'legacy', env: {} }, 'https://sts.cn-north-1.amazonaws.com.cn/', 'cn-north-1', 'option', 'regional'],
  ['the option overrides AWS_STS_REGIONAL_ENDPOINTS', { region: 'us-west-2', stsRegionalEndpoints: 'regional', env: { AWS_STS_REGIONAL_ENDPOINTS: 'legacy' } }, 'https://sts.us-west-2.amazonaws.com/', 'us-west-2', 'option', 'regional'],
  ['aws-global always means the global endpoint', { region: 'aws-global', env: {} }, 'https://sts.amazonaws.com/', 'us-east-1', 'option', 'global'],
  ['FIPS', { region: 'us-east-2', useFipsEndpoint: true, env: {} }, 'https://sts-fips.us-east-2.amazonaws.com/', 'us-east-2', 'option', 'fips'],
  ['FIPS from AWS_USE_FIPS_ENDPOINT, and over legacy', { env: { AWS_REGION: 'us-west-1', AWS_USE_FIPS_ENDPOINT: 'true', AWS_STS_REGIONAL_ENDPOINTS: 'legacy' } }, 'https://sts-fips.us-west-1.amazonaws.com/', 'us-west-1', 'AWS_REGION', 'fips'],
  ['FIPS in GovCloud: the regional endpoint is FIPS', { region: 'us-gov-east-1', useFipsEndpoint: true, env: {} }, 'https://sts.us-gov-east-1.amazonaws.com/', 'us-gov-east-1', 'option', 'fips'],
  ['ISO partition', { region: 'us-iso-east-1', env: {} }, 'https://sts.us-iso-east-1.c2s.ic.gov/', 'us-iso-east-1', 'option', 'regional'],
  ['AWS_ENDPOINT_URL_STS, signed for the region', { env: { AWS_ENDPOINT_URL_STS: 'https://sts.example.internal', AWS_REGION: 'eu-west-3' } }, 'https://sts.example.internal/', 'eu-west-3', 'AWS_REGION', 'AWS_ENDPOINT_URL_STS'],
  ['AWS_ENDPOINT_URL_STS before AWS_ENDPOINT_URL', { env: { AWS_ENDPOINT_URL: 'https://all.example', AWS_ENDPOINT_URL_STS: 'https://sts.example' } }, 'https://sts.example/', 'us-east-1', 'default', 'AWS_ENDPOINT_URL_STS'],
  ['AWS_ENDPOINT_URL', { env: { AWS_ENDPOINT_URL: 'http://localhost:4566' } }, 'http://localhost:4566/', 'us-east-1', 'default', 'AWS_ENDPOINT_URL'],
  ['the endpoint option wins over the environment', { endpoint: 'http://127.0.0.1:9000/sts/', env: { AWS_ENDPOINT_URL_STS: 'https://sts.example' } }, 'http://127.0.0.1:9000/sts/', 'us-east-1', 'default', 'option'],
  ['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true ignores the variables', { env: { AWS_ENDPOINT_URL_STS: 'https://sts.example', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_REGION: 'eu-west-1' } }, 'https://sts.eu-west-1.amazonaws.com/', 'eu-west-1', 'AWS_REGION', 'regional'],
  ['…but not the option', { endpoint: new URL('https://vpce.example'), env: { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' } }, 'https://vpce.example/', 'us-east-1', 'default', 'option'],
  ['an explicit endpoint with aws-global signs us-east-1', { region: 'aws-global', endpoint: 'https://sts.example', env: {} }, 'https://sts.example/', 'us-east-1', 'option', 'option'],
];

describe('resolveStsEndpoint: region and endpoint table', () => {
  it.each(rows)('%s', (_name, options, url, signingRegion, regionSource, endpointSource) => {
    const endpoint = resolveStsEndpoint(options);
    expect({ url: endpoint.url, signingRegion: endpoint.signingRegion, regionSource: endpoint.regionSource, endpointSource: endpoint.endpointSource }).toEqual({ url, signingRegion, regionSource, endpointSource });
  });

  it('signs host:port for an endpoint with a port, and drops default ports', () => {
    expect(resolveStsEndpoint({ endpoint: 'http://127.0.0.1:4566', env: {} }).host).toBe('127.0.0.1:4566');
    expect(resolveStsEndpoint({ endpoint: 'https://sts.example:443/', env: {} }).host).toBe('sts.example');
    expect(resolveStsEndpoint({ region: 'eu-west-1', env: {} }).host).toBe('sts.eu-west-1.amazonaws.com');
  });

  it('names the partition', () => {
    expect(['eu-west-1', 'cn-northwest-1', 'us-gov-west-1', 'us-isob-east-1'].map((region) => resolveStsEndpoint({ region, env: {} }).partition)).toEqual(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso-b']);
  });

  it('lists the 16 legacy global-endpoint regions', () => {
    expect(STS_LEGACY_GLOBAL_REGIONS.size).toBe(16);
    for (const region of STS_LEGACY_GLOBAL_REGIONS) {
      if (region === 'aws-global') continue;
      expect(resolveStsEndpoint({ region, stsRegionalEndpoints: 'legacy', env: {} }).url).toBe('https://sts.amazonaws.com/');
    }
  });

  it('refuses unusable values with ERR_CONFIG_INVALID naming the setting', () => {
    const cases: [StsEndpointOptions, string][] = [
      [{ region: 'US East', env: {} }, 'the region option'],
      [{ env: { AWS_REGION: 'eu-west-1.evil.com' } }, 'AWS_REGION'],
      [{ env: { AWS_DEFAULT_REGION: 'eu_west_1' } }, 'AWS_DEFAULT_REGION'],
      [{ env: { AWS_STS_REGIONAL_ENDPOINTS: 'global' } }, 'AWS_STS_REGIONAL_ENDPOINTS'],
      [{ env: { AWS_USE_FIPS_ENDPOINT: 'yes' } }, 'AWS_USE_FIPS_ENDPOINT'],
      [{ env: { AWS_ENDPOINT_URL_STS: 'ftp://sts.example' } }, 'AWS_ENDPOINT_URL_STS'],
      [{ env: { AWS_ENDPOINT_URL: 'not a url' } }, 'AWS_ENDPOINT_URL'],
      [{ endpoint: 'https://user:pass@sts.example', env: {} }, 'the endpoint option'],
      [{ endpoint: 'https://sts.example/?x=1', env: {} }, 'the endpoint option'],
    ];
    for (const [options, named] of cases) {
      let error: unknown;
      try {
        resolveStsEndpoint(options);
      } catch (e) {
        error = e;
      }
      expect(isIamkitError(error, 'ERR_CONFIG_INVALID')).toBe(true);
      expect((error as Error).message).toContain(named);
      // A URL's user and password never reach the message.
      expect((error as Error).message).not.toContain('pass@');
    }
  });
});
