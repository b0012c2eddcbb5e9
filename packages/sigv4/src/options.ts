import { DEFAULT_PRESIGN_EXPIRES, MAX_PRESIGN_EXPIRES } from './constants.js';
import { SigV4Error } from './errors.js';
import { lowerToken } from './http-token.js';
import { checkPayloadHash } from './payload.js';
import type { PresignKnobs, SigningKnobs } from './types.js';

/** Validated knobs with defaults applied, computed once per signer (or per call). @internal */
export interface Knobs {
  readonly normalizePath: boolean;
  readonly doubleEncodePath: boolean;
  readonly signPayloadHashHeader: boolean;
  readonly payloadHash: string | undefined;
  readonly omitSessionToken: boolean;
  readonly unsignable: ReadonlySet<string> | undefined;
  readonly signable: ReadonlySet<string> | undefined;
  readonly unhoistable: ReadonlySet<string> | undefined;
  readonly expiresIn: number;
}

/** The defaults: AWS SDK behaviour for every service but S3. */
const DEFAULT_KNOBS: Knobs = Object.freeze({
  normalizePath: true,
  doubleEncodePath: true,
  signPayloadHashHeader: false,
  payloadHash: undefined,
  omitSessionToken: false,
  unsignable: undefined,
  signable: undefined,
  unhoistable: undefined,
  expiresIn: DEFAULT_PRESIGN_EXPIRES,
});

function invalidOption(name: string, expected: string): SigV4Error {
  return new SigV4Error('ERR_SIGV4_INVALID_OPTIONS', `options.${name} must be ${expected}.`);
}

function flag(value: unknown, name: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  throw invalidOption(name, 'true or false');
}

function nameSet(value: unknown, name: string, fallback: ReadonlySet<string> | undefined): ReadonlySet<string> | undefined {
  if (value === undefined) return fallback;
  if (value === null || typeof value !== 'object' || !(Symbol.iterator in value)) {
    throw invalidOption(name, 'an array (or Set) of header names');
  }
  const names = new Set<string>();
  for (const item of value as Iterable<unknown>) {
    const lower = typeof item === 'string' ? lowerToken(item) : undefined;
    if (lower === undefined) throw invalidOption(name, 'a list of valid header names');
    names.add(lower);
  }
  return names;
}

/**
 * Validates `expiresIn`: a whole number of seconds from 1 to 604800.
 */
function checkExpiresIn(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_PRESIGN_EXPIRES) return value;
  throw new SigV4Error(
    'ERR_SIGV4_INVALID_EXPIRES',
    `expiresIn must be a whole number of seconds from 1 to ${MAX_PRESIGN_EXPIRES} (7 days); AWS rejects longer presigned URLs. Fix options.expiresIn.`,
  );
}

/** Validates knobs over a base (the defaults, or a signer's own settings). @internal */
export function prepareKnobs(options: SigningKnobs & PresignKnobs, base: Knobs = DEFAULT_KNOBS): Knobs {
  return {
    normalizePath: flag(options.normalizePath, 'normalizePath', base.normalizePath),
    doubleEncodePath: flag(options.doubleEncodePath, 'doubleEncodePath', base.doubleEncodePath),
    signPayloadHashHeader: flag(options.signPayloadHashHeader, 'signPayloadHashHeader', base.signPayloadHashHeader),
    payloadHash: options.payloadHash === undefined ? base.payloadHash : checkPayloadHash(options.payloadHash, 'options.payloadHash'),
    omitSessionToken: flag(options.omitSessionTokenFromSignature, 'omitSessionTokenFromSignature', base.omitSessionToken),
    unsignable: nameSet(options.unsignableHeaders, 'unsignableHeaders', base.unsignable),
    signable: nameSet(options.signableHeaders, 'signableHeaders', base.signable),
    unhoistable: nameSet(options.unhoistableHeaders, 'unhoistableHeaders', base.unhoistable),
    expiresIn: options.expiresIn === undefined ? base.expiresIn : checkExpiresIn(options.expiresIn),
  };
}
