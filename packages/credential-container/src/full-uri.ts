import { IamkitError, scrubSecrets } from '@iamkit/credentials';
import { ipv6Groups, isIpv4Mapped, sameGroups } from './ipv6.js';

const SOURCE = 'container';

// The hosts AWS lets an `http` FULL_URI name: loopback, the ECS agent and the EKS Pod Identity
// agent. Anything else must be https, so the credentials never cross a network in clear text.
const LOOPBACK_V6 = [0, 0, 0, 0, 0, 0, 0, 1];
const POD_IDENTITY_V6 = [0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x23];
const ALLOWED_V4 = new Set(['169.254.170.2', '169.254.170.23']);
// One decimal octet, 0–255, without leading zeros (a leading zero means octal to some parsers).
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const LOOPBACK_V4 = new RegExp(`^127\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);
const DOTTED_DECIMAL = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);

/**
 * The hosts an `http` `AWS_CONTAINER_CREDENTIALS_FULL_URI` may name, as a sentence for messages.
 *
 * @example
 * ```ts
 * console.log(`allowed: ${ALLOWED_HTTP_HOSTS}`);
 * ```
 * @public
 */
export const ALLOWED_HTTP_HOSTS = 'localhost, 127.x.y.z, [::1], 169.254.170.2 (ECS), 169.254.170.23 or [fd00:ec2::23] (EKS Pod Identity)';

/**
 * Checks a FULL_URI the way the AWS SDKs do, but on the text as written: any `https` URL, or an
 * `http` URL whose host is in the allowlist. The host is never resolved (a name that resolves to
 * loopback is still refused), and the spellings a URL parser would quietly normalise into an
 * allowed address — `2130706433`, `0x7f.1`, `0177.0.0.1`, `[::ffff:127.0.0.1]`, `localhost.` —
 * are refused, as is any user-info part. `setting` names where the value came from, for the fix.
 * Throws `ERR_CONTAINER_HOST_NOT_ALLOWED` or `ERR_CONTAINER_URI_INVALID`.
 *
 * @example
 * ```ts
 * checkFullUri('http://127.0.0.1:8080/creds', 'AWS_CONTAINER_CREDENTIALS_FULL_URI'); // URL
 * checkFullUri('http://0x7f000001/creds', 'AWS_CONTAINER_CREDENTIALS_FULL_URI');     // throws ERR_CONTAINER_HOST_NOT_ALLOWED
 * ```
 * @public
 */
export function checkFullUri(value: string, setting: string): URL {
  const raw = value.trim();
  const invalid = (why: string): IamkitError =>
    new IamkitError({ code: 'ERR_CONTAINER_URI_INVALID', source: SOURCE, message: `${SOURCE}: ${setting} ${why}` });
  const refused = (why: string): IamkitError =>
    new IamkitError({
      code: 'ERR_CONTAINER_HOST_NOT_ALLOWED',
      source: SOURCE,
      message: `${SOURCE}: ${setting} is not allowed: ${why}. An http URL may only name ${ALLOWED_HTTP_HOSTS}; use https for any other host, or fix ${setting}.`,
    });

  if (/[\p{Cc}\s]/u.test(raw)) throw invalid('contains whitespace or a control character; set it to a plain http(s) URL.');
  const parts = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#\\]*)(.*)$/s.exec(raw);
  if (parts === null) throw invalid(`is not an absolute URL (${describe(raw)}); set it like http://127.0.0.1:51679/v2/credentials/<id>.`);
  const [, schemeText = '', authority = '', rest = ''] = parts;
  const scheme = schemeText.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') throw invalid(`uses the ${scheme}: scheme; only http and https are supported.`);
  if (authority.includes('@')) throw refused('it carries a user-info part (user@host), which hides the real host');
  if (rest !== '' && !/^[/?#]/.test(rest)) throw invalid(`is malformed after the host (${describe(raw)}).`);

  const hostPort = splitHostPort(authority);
  if (hostPort === undefined) throw invalid(`has no readable host and port (${describe(raw)}).`);
  const { host, port } = hostPort;
  if (port !== undefined && !(/^\d{0,5}$/.test(port) && Number(port || '0') <= 65535)) throw invalid(`has an invalid port ${describe(port)}.`);
  if (host === '') throw invalid('has no host.');
  if (scheme === 'http') {
    const why = httpHostProblem(host);
    if (why !== undefined) throw refused(why);
  }

  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid(`is not a valid URL (${describe(raw)}).`);
  }
  // Belt and braces: after the checks above the parser must see the very host that was checked.
  if (url.username !== '' || url.password !== '' || (scheme === 'http' && !sameHost(url.hostname, host))) {
    throw refused(`the URL parser reads its host as ${describe(url.hostname)}`);
  }
  return url;
}

/** Why an `http` host is refused, or `undefined` when it is allowed. */
function httpHostProblem(host: string): string | undefined {
  if (host.startsWith('[')) {
    const inner = host.slice(1, -1);
    const groups = ipv6Groups(inner);
    if (!host.endsWith(']') || groups === undefined) {
      return inner.includes('.') || inner.includes('%')
        ? `${describe(host)} is an IPv6 literal with an embedded IPv4 address or a zone id`
        : `${describe(host)} is not an IPv6 address`;
    }
    if (sameGroups(groups, LOOPBACK_V6) || sameGroups(groups, POD_IDENTITY_V6)) return undefined;
    if (isIpv4Mapped(groups)) return `${describe(host)} is an IPv4-mapped IPv6 address; write the IPv4 address itself`;
    return `${describe(host)} is not the IPv6 loopback or the EKS Pod Identity agent address`;
  }
  const lower = host.toLowerCase();
  if (lower === 'localhost' || LOOPBACK_V4.test(host) || ALLOWED_V4.has(host)) return undefined;
  if (lower.endsWith('.')) return `${describe(host)} ends with a dot; write the host without it`;
  if (DOTTED_DECIMAL.test(host)) return `${describe(host)} is neither loopback nor an ECS or EKS agent address`;
  if (/^(?:0x[0-9a-f]*|\d+)(?:\.(?:0x[0-9a-f]*|\d+)){0,3}$/i.test(host)) {
    return `${describe(host)} is an IPv4 address in a decimal, octal or hexadecimal spelling; write it in plain dotted decimal without leading zeros (e.g. 127.0.0.1)`;
  }
  return `${describe(host)} is a host name, and host names other than localhost are not resolved (a name that resolves to loopback is still refused)`;
}

function splitHostPort(authority: string): { host: string; port: string | undefined } | undefined {
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close === -1) return undefined;
    const after = authority.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) return undefined;
    return { host: authority.slice(0, close + 1), port: after === '' ? undefined : after.slice(1) };
  }
  const colon = authority.lastIndexOf(':');
  return colon === -1 ? { host: authority, port: undefined } : { host: authority.slice(0, colon), port: authority.slice(colon + 1) };
}

function sameHost(parsed: string, checked: string): boolean {
  if (checked.startsWith('[')) {
    const a = ipv6Groups(parsed.replace(/^\[|\]$/g, ''));
    const b = ipv6Groups(checked.slice(1, -1));
    return a !== undefined && b !== undefined && sameGroups(a, b);
  }
  return parsed === checked.toLowerCase();
}

// URIs are not secret, but a user-info part or a query string might be: neither is echoed, and
// what is echoed stays short and on one line.
function describe(text: string): string {
  const shown = scrubSecrets(text.replace(/^([^/]*\/\/)?[^/@]*@/, '$1…@').replace(/[?#].*$/s, ''));
  return JSON.stringify(shown.length > 80 ? `${shown.slice(0, 80)}…` : shown);
}
