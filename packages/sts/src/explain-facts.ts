import { isIamkitError, scrubSecrets } from '@iamkit/credentials';

/** What is known about an error, whatever form it came in. */
export interface ErrorFacts {
  /** STS's (or another AWS service's) error code, e.g. `SignatureDoesNotMatch`. */
  readonly awsCode: string | undefined;
  /** An iamkit code (`ERR_STS_…`, `ERR_HTTP_TIMEOUT`, …). */
  readonly iamkitCode: string | undefined;
  /** The service's message (or the whole text), scrubbed of secrets. */
  readonly message: string;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly action: string | undefined;
  /** Skew the client measured from the response's Date header. */
  readonly clockSkewMs: number | undefined;
}

// Words before a colon that start STS's own sentences ("User: arn:… is not authorized"): the
// colon is part of the message.
const SENTENCE_WORDS = new Set(['User', 'Token', 'Warning', 'Note', 'Caused']);
// Exception class names before a colon: not error codes, but not part of the message either.
const GENERIC_NAMES = new Set(['Error', 'TypeError', 'RangeError', 'SyntaxError', 'IamkitError', 'StsError', 'SigV4Error', 'MongoServerError', 'MongoAWSError', 'MongoError', 'STSServiceException', 'ServiceException', 'CredentialsProviderError']);

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

function unescapeJson(text: string): string {
  try {
    return JSON.parse(`"${text}"`) as string;
  } catch {
    return text;
  }
}

/** Reads code, message, status and request id out of text copied from anywhere. */
function factsFromText(input: string, base: Partial<ErrorFacts> = {}): ErrorFacts {
  const text = scrubSecrets(input.trim());
  let awsCode = base.awsCode;
  let message = text;
  let status = base.status;
  let requestId = base.requestId;
  let action = base.action;

  const xmlCode = /<Code>([^<]*)<\/Code>/.exec(text);
  const jsonCode = /"(?:Code|code|__type)"\s*:\s*"([^"]*)"/.exec(text);
  const cli = /An error occurred \(([\w.]+)\)(?: \(request id: [^)]*\))? when calling the (\w+) operation(?: \(reached max retries: \d+\))?: ([\s\S]*)$/.exec(text);
  const go = /api error ([\w.]+): ([\s\S]*)$/.exec(text);
  const prefixed = /^(?:[\w.]+ )?\[?([A-Z][A-Za-z0-9]+)\]?: ([\s\S]+)$/.exec(text);
  if (xmlCode !== null) {
    awsCode ??= decodeEntities(xmlCode[1] ?? '');
    message = decodeEntities(/<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? text);
    requestId ??= /<RequestId>([^<]*)<\/RequestId>/i.exec(text)?.[1];
  } else if (jsonCode !== null) {
    const type = jsonCode[1] ?? '';
    awsCode ??= type.slice(type.indexOf('#') + 1);
    const found = /"(?:Message|message)"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(text)?.[1];
    message = found === undefined ? text : unescapeJson(found);
    requestId ??= /"RequestId"\s*:\s*"([^"]*)"/.exec(text)?.[1];
  } else if (cli !== null) {
    awsCode ??= cli[1];
    action ??= cli[2];
    message = (cli[3] ?? '').trim();
  } else if (go !== null) {
    awsCode ??= go[1];
    message = (go[2] ?? '').trim();
  } else if (prefixed !== null && !SENTENCE_WORDS.has(prefixed[1] ?? '')) {
    if (!GENERIC_NAMES.has(prefixed[1] ?? '')) awsCode ??= prefixed[1];
    message = (prefixed[2] ?? '').trim();
  }
  status ??= (() => {
    const found = /(?:StatusCode|status code|HTTP(?: status)?)[:\s]+(\d{3})\b/i.exec(text)?.[1];
    return found === undefined ? undefined : Number(found);
  })();
  requestId ??= /(?:RequestID|request id|RequestId)[:\s]+([\w-]{8,})/i.exec(text)?.[1];
  const iamkitCode = base.iamkitCode ?? /\b(ERR_[A-Z0-9_]+)\b/.exec(text)?.[1];
  return { awsCode, iamkitCode, message, status, requestId, action, clockSkewMs: base.clockSkewMs };
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

function stringField(value: unknown, name: string): string | undefined {
  const field = record(value)?.[name];
  return typeof field === 'string' ? field : undefined;
}

function numberField(value: unknown, name: string): number | undefined {
  const field = record(value)?.[name];
  return typeof field === 'number' && Number.isFinite(field) ? field : undefined;
}

/** An error from this package (or another copy of it): it carries STS's own fields. */
function stsErrorFacts(error: Record<string, unknown>): ErrorFacts {
  const stsMessage = stringField(error, 'stsMessage');
  return {
    awsCode: stringField(error, 'stsCode'),
    iamkitCode: stringField(error, 'code'),
    message: scrubSecrets(stsMessage ?? stringField(error, 'message') ?? ''),
    status: numberField(error, 'status'),
    requestId: stringField(error, 'requestId'),
    action: stringField(error, 'action'),
    clockSkewMs: numberField(error, 'clockSkewMs'),
  };
}

/** An AWS SDK v3 service exception: `name` is the code, `$metadata` has status and request id. */
function sdkErrorFacts(error: Record<string, unknown>): ErrorFacts {
  const metadata = record(error.$metadata);
  const name = stringField(error, 'name');
  return factsFromText(stringField(error, 'message') ?? '', {
    awsCode: stringField(error, 'Code') ?? (name === undefined || GENERIC_NAMES.has(name) ? undefined : name),
    status: numberField(metadata, 'httpStatusCode'),
    requestId: stringField(metadata, 'requestId'),
  });
}

function isStsLike(value: unknown): boolean {
  return isIamkitError(value) && stringField(value, 'stsCode') !== undefined;
}

/**
 * Normalises what `explainStsError` is given: an error of this client, an AWS SDK exception, a
 * driver error wrapping one of those (its `cause` chain is searched), or text copied from a log
 * or the AWS CLI.
 */
export function factsOf(input: unknown): ErrorFacts {
  if (typeof input === 'string') return factsFromText(input);
  // The most specific error in the cause chain wins: a MongoAWSError's cause may be our StsError.
  const chain: unknown[] = [];
  for (let current: unknown = input, depth = 0; current !== undefined && current !== null && depth < 8; depth++) {
    chain.push(current);
    current = record(current)?.cause;
  }
  const sts = chain.find(isStsLike);
  if (sts !== undefined) return stsErrorFacts(sts as Record<string, unknown>);
  const sdk = chain.find((e) => record(e)?.$metadata !== undefined);
  if (sdk !== undefined) return sdkErrorFacts(sdk as Record<string, unknown>);
  const first = chain[0];
  if (first === undefined) return factsFromText('');
  if (first instanceof Error || record(first) !== undefined) {
    const code = stringField(first, 'code');
    const iamkitCode = isIamkitError(first) ? first.code : code?.startsWith('ERR_') === true ? code : undefined;
    const facts = factsFromText(stringField(first, 'message') ?? '', { iamkitCode, status: numberField(first, 'status') });
    // An IamkitError wrapping a foreign error: the cause's text may hold the STS message.
    const cause = chain[1];
    if (facts.awsCode === undefined && cause !== undefined) {
      const inner = factsFromText(stringField(cause, 'message') ?? (typeof cause === 'string' ? cause : ''), {});
      if (inner.awsCode !== undefined) return { ...inner, iamkitCode: facts.iamkitCode, status: facts.status ?? inner.status };
    }
    return facts;
  }
  return factsFromText(typeof first === 'number' || typeof first === 'boolean' || typeof first === 'bigint' ? String(first) : '');
}
