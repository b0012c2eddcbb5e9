import { describe, expect, it } from 'vitest';
import { isIamkitError, isNotConfigured } from '@iamkit/credentials';
import { checkFullUri, fromContainerMetadata } from '../src/index.js';
import { rejectionOf } from './helpers/runtime.js';

const VAR = 'AWS_CONTAINER_CREDENTIALS_FULL_URI';

// Every spelling AWS allows for an http FULL_URI, and what the parser must then fetch.
const allowed: [uri: string, href: string][] = [
  ['http://localhost/creds', 'http://localhost/creds'],
  ['http://LOCALHOST:8080/creds', 'http://localhost:8080/creds'],
  ['http://127.0.0.1:51679/v2/credentials/abc', 'http://127.0.0.1:51679/v2/credentials/abc'],
  ['http://127.1.2.3/x', 'http://127.1.2.3/x'],
  ['http://127.255.255.255/x', 'http://127.255.255.255/x'],
  ['http://[::1]:8080/x', 'http://[::1]:8080/x'],
  ['http://[0:0:0:0:0:0:0:1]/x', 'http://[::1]/x'],
  ['http://[0000:0000:0000:0000:0000:0000:0000:0001]/x', 'http://[::1]/x'],
  ['http://169.254.170.2/v2/credentials/abc', 'http://169.254.170.2/v2/credentials/abc'],
  ['http://169.254.170.23/v1/credentials', 'http://169.254.170.23/v1/credentials'],
  ['http://[fd00:ec2::23]/v1/credentials', 'http://[fd00:ec2::23]/v1/credentials'],
  ['http://[FD00:0EC2:0:0:0:0:0:23]:80/v1/credentials', 'http://[fd00:ec2::23]/v1/credentials'],
  ['https://credentials.example.com/role', 'https://credentials.example.com/role'],
  ['https://10.0.0.5:8443/creds', 'https://10.0.0.5:8443/creds'],
  ['  http://127.0.0.1/x\n', 'http://127.0.0.1/x'],
  ['http://127.0.0.1', 'http://127.0.0.1/'],
  ['http://127.0.0.1?role=a', 'http://127.0.0.1/?role=a'],
];

// Hosts outside the allowlist and the URL tricks a parser would normalise into an allowed host.
const refused: [uri: string, why: RegExp][] = [
  ['http://example.com/creds', /host name.*not resolved/],
  ['http://localtest.me/creds', /host name.*not resolved/],
  ['http://localhost./creds', /ends with a dot/],
  ['http://127.0.0.1./creds', /ends with a dot/],
  ['http://2130706433/creds', /decimal, octal or hexadecimal/],
  ['http://0x7f000001/creds', /decimal, octal or hexadecimal/],
  ['http://0x7f.0.0.1/creds', /decimal, octal or hexadecimal/],
  ['http://0177.0.0.1/creds', /decimal, octal or hexadecimal/],
  ['http://127.1/creds', /decimal, octal or hexadecimal/],
  ['http://127.000.000.001/creds', /decimal, octal or hexadecimal/],
  ['http://[::ffff:127.0.0.1]/creds', /embedded IPv4/],
  ['http://[::ffff:7f00:1]/creds', /IPv4-mapped/],
  ['http://[0:0:0:0:0:ffff:7f00:1]/creds', /IPv4-mapped/],
  ['http://[::1%25eth0]/creds', /zone id/],
  ['http://[::2]/creds', /not the IPv6 loopback/],
  ['http://user:pass@127.0.0.1/creds', /user-info/],
  ['http://127.0.0.1@evil.example/creds', /user-info/],
  ['https://user@credentials.example.com/creds', /user-info/],
  ['http://10.0.0.1/creds', /neither loopback nor an ECS or EKS agent/],
  ['http://169.254.169.254/latest/meta-data/', /neither loopback nor an ECS or EKS agent/],
  ['http://169.254.170.3/creds', /neither loopback nor an ECS or EKS agent/],
  ['http://128.0.0.1/creds', /neither loopback/],
];

const invalid: string[] = [
  'ftp://127.0.0.1/creds',
  '127.0.0.1/creds',
  '/v2/credentials/abc',
  'http://127.0.0.1:99999/creds',
  'http://127.0.0.1:8o/creds',
  'http://127.0.0.1/cr eds',
  'http://127.0.0.1\\@evil.example/',
  'http:///creds',
  'http://[::1/creds',
];

describe('checkFullUri: the http host allowlist, on the text as written', () => {
  it.each(allowed)('allows %s', (uri, href) => {
    expect(checkFullUri(uri, VAR).href).toBe(href);
  });

  it.each(refused)('refuses %s with ERR_CONTAINER_HOST_NOT_ALLOWED', (uri, why) => {
    let error: unknown;
    try {
      checkFullUri(uri, VAR);
    } catch (caught) {
      error = caught;
    }
    expect(isIamkitError(error, 'ERR_CONTAINER_HOST_NOT_ALLOWED')).toBe(true);
    const { message } = error as Error;
    expect(message).toMatch(why);
    expect(message).toContain(VAR);
    expect(message).toContain('use https');
    // The user-info part is never echoed.
    expect(message).not.toContain('pass');
  });

  it.each(invalid)('refuses the malformed %j with ERR_CONTAINER_URI_INVALID naming the variable', (uri) => {
    let error: unknown;
    try {
      checkFullUri(uri, VAR);
    } catch (caught) {
      error = caught;
    }
    expect(isIamkitError(error, 'ERR_CONTAINER_URI_INVALID') || isIamkitError(error, 'ERR_CONTAINER_HOST_NOT_ALLOWED')).toBe(true);
    expect((error as Error).message).toContain(VAR);
  });

  it('refuses through the provider before any request, and the error stops a chain (it is not "not configured")', async () => {
    const error = await rejectionOf(fromContainerMetadata({ env: { [VAR]: 'http://0x7f000001:1/creds' } })());
    expect(error.code).toBe('ERR_CONTAINER_HOST_NOT_ALLOWED');
    expect(isNotConfigured(error)).toBe(false);
  });
});
