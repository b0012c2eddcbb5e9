import { checkStsHost } from '../conversation/sts-host.js';
import { mongoAwsError } from '../errors.js';

/**
 * mongod's default `awsSTSUrl`.
 *
 * @example
 * ```ts
 * DEFAULT_STS_URL; // 'https://sts.amazonaws.com'
 * ```
 * @public
 */
export const DEFAULT_STS_URL = 'https://sts.amazonaws.com';

/**
 * The `h` mongod derives from its `awsSTSUrl`: the scheme removed, cut at the first `:` or `/`.
 * So `http://localhost:8000` gives `localhost`, which is also the `Host` sent to STS.
 *
 * @example
 * ```ts
 * stsHostFromUrl('http://127.0.0.1:4566/'); // '127.0.0.1'
 * ```
 * @public
 */
export function stsHostFromUrl(url: string | URL): string {
  const text = String(url);
  if (!/^https?:\/\//i.test(text)) {
    throw mongoAwsError('ERR_MONGODB_AWS_INVALID_OPTIONS', `stsUrl must be an http:// or https:// URL (mongod's awsSTSUrl), got ${JSON.stringify(text.slice(0, 100))}.`);
  }
  const rest = text.slice(text.indexOf('//') + 2);
  const cut = rest.search(/[:/]/);
  const host = cut < 0 ? rest : rest.slice(0, cut);
  try {
    return checkStsHost(host);
  } catch (error) {
    throw mongoAwsError('ERR_MONGODB_AWS_INVALID_OPTIONS', `stsUrl ${JSON.stringify(text.slice(0, 100))} gives the STS host ${JSON.stringify(host)}, which clients would refuse; pass stsHost or fix the URL.`, { cause: error });
  }
}
