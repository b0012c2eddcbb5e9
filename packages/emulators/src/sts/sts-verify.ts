import type { StsWireRequest } from './sts-auth.js';
import type { StsOutcome } from './sts-routes.js';

/**
 * One request the STS emulator answered: what was asked, by whom, and how it ended. Access key
 * ids are not secret; nothing else about the credentials is kept.
 *
 * @example
 * ```ts
 * expect(sts.calls.map((c) => [c.action, c.code ?? c.status])).toEqual([['AssumeRole', 200], ['GetCallerIdentity', 'ExpiredToken']]);
 * ```
 * @public
 */
export interface StsCall {
  readonly seq: number;
  /** By the emulator's clock. */
  readonly time: Date;
  /** Over HTTP, or in process through `verify()`. */
  readonly via: 'http' | 'verify';
  readonly action: string | undefined;
  /** The access key id the request was signed with, when it got that far. */
  readonly accessKeyId: string | undefined;
  /** The authenticated caller's ARN. */
  readonly arn: string | undefined;
  readonly status: number;
  /** STS's error code, for a failure. */
  readonly code: string | undefined;
}

/**
 * A request for {@link StsEmulator.verify}: what the MongoDB server would forward to STS.
 * Header names are case-insensitive; repeated values are joined with `,`.
 *
 * @example
 * ```ts
 * sts.verify({ headers: { Host: 'localhost', 'X-Amz-Date': d, Authorization: a, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': '43', … }, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
 * ```
 * @public
 */
export interface StsVerifyRequest {
  /** Default `POST`. */
  readonly method?: string | undefined;
  /** Path and query; default `/`. */
  readonly path?: string | undefined;
  readonly headers: Readonly<Record<string, string | number | readonly string[] | undefined>>;
  readonly body?: string | Uint8Array | undefined;
}

/**
 * The caller STS identified.
 *
 * @example
 * ```ts
 * const who: StsCallerIdentity = { arn: 'arn:aws:iam::123456789012:user/Alice', account: '123456789012', userId: 'AIDA…', accessKeyId: 'AKIA…' };
 * ```
 * @public
 */
export interface StsCallerIdentity {
  readonly arn: string;
  readonly account: string;
  readonly userId: string;
  readonly accessKeyId: string;
}

/**
 * What {@link StsEmulator.verify} decided, with the HTTP answer STS would have sent.
 *
 * @example
 * ```ts
 * const result = sts.verify(request);
 * if (!result.ok) console.log(result.code, result.message); // 'SignatureDoesNotMatch', 'The request signature we calculated…'
 * else console.log(result.identity?.arn);
 * ```
 * @public
 */
export interface StsVerifyResult {
  readonly ok: boolean;
  readonly status: number;
  readonly action: string | undefined;
  /** STS's error code and message on failure. */
  readonly code?: string | undefined;
  readonly message?: string | undefined;
  /** The signer, when the request was signed and verified. */
  readonly identity?: StsCallerIdentity | undefined;
  readonly response: { readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly body: string };
}

/** Normalises a verify request to what the HTTP listener sees. */
export function toWireRequest(request: StsVerifyRequest): StsWireRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(',') : String(value);
    const key = name.toLowerCase();
    headers[key] = key in headers ? `${headers[key] ?? ''},${text}` : text;
  }
  const body = request.body === undefined ? new Uint8Array(0) : typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body;
  return { method: (request.method ?? 'POST').toUpperCase(), target: request.path ?? '/', headers, body };
}

/** The public view of an outcome. */
export function verifyResult(outcome: StsOutcome): StsVerifyResult {
  const caller = outcome.caller;
  const { response, error } = outcome;
  return {
    ok: error === undefined,
    status: response.status,
    action: outcome.action,
    ...(error === undefined ? {} : { code: error.code, message: error.message }),
    ...(caller === undefined ? {} : { identity: { arn: caller.arn, account: caller.account, userId: caller.userId, accessKeyId: caller.accessKeyId } }),
    response: { status: response.status, headers: response.headers, body: response.body },
  };
}
