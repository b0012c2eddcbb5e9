import { COMMON_FLAGS, commonOptions, parse, stringValue } from '../cli/args.js';
import type { CommandContext } from '../cli/context.js';
import type { ExitCode } from '../cli/exit-codes.js';
import { EXIT_CODES } from '../cli/exit-codes.js';
import { DOCTOR_HELP } from '../cli/help.js';
import { usageError } from '../cli/usage-error.js';
import { runDoctor } from './collect-doctor.js';
import { renderDoctor } from './render-doctor.js';

const FLAGS = { ...COMMON_FLAGS, mongodb: { type: 'string' }, all: { type: 'boolean' }, 'no-sts': { type: 'boolean' } } as const;

export async function doctorCommand(argv: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values } = parse(argv, FLAGS);
  if (values.help === true) {
    context.out(DOCTOR_HELP);
    return EXIT_CODES.ok;
  }
  const mongodbUri = stringValue(values, 'mongodb');
  if (mongodbUri !== undefined && !/^mongodb(?:\+srv)?:\/\//.test(mongodbUri)) throw usageError('--mongodb takes a connection string that starts with mongodb:// or mongodb+srv://.');
  const { report, credentials } = await runDoctor({
    ...commonOptions(values, context),
    tryAll: values.all === true,
    sts: values['no-sts'] !== true,
    mongodbUri,
    loadMongodb: context.loadMongodb,
  });
  context.secrets.add(credentials?.secretAccessKey, credentials?.sessionToken);
  context.out(values.json === true ? `${JSON.stringify(report, null, 2)}\n` : renderDoctor(report, { color: context.color, width: context.width }));
  return report.exitCode;
}
