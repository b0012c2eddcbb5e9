import type { CredentialProvider, CredentialProviderOptions, Credentials } from '@iamkit/credentials';

// The sources and the STS client are loaded on first use: importing this package then costs about
// what @iamkit/credentials costs, and a process that only ever uses one source never loads the
// others. (The CommonJS build turns these import()s into require()s; see tsup.config.ts.)
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => (loading ??= load());
}

export const loadSts = once(() => import('@iamkit/sts'));
export const loadContainer = once(() => import('@iamkit/credential-container'));
export const loadImds = once(() => import('@iamkit/credential-imds'));
export const loadIni = once(() => import('@iamkit/credential-ini'));
export const loadProcess = once(() => import('@iamkit/credential-process'));
export const loadWebIdentity = once(() => import('@iamkit/credential-web-identity'));

/**
 * A provider whose underlying provider is created on the first call (after its package is
 * loaded). `sourceName` names it for chain reports before it ever ran.
 */
export function lazyProvider(sourceName: string, create: () => Promise<CredentialProvider>): CredentialProvider {
  const made = once(create);
  const provider = async (options?: CredentialProviderOptions): Promise<Credentials> => (await made())(options);
  return Object.assign(provider, { sourceName });
}
