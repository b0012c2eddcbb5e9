import { formatMs } from '../cli/durations.js';
import { EXIT_CODES } from '../cli/exit-codes.js';
import type { Style } from '../cli/style.js';
import { wrap } from '../cli/table.js';
import type { ClockCheck } from './clock.js';
import type { MongoExplanationView, StsExplanationView } from './explanation-views.js';
import type { IdentityView } from './sts-identity.js';
import type { CredentialsView } from './views.js';

/**
 * How a report is rendered as text.
 *
 * @example
 * ```ts
 * renderDoctor(report, { color: true, width: process.stdout.columns });
 * ```
 * @public
 */
export interface RenderOptions {
  /** ANSI colours; default false. */
  readonly color?: boolean | undefined;
  /** Line width for tables and wrapped text; default 100. */
  readonly width?: number | undefined;
}

export const EXIT_MEANINGS: Readonly<Record<number, string>> = {
  [EXIT_CODES.ok]: 'ok',
  [EXIT_CODES.noCredentials]: 'no credentials',
  [EXIT_CODES.stsRejected]: 'credentials found but STS did not accept them',
  [EXIT_CODES.clockSkew]: 'clock skew',
  [EXIT_CODES.mongodbFailed]: 'MongoDB authentication failed',
  [EXIT_CODES.canonicalMismatch]: 'the canonical requests differ',
  [EXIT_CODES.notRecognised]: 'not recognised',
};

function expiryText(view: CredentialsView): string {
  if (view.expiration === null) return 'no expiry';
  if (view.expiresInMs === null) return `expires ${view.expiration}`;
  return view.expiresInMs <= 0 ? `EXPIRED ${view.expiration} (${formatMs(-view.expiresInMs)} ago)` : `expires ${view.expiration} (in ${formatMs(view.expiresInMs)})`;
}

export function credentialsLine(view: CredentialsView): string {
  const parts = [view.accessKeyId, view.kind, expiryText(view)];
  if (view.accountId !== null) parts.push(`account ${view.accountId}`);
  return parts.join(' · ');
}

export function identityLines(identity: IdentityView, style: Style, width = 100): string[] {
  return [
    `  ${style.dim('Account')}  ${identity.account}`,
    `  ${style.dim('Arn    ')}  ${identity.arn}`,
    `  ${style.dim('UserId ')}  ${identity.userId}`,
    `  ${style.dim('MongoDB')}  ${identity.mongoUser === null ? style.yellow('no $external user possible') : `$external user ${style.bold(identity.mongoUser)}`}`,
    ...wrap(identity.mongoUserNote, Math.max(40, width - 11)).map((line) => `           ${line}`),
  ];
}

export function clockLine(clock: ClockCheck, style: Style, width = 100): string[] {
  const mark = clock.status === 'ok' ? style.green('✔') : clock.status === 'unknown' ? style.dim('–') : clock.status === 'warning' ? style.yellow('⚠') : style.red('✖');
  const [first = '', ...rest] = hanging('Clock: ✔ ', clock.message, width);
  return [`${style.bold('Clock:')} ${mark} ${first.slice('Clock: ✔ '.length)}`, ...rest];
}

/** A paragraph wrapped to `width`, its first line after `prefix`, the others aligned under the text. */
export function hanging(prefix: string, text: string, width: number): string[] {
  const pad = ' '.repeat(prefix.length);
  return wrap(text, Math.max(30, width - prefix.length)).map((line, i) => `${i === 0 ? prefix : pad}${line}`);
}

export function stsExplanationLines(explanation: StsExplanationView, indent = '  ', width = 100): string[] {
  const lines = [...hanging(indent, `${explanation.code} — ${explanation.title}`, width), ...hanging(`${indent}Cause: `, explanation.cause, width)];
  if (explanation.likelyCauses.length > 0) lines.push(`${indent}Likely causes:`, ...explanation.likelyCauses.flatMap((c) => hanging(`${indent}  - `, c, width)));
  if (explanation.fixes.length > 0) lines.push(`${indent}Fixes:`, ...explanation.fixes.flatMap((f, i) => hanging(`${indent}  ${i + 1}. `, f, width)));
  if (explanation.retryable) lines.push(`${indent}Retrying later can succeed without changes.`);
  return lines;
}

export function mongoExplanationLines(explanation: MongoExplanationView, indent = '  ', width = 100): string[] {
  const lines = [...hanging(indent, explanation.summary, width), ...hanging(indent, `(${explanation.error.name}${explanation.error.code === null ? '' : ` ${String(explanation.error.code)}`}: ${explanation.error.message})`, width)];
  if (explanation.causes.length > 0) lines.push(`${indent}Possible causes, most likely first:`, ...explanation.causes.flatMap((c) => hanging(`${indent}  - `, c, width)));
  if (explanation.checks.length > 0) lines.push(`${indent}Check:`, ...explanation.checks.flatMap((c, i) => hanging(`${indent}  ${i + 1}. `, c, width)));
  return lines;
}
