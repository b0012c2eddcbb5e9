import { scrubSecrets } from '@iamkit/credentials';
import { doctorCommand } from '../doctor/doctor-command.js';
import { explainCommand } from '../explain/explain-command.js';
import { signCommand } from '../sign/sign-command.js';
import { whoamiCommand } from '../whoami/whoami-command.js';
import { createContext, type CommandContext } from './context.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { DOCTOR_HELP, EXPLAIN_HELP, MAIN_HELP, SIGN_HELP, WHOAMI_HELP } from './help.js';
import type { CliIo } from './io.js';
import { isUsageError } from './usage-error.js';

type Command = (argv: readonly string[], context: CommandContext) => Promise<ExitCode>;

const COMMANDS: Readonly<Record<string, { readonly run: Command; readonly help: string }>> = {
  doctor: { run: doctorCommand, help: DOCTOR_HELP },
  whoami: { run: whoamiCommand, help: WHOAMI_HELP },
  sign: { run: signCommand, help: SIGN_HELP },
  explain: { run: explainCommand, help: EXPLAIN_HELP },
};

/**
 * The `iamkit` command, in process: parses `io.argv`, runs the command with the injected
 * environment and streams, and resolves to the exit code (see {@link EXIT_CODES}); it never
 * calls `process.exit` and never throws. Every line it writes is checked against the secrets it
 * has seen (environment variables, resolved credentials) and they are removed.
 *
 * @example
 * ```ts
 * import { runCli } from '@iamkit/cli';
 * process.exitCode = await runCli({ argv: process.argv.slice(2), stdout: process.stdout, stderr: process.stderr });
 * ```
 * @public
 */
export async function runCli(io: CliIo): Promise<ExitCode> {
  const context = createContext(io);
  const [name, ...rest] = io.argv;
  try {
    if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
      const topic = name === 'help' ? COMMANDS[rest[0] ?? ''] : undefined;
      context.out(topic?.help ?? MAIN_HELP);
      return EXIT_CODES.ok;
    }
    if (name === '-V' || name === '--version' || name === 'version') {
      context.out(`${io.version ?? 'unknown'}\n`);
      return EXIT_CODES.ok;
    }
    const command = COMMANDS[name];
    if (command === undefined) {
      context.err(`iamkit: unknown command ${JSON.stringify(name)}. Commands: ${Object.keys(COMMANDS).join(', ')}.\nRun iamkit --help for the list.\n`);
      return EXIT_CODES.usage;
    }
    return await command.run(rest, context);
  } catch (error) {
    if (isUsageError(error)) {
      context.err(`iamkit: ${error.message}\nRun iamkit ${name} --help for the options and examples.\n`);
      return EXIT_CODES.usage;
    }
    context.err(`iamkit: internal error (please report it): ${scrubSecrets(error instanceof Error ? error.message : String(error))}\n`);
    return EXIT_CODES.internal;
  } finally {
    context.spinner.stop();
  }
}
