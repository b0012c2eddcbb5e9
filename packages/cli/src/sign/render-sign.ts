import { createStyle, type Style } from '../cli/style.js';
import type { RenderOptions } from '../shared/render-parts.js';
import type { CanonicalComparison } from './canonical-compare.js';
import type { SignReport } from './collect-sign.js';

/**
 * Options of {@link renderSign}.
 *
 * @example
 * ```ts
 * renderSign(report, { explain: true, color: true });
 * ```
 * @public
 */
export interface RenderSignOptions extends RenderOptions {
  /** Every step (canonical request, string to sign), not only the result. Default true. */
  readonly explain?: boolean | undefined;
}

function numbered(text: string, style: Style): string[] {
  const lines = text.split('\n');
  const width = String(lines.length).length;
  return lines.map((line, i) => `  ${style.dim(String(i + 1).padStart(width))}  ${line === '' ? style.dim('(empty)') : line}`);
}

function comparisonLines(comparison: CanonicalComparison, style: Style): string[] {
  const out = [style.bold('Compared with the canonical request given') + (comparison.normalizations.length === 0 ? ':' : ` (after it was cleaned up: ${comparison.normalizations.join('; ')}):`)];
  const { difference } = comparison;
  if (difference === null) {
    out.push(`  ${style.green('✔')} ${comparison.summary}`);
    return out;
  }
  out.push(`  ${style.red('✖')} First difference at line ${difference.line} (${difference.part}${difference.header === null ? '' : ` ${difference.header}`}):`);
  out.push(`    this side: ${difference.ours ?? style.dim('(no such line)')}`);
  out.push(`    AWS:       ${difference.theirs ?? style.dim('(no such line)')}`);
  if (difference.column !== null) out.push(`               ${' '.repeat(difference.column - 1)}^ column ${difference.column}`);
  out.push(`  ${difference.hint}`, `  (${comparison.lines.ours} lines here, ${comparison.lines.theirs} given; lines before ${difference.line} are identical.)`);
  return out;
}

/**
 * `iamkit sign`'s text output: the canonical request (numbered, so a comparison's line numbers
 * point into it), the string to sign, the signature, and the Authorization header or presigned
 * URL with the headers to send; with a comparison, the first differing line and its meaning.
 *
 * @example
 * ```ts
 * process.stdout.write(renderSign(collectSign(input)));
 * ```
 * @public
 */
export function renderSign(report: SignReport, options: RenderSignOptions = {}): string {
  const style = createStyle(options.color === true);
  const explain = options.explain !== false || report.comparison !== null;
  const creds = report.credentials;
  const out: string[] = [];
  out.push(`${style.bold('Signing')} ${report.method} ${report.url}`);
  out.push(`  for service ${report.service} in ${report.region} at ${report.amzDate}, with ${creds.accessKeyId}${creds.source === null ? '' : ` from ${creds.source}`}${creds.sessionToken ? ' (with a session token, shown as [redacted])' : ''}`);
  for (const note of report.notes) out.push(`  ${style.dim(note)}`);
  out.push('');
  if (explain) {
    out.push(style.bold('1. Canonical request') + ' (method, path, query, headers, blank line, signed headers, payload hash):', ...numbered(report.canonicalRequest, style), '');
    out.push(style.bold('2. String to sign') + ' (algorithm, time, scope, SHA-256 of the canonical request):', ...report.stringToSign.split('\n').map((l) => `  ${l}`), '');
    out.push(`${style.bold('3. Signature')} = HMAC-SHA256(signing key for ${report.credentialScope}, string to sign):`, `  ${report.signature}`, '');
  }
  if (report.authorization !== null) out.push(style.bold(explain ? '4. Authorization header:' : 'Authorization header:'), `  ${report.authorization}`, '');
  if (report.presignedUrl !== null) out.push(style.bold(explain ? '4. Presigned URL:' : 'Presigned URL:'), `  ${report.presignedUrl}`, '');
  out.push(style.bold('Headers to send:'), ...Object.entries(report.headers).map(([name, value]) => `  ${name}: ${value}`));
  if (report.comparison !== null) out.push('', ...comparisonLines(report.comparison, style));
  return `${out.join('\n')}\n`;
}
