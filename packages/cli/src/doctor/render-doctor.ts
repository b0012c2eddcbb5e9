import { formatMs } from '../cli/durations.js';
import { createStyle, type Style } from '../cli/style.js';
import { renderTable, wrap } from '../cli/table.js';
import type { MongoCheck } from './mongodb-check.js';
import { clockLine, credentialsLine, EXIT_MEANINGS, hanging, identityLines, mongoExplanationLines, stsExplanationLines, type RenderOptions } from '../shared/render-parts.js';
import type { SourceView } from '../shared/resolve-credentials.js';
import type { StsCheck } from '../shared/sts-identity.js';
import type { DoctorReport } from './doctor-report.js';

function statusText(source: SourceView, style: Style): string {
  switch (source.status) {
    case 'credentials':
      return style.green('✔ credentials');
    case 'not-configured':
      return style.dim('not configured');
    case 'failed':
      return style.red(source.error?.throttled === true ? '✖ THROTTLED' : '✖ FAILED');
    case 'not-tried':
      return style.dim('not asked');
  }
}

function details(source: SourceView): string {
  if (source.status === 'credentials' && source.credentials !== null) return credentialsLine(source.credentials);
  if (source.status === 'failed' && source.error !== null) return `${source.error.message} (${source.error.code})`;
  if (source.status === 'not-configured' && source.configureWith.length > 0) return `${source.reason}\n→ configured by: ${source.configureWith.join(', ')}`;
  if (source.status === 'not-tried') return source.reason.replace(/^not asked: /, '').replace(/ \(.*\)$/, '');
  return source.reason;
}

function stsSection(sts: StsCheck, style: Style, width: number): string[] {
  if (sts.status === 'skipped') return [`${style.bold('STS:')} ${style.dim('–')} ${sts.note}`];
  if (sts.status === 'ok' && sts.identity !== null) {
    const lines = [`${style.bold('STS:')} ${style.green('✔')} GetCallerIdentity at ${sts.endpoint ?? '?'} (${sts.region ?? '?'}) answered in ${formatMs(sts.durationMs ?? 0)}`, ...identityLines(sts.identity, style, width)];
    if (sts.note !== '') lines.push(...hanging('  ', sts.note, width).map(style.yellow));
    return lines;
  }
  const lines = [`${style.bold('STS:')} ${style.red('✖')} GetCallerIdentity at ${sts.endpoint ?? '?'} failed${sts.stsCode === null ? '' : ` with ${sts.stsCode}`}`];
  if (sts.error !== null) lines.push(...hanging('  ', sts.error.message, width));
  if (sts.note !== '') lines.push(...hanging('  ', sts.note, width));
  if (sts.explanation !== null) lines.push(...stsExplanationLines(sts.explanation, '  ', width));
  return lines;
}

function mongoSection(mongodb: MongoCheck | null, style: Style, width: number): string[] {
  if (mongodb === null) return [`${style.bold('MongoDB:')} ${style.dim('–')} not checked (add --mongodb <uri> to authenticate one connection)`];
  if (mongodb.status === 'skipped') return [`${style.bold('MongoDB:')} ${style.dim('–')} ${mongodb.uri}: ${mongodb.note}`];
  if (mongodb.status === 'ok') {
    return [`${style.bold('MongoDB:')} ${style.green('✔')} authenticated to ${mongodb.uri} in ${formatMs(mongodb.durationMs ?? 0)}${mongodb.user === null ? '' : ` as ${style.bold(mongodb.user)}`}`];
  }
  const lines = [`${style.bold('MongoDB:')} ${style.red('✖')} ${mongodb.uri}: authentication failed`];
  if (mongodb.explanation !== null) lines.push(...mongoExplanationLines(mongodb.explanation, '  ', width));
  else lines.push(`  ${mongodb.note !== '' ? mongodb.note : (mongodb.error?.message ?? '')}`, ...(mongodb.error === null || mongodb.note === '' ? [] : [`  (${mongodb.error.message})`]));
  return lines;
}

/**
 * `iamkit doctor`'s text output for a {@link DoctorReport}: the chain as a table (one row per
 * source), the selected credentials, STS's answer, the clock, MongoDB, and the problems with the
 * exit code. Secret-free, like the report.
 *
 * @example
 * ```ts
 * process.stdout.write(renderDoctor(await collectDoctor(), { color: process.stdout.isTTY, width: process.stdout.columns }));
 * ```
 * @public
 */
export function renderDoctor(report: DoctorReport, options: RenderOptions = {}): string {
  const style = createStyle(options.color === true);
  const width = options.width ?? 100;
  const { chain } = report;
  const profile = chain.profile.from === 'default' ? `profile "${chain.profile.name}"` : `profile "${chain.profile.name}" (from ${chain.profile.from === 'option' ? '--profile' : 'AWS_PROFILE'})`;
  const out: string[] = [style.bold('iamkit doctor'), '', `${style.bold('Credential chain')} — in the order fromNodeProviderChain tries them; ${profile}:`];
  const rows = chain.sources.map((source) => [source.name, statusText(source, style), source.status === 'not-tried' ? '–' : formatMs(source.durationMs), details(source)]);
  out.push(renderTable(['SOURCE', 'STATUS', 'TIME', 'DETAILS'], rows, { width, header: style.dim }));
  if (chain.sources.some((source) => source.status === 'not-tried')) out.push(style.dim('  (The chain stops at the first configured source; --all asks the others too.)'));
  out.push('');
  if (report.credentials !== null) out.push(`${style.bold('Selected:')} ${report.credentials.source ?? chain.decidedBy ?? '?'} — ${credentialsLine(report.credentials)}`);
  else out.push(`${style.bold('Selected:')} ${style.red('none')}${chain.decidedBy === null ? ' — no source is configured' : ` — ${chain.decidedBy} stopped the chain`}`);
  out.push(...stsSection(report.sts, style, width), ...clockLine(report.clock, style, width), ...mongoSection(report.mongodb, style, width), '');
  if (report.problems.length === 0) out.push(style.green('✔ All checks passed.'));
  else {
    out.push(style.bold('Problems:'));
    for (const problem of report.problems) {
      const mark = problem.severity === 'error' ? style.red('✖') : style.yellow('⚠');
      const [first = '', ...rest] = wrap(`[${problem.check}] ${problem.message}`, Math.max(40, width - 4));
      out.push(`  ${mark} ${first}`, ...rest.map((line) => `    ${line}`));
    }
  }
  out.push(`Exit code ${report.exitCode}: ${EXIT_MEANINGS[report.exitCode] ?? ''}.`);
  return `${out.join('\n')}\n`;
}
