import { formatMs } from '../cli/durations.js';
import { createStyle } from '../cli/style.js';
import { mongoExplanationLines, stsExplanationLines, type RenderOptions } from '../shared/render-parts.js';
import type { ExplainReport } from './collect-explain.js';

/**
 * `iamkit explain`'s text output: what the message means, its likely causes and the fixes.
 *
 * @example
 * ```ts
 * process.stdout.write(renderExplain(collectExplain('The security token included in the request is invalid.')));
 * ```
 * @public
 */
export function renderExplain(report: ExplainReport, options: RenderOptions = {}): string {
  const style = createStyle(options.color === true);
  const out: string[] = [];
  if (report.kind === 'mongodb' && report.mongodb !== null) {
    out.push(style.bold(`MongoDB (MONGODB-AWS) — ${report.mongodb.topic}`), ...mongoExplanationLines(report.mongodb, '  ', options.width));
  } else if (report.sts !== null) {
    const quoted = report.message.split('\n')[0] ?? '';
    out.push(style.bold(report.kind === 'sts' ? 'STS' : 'Not recognised'), `  ${style.dim(quoted.length > 300 ? `${quoted.slice(0, 300)}…` : quoted)}`, ...stsExplanationLines(report.sts, '  ', options.width));
    const skew = report.sts.skew;
    if (skew !== null) {
      const note = skew.dateOnly ? ' — and the request time is exactly midnight: a date (YYYYMMDD) was sent where a timestamp (YYYYMMDDTHHMMSSZ) belongs' : '';
      out.push(`  Clock: the request was signed ${formatMs(Math.abs(skew.skewMs))} ${skew.direction === 'behind' ? 'behind' : 'ahead of'} STS's clock${note}.`);
    }
  }
  if (!report.recognised) out.push('', 'iamkit does not recognise this message. Run `iamkit doctor` to check the credential chain, STS and the clock.');
  return `${out.join('\n')}\n`;
}
