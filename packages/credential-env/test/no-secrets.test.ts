import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isIamkitError } from '@iamkit/credentials';
import { fromEnv } from '../src/index.js';

const ID = 'ASIAENVEXAMPLE123456';
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDexampletokenvalue0123456789';
const now = (): number => Date.parse('2026-03-01T00:00:00Z');

// Every way fromEnv can fail while secrets sit in the environment.
const failures: Record<string, string>[] = [
  { AWS_SECRET_ACCESS_KEY: SECRET },
  { AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN },
  { AWS_ACCESS_KEY_ID: ID, AWS_SESSION_TOKEN: TOKEN },
  { AWS_SESSION_TOKEN: TOKEN },
  { AWS_SESSION_TOKEN: TOKEN, AWS_CREDENTIAL_EXPIRATION: '2030-01-01T00:00:00Z' },
  { AWS_ACCESS_KEY_ID: ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN, AWS_CREDENTIAL_EXPIRATION: '2020-01-01T00:00:00Z' },
  // A secret pasted into the wrong variable is not echoed either.
  { AWS_ACCESS_KEY_ID: ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_CREDENTIAL_EXPIRATION: SECRET },
  { AWS_ACCESS_KEY_ID: ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN, AWS_CREDENTIAL_EXPIRATION: TOKEN },
  {},
];

describe('fromEnv never leaks a secret', () => {
  it('in the message, util.inspect or JSON of any error', async () => {
    const errors: unknown[] = [];
    for (const env of failures) errors.push(await fromEnv({ env, now })().then(() => undefined, (e: unknown) => e));
    expect(errors.every((e) => isIamkitError(e))).toBe(true);
    for (const error of errors) {
      for (const view of [(error as Error).message, (error as Error).stack ?? '', inspect(error, { depth: 10 }), JSON.stringify(error)]) {
        expect(view).not.toContain(SECRET);
        expect(view).not.toContain(TOKEN);
        expect(view).not.toContain(TOKEN.slice(0, 30));
      }
    }
  });

  it('in util.inspect or JSON of the credentials', async () => {
    const creds = await fromEnv({ env: { AWS_ACCESS_KEY_ID: ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN } })();
    for (const view of [inspect(creds), JSON.stringify(creds), JSON.stringify({ creds })]) {
      expect(view).not.toContain(SECRET);
      expect(view).not.toContain(TOKEN);
    }
  });
});
