import { SigV4Error } from './errors.js';

function isScopeChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e || c === 0x5f;
}

/** 1–64 letters, digits, `.`, `_` or `-`: a region or service that cannot corrupt the credential scope. @internal */
export function isScopePart(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return false;
  for (let i = 0; i < value.length; i++) if (!isScopeChar(value.charCodeAt(i))) return false;
  return true;
}

/**
 * Validates a region: 1–64 letters, digits, `.`, `_` or `-` (`us-east-1`, and the second label of
 * any MONGODB-AWS host). A `/`, space or line break would corrupt the credential scope.
 * @internal
 */
export function checkRegion(region: unknown): string {
  if (isScopePart(region)) return region;
  throw new SigV4Error(
    'ERR_SIGV4_INVALID_REGION',
    typeof region === 'string' && region !== ''
      ? 'region must be 1–64 letters, digits, ".", "_" or "-" (e.g. us-east-1); set options.region or AWS_REGION correctly.'
      : 'region is missing; set options.region (e.g. us-east-1), or AWS_REGION for the callers that read it.',
  );
}

/** Validates a service name (`sts`, `s3`, `execute-api`, `rds-db`, …). @internal */
export function checkService(service: unknown): string {
  if (isScopePart(service)) return service;
  throw new SigV4Error(
    'ERR_SIGV4_INVALID_SERVICE',
    typeof service === 'string' && service !== ''
      ? 'service must be 1–64 letters, digits, ".", "_" or "-" (e.g. sts, s3, execute-api); fix options.service.'
      : 'service is missing; set options.service to the signing name of the AWS service (e.g. sts, s3, execute-api).',
  );
}

/** `YYYYMMDD/region/service/aws4_request`. @internal */
export function credentialScope(dateStamp: string, region: string, service: string): string {
  return `${dateStamp}/${region}/${service}/aws4_request`;
}
