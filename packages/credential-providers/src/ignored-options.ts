import { publishNotice } from './providers-diagnostics.js';

// Announced once per process and function + option, as the AWS SDK warns once.
const announced = new Set<string>();

/**
 * Publishes an `ignored-options` notice for the option names of `options` that `known` does not
 * list (and, for `clientConfig`, its keys that `knownClientConfig` does not list). Values are never
 * published: an SDK option may hold credentials.
 */
export function noteIgnoredOptions(fn: string, options: object | undefined, known: readonly string[], knownClientConfig: readonly string[] = []): void {
  if (typeof options !== 'object' || (options as unknown) === null) return;
  const ignored = Object.keys(options).filter((name) => !known.includes(name) && (options as Record<string, unknown>)[name] !== undefined);
  const clientConfig = (options as { clientConfig?: unknown }).clientConfig;
  if (known.includes('clientConfig') && typeof clientConfig === 'object' && clientConfig !== null) {
    for (const name of Object.keys(clientConfig)) {
      if (!knownClientConfig.includes(name) && (clientConfig as Record<string, unknown>)[name] !== undefined) ignored.push(`clientConfig.${name}`);
    }
  }
  const fresh = ignored.filter((name) => !announced.has(`${fn}:${name}`));
  if (fresh.length === 0) return;
  for (const name of fresh) announced.add(`${fn}:${name}`);
  publishNotice({
    kind: 'ignored-options',
    function: fn,
    options: fresh,
    message: `${fn}(): ignoring option${fresh.length === 1 ? '' : 's'} ${fresh.join(', ')}, which iamkit does not use (they belong to the AWS SDK).`,
  });
}
