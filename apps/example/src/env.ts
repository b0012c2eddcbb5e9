// The one place the example reads process.env: everything else takes an injected Env.
import type { Env } from '@iamkit/credentials';

/** The process's environment, for the credential chain and the demo's settings. */
export function processEnv(): Env {
  return process.env;
}
