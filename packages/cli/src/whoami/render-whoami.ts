import { createStyle } from '../cli/style.js';
import { clockLine, credentialsLine, identityLines, stsExplanationLines, type RenderOptions } from '../shared/render-parts.js';
import type { WhoamiReport } from './collect-whoami.js';

/**
 * `iamkit whoami`'s text output: Account, Arn, UserId, the MongoDB `$external` user, and where the
 * credentials came from; on failure, why (with `explainStsError`'s reading).
 *
 * @example
 * ```ts
 * process.stdout.write(renderWhoami(await collectWhoami()));
 * ```
 * @public
 */
export function renderWhoami(report: WhoamiReport, options: RenderOptions = {}): string {
  const style = createStyle(options.color === true);
  const out: string[] = [];
  if (report.identity !== null) out.push(...identityLines(report.identity, style, options.width));
  if (report.credentials !== null) out.push(`  ${style.dim('Source ')}  ${report.source ?? '?'} — ${credentialsLine(report.credentials)}`);
  if (report.error !== null) out.push(`${style.red('✖')} No credentials: ${report.error.message}`);
  if (report.sts.status === 'failed') {
    out.push(`${style.red('✖')} STS (${report.sts.endpoint ?? '?'}) did not accept these credentials${report.sts.stsCode === null ? '' : `: ${report.sts.stsCode}`}`);
    if (report.sts.error !== null) out.push(`  ${report.sts.error.message}`);
    if (report.sts.explanation !== null) out.push(...stsExplanationLines(report.sts.explanation, '  ', options.width));
  }
  if (report.sts.note !== '' && report.sts.status !== 'skipped') out.push(`  ${style.yellow(report.sts.note)}`);
  if (report.clock.status === 'warning' || report.clock.status === 'fatal') out.push(...clockLine(report.clock, style, options.width));
  return `${out.join('\n')}\n`;
}
