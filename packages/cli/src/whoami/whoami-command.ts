import { COMMON_FLAGS, commonOptions, parse } from '../cli/args.js';
import type { CommandContext } from '../cli/context.js';
import { EXIT_CODES, type ExitCode } from '../cli/exit-codes.js';
import { WHOAMI_HELP } from '../cli/help.js';
import { runWhoami } from './collect-whoami.js';
import { renderWhoami } from './render-whoami.js';

export async function whoamiCommand(argv: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values } = parse(argv, COMMON_FLAGS);
  if (values.help === true) {
    context.out(WHOAMI_HELP);
    return EXIT_CODES.ok;
  }
  const { report, credentials } = await runWhoami(commonOptions(values, context));
  context.secrets.add(credentials?.secretAccessKey, credentials?.sessionToken);
  context.out(values.json === true ? `${JSON.stringify(report, null, 2)}\n` : renderWhoami(report, { color: context.color, width: context.width }));
  return report.exitCode;
}
