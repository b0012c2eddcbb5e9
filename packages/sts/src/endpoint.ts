import { IamkitError, resolveEnv, type Env } from '@iamkit/credentials';

/**
 * Where the region came from, in the order they are consulted.
 *
 * @example
 * ```ts
 * const source: StsRegionSource = resolveStsEndpoint({ env: {} }).regionSource; // 'default'
 * ```
 * @public
 */
export type StsRegionSource = 'option' | 'AWS_REGION' | 'AWS_DEFAULT_REGION' | 'profile' | 'default';

/**
 * Where the endpoint came from: an explicit URL (option or environment), or built from the
 * region (regional, legacy global, FIPS).
 *
 * @example
 * ```ts
 * const source: StsEndpointSource = 'AWS_ENDPOINT_URL_STS';
 * ```
 * @public
 */
export type StsEndpointSource = 'option' | 'AWS_ENDPOINT_URL_STS' | 'AWS_ENDPOINT_URL' | 'regional' | 'global' | 'fips';

/**
 * Inputs of {@link resolveStsEndpoint}.
 *
 * @example
 * ```ts
 * resolveStsEndpoint({ region: 'eu-west-1', stsRegionalEndpoints: 'legacy', env: {} });
 * ```
 * @public
 */
export interface StsEndpointOptions {
  /** Wins over every environment variable. */
  readonly region?: string | undefined;
  /** An endpoint URL for tests and private endpoints; wins over `AWS_ENDPOINT_URL_STS` and `AWS_ENDPOINT_URL`. */
  readonly endpoint?: string | URL | undefined;
  /** The profile's `region`, used after `AWS_REGION` and `AWS_DEFAULT_REGION`. */
  readonly profileRegion?: string | undefined;
  /** `'legacy'` uses the global endpoint for the 16 legacy regions; default from `AWS_STS_REGIONAL_ENDPOINTS`, else `'regional'`. */
  readonly stsRegionalEndpoints?: 'regional' | 'legacy' | undefined;
  /** FIPS endpoints; default from `AWS_USE_FIPS_ENDPOINT`, else false. */
  readonly useFipsEndpoint?: boolean | undefined;
  /** Default `process.env`. */
  readonly env?: Env | undefined;
}

/**
 * The endpoint a client sends to, and the region it signs for.
 *
 * @example
 * ```ts
 * const endpoint: StsEndpoint = resolveStsEndpoint({ region: 'eu-west-1', env: {} });
 * endpoint.url;           // 'https://sts.eu-west-1.amazonaws.com/'
 * endpoint.signingRegion; // 'eu-west-1'
 * ```
 * @public
 */
export interface StsEndpoint {
  /** Origin and path, e.g. `https://sts.eu-west-1.amazonaws.com/`. */
  readonly url: string;
  /** What is signed as `host`: the host name, with the port when the URL has one. */
  readonly host: string;
  readonly region: string;
  /** The credential-scope region: `us-east-1` on the global endpoint, else `region`. */
  readonly signingRegion: string;
  readonly regionSource: StsRegionSource;
  readonly endpointSource: StsEndpointSource;
  /** `aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, `aws-iso-b`, `aws-iso-e`, `aws-iso-f`. */
  readonly partition: string;
}

/**
 * The regions that the legacy global endpoint `sts.amazonaws.com` served before regional
 * endpoints became the default (and `aws-global`, which always means it).
 *
 * @example
 * ```ts
 * STS_LEGACY_GLOBAL_REGIONS.has('eu-west-1'); // true
 * ```
 * @public
 */
export const STS_LEGACY_GLOBAL_REGIONS: ReadonlySet<string> = new Set([
  'ap-northeast-1',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'aws-global',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
]);

const PARTITIONS: readonly (readonly [prefix: string, partition: string, suffix: string])[] = [
  ['cn-', 'aws-cn', 'amazonaws.com.cn'],
  ['us-gov-', 'aws-us-gov', 'amazonaws.com'],
  ['us-isob-', 'aws-iso-b', 'sc2s.sgov.gov'],
  ['us-isof-', 'aws-iso-f', 'csp.hci.ic.gov'],
  ['us-iso-', 'aws-iso', 'c2s.ic.gov'],
  ['eu-isoe-', 'aws-iso-e', 'cloud.adc-e.uk'],
];

const REGION = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function invalid(message: string): IamkitError {
  return new IamkitError({ code: 'ERR_CONFIG_INVALID', source: 'sts', message: `sts: ${message}` });
}

function setting(value: string | undefined): string | undefined {
  const text = value?.trim();
  return text === undefined || text === '' ? undefined : text;
}

function pickRegion(options: StsEndpointOptions, env: Env): { region: string; regionSource: StsRegionSource } {
  const candidates: [string | undefined, StsRegionSource, string][] = [
    [setting(options.region), 'option', 'the region option'],
    [setting(env.AWS_REGION), 'AWS_REGION', 'AWS_REGION'],
    [setting(env.AWS_DEFAULT_REGION), 'AWS_DEFAULT_REGION', 'AWS_DEFAULT_REGION'],
    [setting(options.profileRegion), 'profile', 'the profile region'],
  ];
  for (const [value, source, name] of candidates) {
    if (value === undefined) continue;
    if (!REGION.test(value) || value.length > 64) throw invalid(`${name} is ${JSON.stringify(value.slice(0, 64))}, which is not a region name such as us-east-1; fix ${name}.`);
    return { region: value, regionSource: source };
  }
  return { region: 'us-east-1', regionSource: 'default' };
}

function pickBoolean(option: boolean | undefined, value: string | undefined, name: string): boolean {
  if (option !== undefined) return option;
  const text = setting(value)?.toLowerCase();
  if (text === undefined || text === 'false') return false;
  if (text === 'true') return true;
  throw invalid(`${name} must be "true" or "false", not ${JSON.stringify(value?.slice(0, 32))}.`);
}

function pickMode(option: 'regional' | 'legacy' | undefined, value: string | undefined): 'regional' | 'legacy' {
  if (option !== undefined) return option;
  const text = setting(value)?.toLowerCase();
  if (text === undefined || text === 'regional') return 'regional';
  if (text === 'legacy') return 'legacy';
  throw invalid(`AWS_STS_REGIONAL_ENDPOINTS must be "regional" or "legacy", not ${JSON.stringify(value?.slice(0, 32))}.`);
}

function explicitUrl(value: string | URL, name: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(`${name} is not a URL; set it to e.g. https://sts.eu-west-1.amazonaws.com or http://127.0.0.1:8080.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid(`${name} must be an http(s) URL, not ${url.protocol}.`);
  if (url.username !== '' || url.password !== '') throw invalid(`${name} must not carry a user name or password.`);
  if (url.search !== '' || url.hash !== '') throw invalid(`${name} must not have a query string or fragment.`);
  return url;
}

/**
 * Decides the STS endpoint and signing region, purely from its inputs (reference §7):
 *
 * - region: the `region` option, `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile region, else
 *   `us-east-1` (`regionSource: 'default'`);
 * - endpoint: the `endpoint` option, `AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL` (both ignored when
 *   `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`), else built from the region: regional
 *   `https://sts.<region>.<partition domain>` (China: `amazonaws.com.cn`), FIPS
 *   `https://sts-fips.<region>.amazonaws.com` (GovCloud's regional endpoints are FIPS already),
 *   or, with `AWS_STS_REGIONAL_ENDPOINTS=legacy` and one of the 16 legacy regions, the global
 *   `https://sts.amazonaws.com` signed for us-east-1. GovCloud and China have no global endpoint.
 *
 * An unusable value is `ERR_CONFIG_INVALID` naming the option or variable. Pure when `env` is
 * given (it defaults to `process.env`).
 *
 * @example
 * ```ts
 * resolveStsEndpoint({ env: { AWS_REGION: 'eu-west-1', AWS_STS_REGIONAL_ENDPOINTS: 'legacy' } });
 * // { url: 'https://sts.amazonaws.com/', signingRegion: 'us-east-1', region: 'eu-west-1', endpointSource: 'global', … }
 * ```
 * @public
 */
export function resolveStsEndpoint(options: StsEndpointOptions = {}): StsEndpoint {
  const env = resolveEnv(options.env);
  const { region, regionSource } = pickRegion(options, env);
  const fips = pickBoolean(options.useFipsEndpoint, env.AWS_USE_FIPS_ENDPOINT, 'AWS_USE_FIPS_ENDPOINT');
  const mode = pickMode(options.stsRegionalEndpoints, env.AWS_STS_REGIONAL_ENDPOINTS);
  const [, partition, suffix] = PARTITIONS.find(([prefix]) => region.startsWith(prefix)) ?? ['', 'aws', 'amazonaws.com'];
  const ignoreEnv = pickBoolean(undefined, env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS');

  const explicit: [string | URL | undefined, StsEndpointSource, string][] = [
    [options.endpoint, 'option', 'the endpoint option'],
    [ignoreEnv ? undefined : setting(env.AWS_ENDPOINT_URL_STS), 'AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL_STS'],
    [ignoreEnv ? undefined : setting(env.AWS_ENDPOINT_URL), 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL'],
  ];
  for (const [value, endpointSource, name] of explicit) {
    if (value === undefined || value === '') continue;
    const url = explicitUrl(value, name);
    const signingRegion = region === 'aws-global' ? 'us-east-1' : region;
    return { url: `${url.origin}${url.pathname}`, host: url.host, region, signingRegion, regionSource, endpointSource, partition };
  }

  let host: string;
  let endpointSource: StsEndpointSource;
  if (region === 'aws-global' || (!fips && mode === 'legacy' && partition === 'aws' && STS_LEGACY_GLOBAL_REGIONS.has(region))) {
    host = 'sts.amazonaws.com';
    endpointSource = 'global';
  } else if (fips && partition !== 'aws-us-gov') {
    host = `sts-fips.${region}.${suffix}`;
    endpointSource = 'fips';
  } else {
    host = `sts.${region}.${suffix}`;
    endpointSource = fips ? 'fips' : 'regional';
  }
  const signingRegion = endpointSource === 'global' ? 'us-east-1' : region;
  return { url: `https://${host}/`, host, region, signingRegion, regionSource, endpointSource, partition };
}
