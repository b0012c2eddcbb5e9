import { parse } from '../cli/args.js';
import type { CommandContext } from '../cli/context.js';
import { EXIT_CODES, type ExitCode } from '../cli/exit-codes.js';
import { EXPLAIN_HELP } from '../cli/help.js';
import { usageError } from '../cli/usage-error.js';
import { collectExplain } from './collect-explain.js';
import { renderExplain } from './render-explain.js';

const FLAGS = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

export async function explainCommand(argv: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = parse(argv, FLAGS, true);
  if (values.help === true) {
    context.out(EXPLAIN_HELP);
    return EXIT_CODES.ok;
  }
  let message: string;
  if (positionals.length === 0 || (positionals.length === 1 && positionals[0] === '-')) {
    if (positionals.length === 0 && context.stdinIsTTY) throw usageError('explain needs an error message: iamkit explain "<message>", or pipe it in (… | iamkit explain -).');
    message = await context.readStdin();
  } else {
    // Without quotes the shell splits the message into words: put it back together.
    message = positionals.join(' ');
  }
  if (message.trim() === '') throw usageError('explain got an empty message: pass the error text, quoted, or pipe it in.');
  const report = collectExplain(message);
  context.out(values.json === true ? `${JSON.stringify(report, null, 2)}\n` : renderExplain(report, { color: context.color, width: context.width }));
  return report.exitCode;
}
