import { createCredentials, type Credentials } from '../../src/index.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** Distinct, realistic-looking secrets per key id, so a leak of any of them can be detected. */
export function secretsFor(id: string): { secretAccessKey: string; sessionToken: string } {
  const base = Buffer.from(`secret-for-${id}-`.repeat(4)).toString('base64').replace(/=/g, '');
  return {
    secretAccessKey: base.slice(0, 40),
    sessionToken: `IQoJb3JpZ2luX2Vj${Buffer.from(`token-for-${id}-`.repeat(12)).toString('base64').replace(/=/g, '')}`,
  };
}

let counter = 0;

/** Temporary credentials that live `lifetimeMs` from `now`. */
export function temporaryCredentials(now: number, lifetimeMs: number, id = `ASIATESTKEY${String(++counter).padStart(9, '0')}`, source = 'test'): Credentials {
  return createCredentials({ accessKeyId: id, ...secretsFor(id), expiration: new Date(now + lifetimeMs) }, source);
}

/** Long-term credentials (no expiration). */
export function longTermCredentials(id = `AKIATESTKEY${String(++counter).padStart(9, '0')}`, source = 'test'): Credentials {
  return createCredentials({ accessKeyId: id, secretAccessKey: secretsFor(id).secretAccessKey }, source);
}
