import { isSigV4Error } from '@iamkit/sigv4';
import { COMMON_FLAGS, commonOptions, parse, stringValue, type ParsedValues } from '../cli/args.js';
import type { CommandContext } from '../cli/context.js';
import { parseCount } from '../cli/durations.js';
import { EXIT_CODES, type ExitCode } from '../cli/exit-codes.js';
import { SIGN_HELP } from '../cli/help.js';
import { usageError } from '../cli/usage-error.js';
import { resolveCredentials } from '../shared/resolve-credentials.js';
import { collectSign, type SignInput } from './collect-sign.js';
import { inferScope } from './infer-scope.js';
import { renderSign } from './render-sign.js';

const FLAGS = {
  ...COMMON_FLAGS,
  explain: { type: 'boolean' },
  url: { type: 'string' },
  method: { type: 'string' },
  header: { type: 'string', multiple: true },
  body: { type: 'string' },
  'body-file': { type: 'string' },
  service: { type: 'string' },
  date: { type: 'string' },
  presign: { type: 'boolean' },
  expires: { type: 'string' },
  compare: { type: 'string' },
  'access-key-id': { type: 'string' },
  'secret-from-env': { type: 'string' },
  'session-token-from-env': { type: 'string' },
} as const;

// Options people reach for that would put a secret into shell history: refused, never echoed.
const SECRET_FLAGS = /^--(?:aws-)?(?:secret(?:-access)?(?:-key)?|session-token|security-token)(?:=|$)/;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const WARNING = 'iamkit: offline signing: the secret is read from the environment variable you named. Never type a secret key on a command line — shell history and `ps` keep it.\n';

function headersOf(values: ParsedValues): [string, string][] {
  const given = values.header;
  const list = Array.isArray(given) ? given : [];
  return list.map((header) => {
    const colon = header.indexOf(':');
    if (colon <= 0) throw usageError(`--header takes "name: value", not ${JSON.stringify(header)}.`);
    return [header.slice(0, colon).trim(), header.slice(colon + 1).trimStart()];
  });
}

function variable(context: CommandContext, option: string, name: string): string {
  if (!VARIABLE_NAME.test(name)) {
    throw usageError(`${option} takes the NAME of an environment variable (such as AWS_SECRET_ACCESS_KEY), not a value. If you typed a secret here, it is now in your shell history: rotate it.`);
  }
  const value = context.env[name];
  if (value === undefined || value === '') throw usageError(`${option}: the environment variable ${name} is not set (or empty).`);
  context.secrets.add(value);
  return value;
}

async function credentialsFor(values: ParsedValues, context: CommandContext): Promise<{ credentials: SignInput['credentials']; source: string } | ExitCode> {
  const accessKeyId = stringValue(values, 'access-key-id');
  const secretVar = stringValue(values, 'secret-from-env');
  const tokenVar = stringValue(values, 'session-token-from-env');
  if (accessKeyId === undefined) {
    if (secretVar !== undefined || tokenVar !== undefined) throw usageError('--secret-from-env and --session-token-from-env go with --access-key-id (offline signing).');
    const resolved = await resolveCredentials(commonOptions(values, context));
    if (resolved.credentials === undefined) {
      context.err(`iamkit: no credentials to sign with: ${resolved.error?.message ?? 'the default chain found none'}\nRun iamkit doctor for details, or sign offline with --access-key-id and --secret-from-env.\n`);
      return EXIT_CODES.noCredentials;
    }
    context.secrets.add(resolved.credentials.secretAccessKey, resolved.credentials.sessionToken);
    return { credentials: resolved.credentials, source: resolved.chain.decidedBy ?? 'default chain' };
  }
  if (secretVar === undefined) throw usageError('--access-key-id needs --secret-from-env NAME: the name of the environment variable that holds the secret key.');
  context.err(WARNING);
  const secretAccessKey = variable(context, '--secret-from-env', secretVar);
  const sessionToken = tokenVar === undefined ? undefined : variable(context, '--session-token-from-env', tokenVar);
  return { credentials: { accessKeyId, secretAccessKey, sessionToken }, source: '--access-key-id' };
}

async function bodyOf(values: ParsedValues, context: CommandContext): Promise<string | Uint8Array | undefined> {
  const text = stringValue(values, 'body');
  const file = stringValue(values, 'body-file');
  if (text !== undefined && file !== undefined) throw usageError('Pass the body once: --body or --body-file, not both.');
  if (file === undefined) return text;
  if (file === '-') return await context.readStdin();
  try {
    return await context.readBytes(file);
  } catch (error) {
    throw usageError(`--body-file: cannot read ${file}: ${(error as { code?: string }).code ?? String(error)}.`, error);
  }
}

async function compareText(values: ParsedValues, context: CommandContext): Promise<string | undefined> {
  const compare = stringValue(values, 'compare');
  if (compare === undefined) return undefined;
  if (compare === '-') return await context.readStdin();
  try {
    return await context.readFile(compare);
  } catch (error) {
    throw usageError(`--compare: cannot read ${compare}: ${(error as { code?: string }).code ?? String(error)} (pass a file, or - for stdin).`, error);
  }
}

export async function signCommand(argv: readonly string[], context: CommandContext): Promise<ExitCode> {
  const secretFlag = argv.find((arg) => SECRET_FLAGS.test(arg));
  if (secretFlag !== undefined) {
    throw usageError(`${secretFlag.split('=')[0] ?? ''} is not an option: iamkit never takes a secret on the command line (shell history and ps keep it). Put it in an environment variable and pass --secret-from-env NAME. If you just typed a secret, rotate it.`);
  }
  const { values } = parse(argv, FLAGS);
  if (values.help === true) {
    context.out(SIGN_HELP);
    return EXIT_CODES.ok;
  }
  const url = stringValue(values, 'url');
  if (url === undefined) throw usageError('sign needs --url <absolute URL>.');
  if (stringValue(values, 'body-file') === '-' && stringValue(values, 'compare') === '-') throw usageError('Only one of --body-file and --compare can read stdin.');
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    throw usageError(`--url must be an absolute URL such as https://sts.amazonaws.com/, not ${JSON.stringify(url)}.`);
  }
  const inferred = inferScope(host);
  const service = stringValue(values, 'service') ?? inferred.service;
  if (service === undefined) throw usageError(`sign cannot tell the signing service from ${host}: pass --service (sts, s3, execute-api, …).`);
  const region = stringValue(values, 'region') ?? inferred.region ?? context.env.AWS_REGION ?? context.env.AWS_DEFAULT_REGION;
  if (region === undefined || region === '') throw usageError(`sign cannot tell the region from ${host}: pass --region (or set AWS_REGION).`);
  const expires = stringValue(values, 'expires');
  if (expires !== undefined && values.presign !== true) throw usageError('--expires goes with --presign.');

  const headers = headersOf(values);
  const body = await bodyOf(values, context);
  const compareWith = await compareText(values, context);
  const found = await credentialsFor(values, context);
  if (typeof found === 'number') return found;
  let report;
  try {
    report = collectSign({
      method: stringValue(values, 'method') ?? (body === undefined ? 'GET' : 'POST'),
      url,
      headers,
      body,
      region,
      service,
      date: stringValue(values, 'date'),
      presign: values.presign === true,
      expiresIn: expires === undefined ? undefined : parseCount('--expires', expires, 1, 604_800),
      credentials: found.credentials,
      credentialsSource: found.source,
      compareWith,
    });
  } catch (error) {
    if (isSigV4Error(error)) throw usageError(`cannot sign this request: ${error.message}`, error);
    throw error;
  }
  context.out(values.json === true ? `${JSON.stringify(report, null, 2)}\n` : renderSign(report, { explain: values.explain === true, color: context.color, width: context.width }));
  return report.comparison !== null && !report.comparison.identical ? EXIT_CODES.canonicalMismatch : EXIT_CODES.ok;
}
