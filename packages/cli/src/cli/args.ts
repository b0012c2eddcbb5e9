import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CommonOptions } from '../shared/common-options.js';
import type { CommandContext } from './context.js';
import { parseCount, parseDuration } from './durations.js';
import { usageError } from './usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The flags every command takes. */
export const COMMON_FLAGS = {
  profile: { type: 'string' },
  region: { type: 'string' },
  'endpoint-url': { type: 'string' },
  timeout: { type: 'string' },
  retries: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

export type ParsedValues = Record<string, string | boolean | string[] | undefined>;

/** `util.parseArgs`, strict, with its errors turned into usage errors that say what to do. */
export function parse(argv: readonly string[], options: Options, allowPositionals = false): { readonly values: ParsedValues; readonly positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, strict: true, allowPositionals });
    return { values: values as ParsedValues, positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw usageError(message.replace(/\. To specify a positional argument.*$/s, '.'), error);
  }
}

export function stringValue(values: ParsedValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The global flags as {@link CommonOptions}, with the command's surroundings (environment, clock,
 * file reader) and its spinner as the progress callback: what every command that resolves
 * credentials hands on.
 */
export function commonOptions(values: ParsedValues, context: CommandContext): CommonOptions {
  const endpointUrl = stringValue(values, 'endpoint-url');
  if (endpointUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(endpointUrl);
    } catch {
      url = undefined;
    }
    if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw usageError(`--endpoint-url takes an http(s) URL such as https://sts.eu-west-1.amazonaws.com, not ${JSON.stringify(endpointUrl)}.`);
  }
  const timeout = stringValue(values, 'timeout');
  const retries = stringValue(values, 'retries');
  const profile = stringValue(values, 'profile');
  if (profile?.trim() === '') throw usageError('--profile needs a profile name.');
  return {
    profile,
    region: stringValue(values, 'region'),
    endpointUrl,
    timeoutMs: timeout === undefined ? undefined : parseDuration('--timeout', timeout),
    retries: retries === undefined ? undefined : parseCount('--retries', retries, 0, 10),
    env: context.env,
    now: context.now,
    readFile: context.readFile,
    onProgress: (step) => {
      context.spinner.update(step);
    },
  };
}
