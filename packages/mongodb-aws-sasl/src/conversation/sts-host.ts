import { mongoAwsError } from '../errors.js';

/** RFC 1035's limit on a host name, which the MONGODB-AWS spec applies to `h`. */
const MAX_HOST_BYTES = 255;

function shown(host: string): string {
  return JSON.stringify(host.length > 64 ? `${host.slice(0, 64)}…` : host);
}

/**
 * Checks the STS host `h` a server sent, as the MONGODB-AWS specification requires: 1 to 255
 * bytes and no empty label (so `abc..def`, `.abc.def` and `abc.def.` are refused). It also refuses
 * characters that cannot be part of an HTTP `Host` header (controls, spaces, `/ ? # @ \`), which
 * would otherwise change what gets signed. Returns the host unchanged; throws
 * `ERR_MONGODB_AWS_BAD_HOST`.
 *
 * Stricter than the `mongodb` driver 7.9, which checks only the length and `..`, and so signs
 * `.amazonaws.com` and `sts.amazonaws.` (for `us-east-1`).
 *
 * @example
 * ```ts
 * checkStsHost('sts.us-west-2.amazonaws.com'); // 'sts.us-west-2.amazonaws.com'
 * checkStsHost('sts.amazonaws.');              // throws ERR_MONGODB_AWS_BAD_HOST
 * ```
 * @public
 */
export function checkStsHost(host: unknown): string {
  if (typeof host !== 'string') {
    throw mongoAwsError('ERR_MONGODB_AWS_BAD_HOST', `the server sent an STS host that is not a string (${host === null ? 'null' : typeof host}).`);
  }
  const bytes = Buffer.byteLength(host, 'utf8');
  if (bytes < 1 || bytes > MAX_HOST_BYTES) {
    throw mongoAwsError('ERR_MONGODB_AWS_BAD_HOST', `the server sent an STS host of ${bytes} bytes ${shown(host)}; it must be 1 to ${MAX_HOST_BYTES} bytes. Check the server's awsSTSUrl.`);
  }
  if (host.split('.').includes('')) {
    throw mongoAwsError('ERR_MONGODB_AWS_BAD_HOST', `the server sent the STS host ${shown(host)}, which has an empty label (a leading, trailing or doubled "."). Check the server's awsSTSUrl.`);
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u0020\u007f/?#@\\]/.test(host)) {
    throw mongoAwsError('ERR_MONGODB_AWS_BAD_HOST', `the server sent the STS host ${shown(host)}, which holds a character that cannot be in an HTTP Host header.`);
  }
  return host;
}

/**
 * The signing region for an STS host, by the MONGODB-AWS specification's table: `sts.amazonaws.com`
 * → `us-east-1`; a host with a `.` → its second label (`sts.us-west-2.amazonaws.com` →
 * `us-west-2`, `example.com` → `com`); a host without one (`localhost`) → `us-east-1`. Checks the
 * host first ({@link checkStsHost}).
 *
 * The `mongodb` driver 7.9 differs: it also answers `us-east-1` for any host whose second label is
 * `amazonaws` (so `sts.amazonaws.com.cn` signs for `us-east-1` there, and for `amazonaws` here,
 * as the specification says).
 *
 * @example
 * ```ts
 * deriveStsRegion('sts.us-west-2.amazonaws.com'); // 'us-west-2'
 * deriveStsRegion('localhost');                   // 'us-east-1'
 * ```
 * @public
 */
export function deriveStsRegion(host: string): string {
  checkStsHost(host);
  if (host === 'sts.amazonaws.com') return 'us-east-1';
  const labels = host.split('.');
  return labels.length > 1 ? (labels[1] ?? 'us-east-1') : 'us-east-1';
}
