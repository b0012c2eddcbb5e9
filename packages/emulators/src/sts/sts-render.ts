import type { EmulatorResponse } from '../common/emulator-response.js';
import type { StsErrorDetails } from './sts-errors.js';

/**
 * The XML namespace of every STS document (API version 2011-06-15).
 *
 * @example
 * ```ts
 * expect(body).toContain(`xmlns="${STS_NAMESPACE}"`);
 * ```
 * @public
 */
export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/**
 * One element of an STS result. XML writes `value` (skipping `undefined`); JSON writes `json` when
 * given (epoch seconds for `Expiration`), else `value`, and `null` for an absent optional member,
 * as STS's JSON rendering of awsQuery does.
 */
export interface StsNode {
  readonly name: string;
  readonly value: string | readonly StsNode[] | undefined;
  readonly json?: number | undefined;
}

export type StsFormat = 'xml' | 'json';

/** `Accept: application/json` switches STS to JSON (reference §10.1); anything else gets XML. */
export function formatFor(accept: string | string[] | undefined): StsFormat {
  const text = Array.isArray(accept) ? accept.join(',') : (accept ?? '');
  return /\bapplication\/json\b/i.test(text) ? 'json' : 'xml';
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function xmlLines(node: StsNode, indent: string, out: string[]): void {
  const { name, value } = node;
  if (value === undefined) return;
  if (typeof value === 'string') {
    out.push(`${indent}<${name}>${escapeXml(value)}</${name}>`);
    return;
  }
  out.push(`${indent}<${name}>`);
  for (const child of value) xmlLines(child, `${indent}  `, out);
  out.push(`${indent}</${name}>`);
}

/** An STS XML document: the root with STS's namespace, two-space indentation, a final newline. */
function renderXml(root: string, children: readonly StsNode[]): string {
  const out = [`<${root} xmlns="${STS_NAMESPACE}">`];
  for (const child of children) xmlLines(child, '  ', out);
  out.push(`</${root}>`);
  return `${out.join('\n')}\n`;
}

function jsonValue(node: StsNode): unknown {
  if (node.json !== undefined) return node.json;
  const { value } = node;
  if (value === undefined) return null;
  if (typeof value === 'string') return value;
  return jsonObject(value);
}

function jsonObject(nodes: readonly StsNode[]): Record<string, unknown> {
  const sorted = [...nodes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return Object.fromEntries(sorted.map((node) => [node.name, jsonValue(node)]));
}

function headers(requestId: string, contentType: string, date: string): Record<string, string> {
  return { 'x-amzn-RequestId': requestId, 'Content-Type': contentType, Date: date };
}

/** A successful answer: `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…`. */
export function renderResult(action: string, result: readonly StsNode[], requestId: string, format: StsFormat, date: string): EmulatorResponse {
  const metadata: StsNode = { name: 'ResponseMetadata', value: [{ name: 'RequestId', value: requestId }] };
  if (format === 'json') {
    const json = { [`${action}Response`]: { [`${action}Result`]: jsonObject(result), ResponseMetadata: { RequestId: requestId } } };
    return { status: 200, headers: headers(requestId, 'application/json', date), body: JSON.stringify(json) };
  }
  const body = renderXml(`${action}Response`, [{ name: `${action}Result`, value: result }, metadata]);
  return { status: 200, headers: headers(requestId, 'text/xml', date), body };
}

/** An error answer: `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>`, or its JSON form. */
export function renderError(error: StsErrorDetails, requestId: string, format: StsFormat, date: string): EmulatorResponse {
  if (format === 'json') {
    const json = { Error: { Code: error.code, Message: error.message, Type: error.type }, RequestId: requestId };
    return { status: error.status, headers: headers(requestId, 'application/json', date), body: JSON.stringify(json) };
  }
  const body = renderXml('ErrorResponse', [
    {
      name: 'Error',
      value: [
        { name: 'Type', value: error.type },
        { name: 'Code', value: error.code },
        { name: 'Message', value: error.message },
      ],
    },
    { name: 'RequestId', value: requestId },
  ]);
  return { status: error.status, headers: headers(requestId, 'text/xml', date), body };
}
