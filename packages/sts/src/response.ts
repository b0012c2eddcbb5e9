import type { HttpResponse } from '@iamkit/credentials';
import { StsError } from './sts-error.js';
import { childElement, parseXml, XmlSyntaxError, type XmlElement } from './xml.js';

/** A leaf of a parsed result: text (XML, JSON strings) or a number (JSON epoch seconds). */
export type ResultValue = string | number;

/** The `<Action>Result` of a successful answer, in either wire format. */
export interface ResultView {
  /** The leaf at `path` below the result element, `undefined` when absent. */
  get(path: readonly string[]): ResultValue | undefined;
  readonly requestId: string | undefined;
}

/** What the parsers need to word their errors. */
export interface ResponseContext {
  readonly action: string;
  /** `https://sts.us-east-1.amazonaws.com/`, for messages. */
  readonly url: string;
}

/** A response header's (first) value. */
export function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A response body is JSON when its content type says so or it starts like JSON. */
function isJson(response: Pick<HttpResponse, 'headers' | 'body'>): boolean {
  const type = headerText(response.headers['content-type']) ?? '';
  return /\bjson\b/i.test(type) || /^\s*[{[]/.test(response.body);
}

/** `ERR_STS_MALFORMED_RESPONSE` for a 2xx answer that is not the document it should be. */
export function malformed(context: ResponseContext, reason: string, options: { truncated?: boolean; status?: number; requestId?: string | undefined } = {}): StsError {
  const truncated = options.truncated === true;
  return new StsError({
    code: 'ERR_STS_MALFORMED_RESPONSE',
    action: context.action,
    status: options.status,
    requestId: options.requestId,
    retryable: truncated,
    message:
      `sts: the ${context.action} response from ${context.url} ${truncated ? 'is truncated' : 'is malformed'}: ${reason}. ` +
      (truncated
        ? 'The connection was cut mid-response; retrying usually helps.'
        : 'Something other than STS answered (a proxy, a captive portal, a wrong endpoint): check the endpoint (option endpoint, AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL).'),
  });
}

function xmlView(root: XmlElement, context: ResponseContext, requestIdHeader: string | undefined): ResultView {
  // A repeated element is as malformed as a missing one: which of the two would be the answer?
  const child = (parent: XmlElement, name: string): XmlElement | undefined => {
    try {
      return childElement(parent, name);
    } catch (error) {
      if (error instanceof XmlSyntaxError) throw malformed(context, error.message, { requestId: requestIdHeader });
      throw error;
    }
  };
  const expected = `${context.action}Response`;
  if (root.name !== expected) throw malformed(context, `the document element is <${root.name}>, not <${expected}>`, { requestId: requestIdHeader });
  const result = child(root, `${context.action}Result`);
  if (result === undefined) throw malformed(context, `<${expected}> has no <${context.action}Result>`, { requestId: requestIdHeader });
  const metadata = child(root, 'ResponseMetadata');
  const requestId = (metadata === undefined ? undefined : child(metadata, 'RequestId')?.text) ?? requestIdHeader;
  return {
    requestId,
    get(path) {
      let element: XmlElement | undefined = result;
      for (const name of path) element = element === undefined ? undefined : child(element, name);
      if (element === undefined) return undefined;
      if (element.children.length > 0) throw malformed(context, `${path.join('.')} holds elements where a value belongs`, { requestId });
      return element.text;
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonView(document: unknown, context: ResponseContext, requestIdHeader: string | undefined): ResultView {
  const expected = `${context.action}Response`;
  const response = isRecord(document) ? document[expected] : undefined;
  if (!isRecord(response)) throw malformed(context, `the JSON document has no ${expected} object`, { requestId: requestIdHeader });
  const result = response[`${context.action}Result`];
  if (!isRecord(result)) throw malformed(context, `${expected} has no ${context.action}Result object`, { requestId: requestIdHeader });
  const metadata = response.ResponseMetadata;
  const requestId = isRecord(metadata) && typeof metadata.RequestId === 'string' ? metadata.RequestId : requestIdHeader;
  return {
    requestId,
    get(path) {
      let value: unknown = result;
      for (const name of path) value = isRecord(value) ? value[name] : undefined;
      if (value === undefined || value === null) return undefined;
      if (typeof value === 'string' || typeof value === 'number') return value;
      throw malformed(context, `${path.join('.')} is ${Array.isArray(value) ? 'an array' : `a ${typeof value}`}, not a value`, { requestId });
    },
  };
}

/**
 * Reads the `<Action>Result` of a 2xx answer — STS's XML, or JSON when the server chose it —
 * strictly: a truncated or malformed document, or one for another action, is
 * `ERR_STS_MALFORMED_RESPONSE`. The body is never quoted (it holds credentials).
 */
export function readResult(response: Pick<HttpResponse, 'headers' | 'body' | 'status'>, context: ResponseContext): ResultView {
  const requestIdHeader = headerText(response.headers['x-amzn-requestid']);
  if (response.body.trim() === '') throw malformed(context, `the body is empty (HTTP ${response.status})`, { truncated: true, status: response.status, requestId: requestIdHeader });
  if (isJson(response)) {
    let document: unknown;
    try {
      document = JSON.parse(response.body);
    } catch (error) {
      const truncated = error instanceof SyntaxError && /end of (JSON )?input|Unterminated/i.test(error.message);
      throw malformed(context, `its ${response.body.length} characters are not ${truncated ? 'a complete' : 'a valid'} JSON document`, { truncated, status: response.status, requestId: requestIdHeader });
    }
    return jsonView(document, context, requestIdHeader);
  }
  let root: XmlElement;
  try {
    root = parseXml(response.body);
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) throw error;
    throw malformed(context, `${error.message} (at character ${error.position} of ${response.body.length})`, { truncated: error.truncated, status: response.status, requestId: requestIdHeader });
  }
  return xmlView(root, context, requestIdHeader);
}

/** What an STS error document says. Every field is optional: foreign error pages vary. */
export interface ErrorDocument {
  readonly code: string | undefined;
  readonly message: string | undefined;
  readonly type: string | undefined;
  readonly requestId: string | undefined;
}

function xmlErrorDocument(body: string): ErrorDocument | undefined {
  try {
    const root = parseXml(body);
    // STS: <ErrorResponse><Error>…</Error><RequestId/>; EC2-style: <Response><Errors><Error>…; S3-style: <Error>….
    const wrapper = root.name === 'Response' ? childElement(root, 'Errors') : root;
    const error = root.name === 'Error' ? root : wrapper === undefined ? undefined : childElement(wrapper, 'Error');
    if (error === undefined) return undefined;
    const text = (parent: XmlElement, name: string): string | undefined => childElement(parent, name)?.text;
    return { code: text(error, 'Code'), message: text(error, 'Message'), type: text(error, 'Type'), requestId: text(root, 'RequestId') ?? text(error, 'RequestId') ?? text(root, 'RequestID') };
  } catch (error) {
    if (error instanceof XmlSyntaxError) return undefined;
    throw error;
  }
}

function jsonErrorDocument(body: string): ErrorDocument | undefined {
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!isRecord(document)) return undefined;
  const outer = isRecord(document.ErrorResponse) ? document.ErrorResponse : document;
  const error = isRecord(outer.Error) ? outer.Error : outer;
  const string = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  // JSON-protocol services say `__type: "com.amazon.coral.service#Code"` and `message`.
  const type = string(error.__type);
  const code = string(error.Code) ?? string(error.code) ?? (type === undefined ? undefined : type.slice(type.indexOf('#') + 1));
  const message = string(error.Message) ?? string(error.message);
  if (code === undefined && message === undefined) return undefined;
  return { code, message, type: string(error.Type), requestId: string(outer.RequestId) ?? string(document.RequestId) };
}

/** Reads an error answer leniently; `undefined` when the body is no recognisable error document. */
export function readErrorDocument(response: Pick<HttpResponse, 'headers' | 'body'>): ErrorDocument | undefined {
  const body = response.body.trim();
  if (body === '') return undefined;
  const document = isJson(response) ? jsonErrorDocument(body) : xmlErrorDocument(body);
  if (document === undefined) return undefined;
  return { ...document, requestId: document.requestId ?? headerText(response.headers['x-amzn-requestid']) };
}
