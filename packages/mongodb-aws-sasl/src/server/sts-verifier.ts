import type { StsRequest } from '../conversation/sts-request.js';

/**
 * What a verifier found: the caller's ARN, or why STS said no.
 *
 * @example
 * ```ts
 * const ok: StsVerdict = { arn: 'arn:aws:iam::123456789012:user/Alice' };
 * const no: StsVerdict = { error: 'The security token included in the request is expired', stsCode: 'ExpiredToken', status: 403 };
 * ```
 * @public
 */
export type StsVerdict =
  | { readonly arn: string; readonly error?: undefined }
  | {
      readonly error: string;
      /** STS's error code: `SignatureDoesNotMatch`, `ExpiredToken`, `InvalidClientTokenId`, … */
      readonly stsCode?: string | undefined;
      /** The HTTP status STS answered with; `0` when it could not be reached. */
      readonly status?: number | undefined;
      /** True when STS could not be asked (network, 5xx, no Arn) rather than refusing. */
      readonly unavailable?: boolean | undefined;
      readonly arn?: undefined;
    };

/**
 * Checks the STS request a MONGODB-AWS server rebuilt, as STS does: it resolves to the ARN of
 * the signer, or to the reason for refusal. A throw counts as "STS unavailable". Two are ready:
 * {@link createHttpStsVerifier} (forwards it to an STS endpoint, as mongod does) and
 * {@link createLocalStsVerifier} (checks it in-process against a key table).
 *
 * @example
 * ```ts
 * const verify: StsVerifier = async (request) => ({ arn: 'arn:aws:iam::123456789012:user/Alice' }); // accepts anything: tests only
 * ```
 * @public
 */
export type StsVerifier = (request: StsRequest) => Promise<StsVerdict>;
