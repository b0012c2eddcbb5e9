const REGION = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

/**
 * The signing service and region an AWS host name implies: `sts.eu-west-1.amazonaws.com` → sts,
 * eu-west-1; `sts.amazonaws.com` → sts, us-east-1; `bucket.s3.us-west-2.amazonaws.com` → s3,
 * us-west-2; `abc.execute-api.eu-west-1.amazonaws.com` → execute-api. Nothing for other hosts.
 */
export function inferScope(host: string): { readonly service?: string; readonly region?: string } {
  const name = host.toLowerCase().replace(/:\d+$/, '');
  if (name.endsWith('.on.aws')) {
    const labels = name.slice(0, -'.on.aws'.length).split('.');
    const region = labels.find((label) => REGION.test(label));
    return labels.includes('lambda-url') ? { service: 'lambda', ...(region === undefined ? {} : { region }) } : {};
  }
  const suffix = ['.amazonaws.com.cn', '.amazonaws.com'].find((s) => name.endsWith(s));
  if (suffix === undefined) return {};
  const labels = name.slice(0, -suffix.length).split('.');
  const regionAt = labels.findIndex((label) => REGION.test(label));
  const region = regionAt === -1 ? undefined : labels[regionAt];
  const s3 = labels.find((label) => label === 's3' || label.startsWith('s3-'));
  if (s3 !== undefined) {
    const dashed = s3.slice(3);
    return { service: 's3', ...(region !== undefined ? { region } : REGION.test(dashed) ? { region: dashed } : { region: 'us-east-1' }) };
  }
  if (labels.includes('execute-api')) return { service: 'execute-api', ...(region === undefined ? {} : { region }) };
  const service = (regionAt > 0 ? labels[regionAt - 1] : labels.at(-1))?.replace(/-fips$/, '');
  if (service === undefined || service === '') return {};
  // Global endpoints (sts.amazonaws.com, iam.amazonaws.com) sign for us-east-1.
  return { service, region: region ?? 'us-east-1' };
}
