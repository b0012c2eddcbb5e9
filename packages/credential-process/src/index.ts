export type { FromProcessOptions } from './from-process.js';
export { fromProcess } from './from-process.js';
export type { ProcessErrorCode, RunCredentialProcessOptions } from './run-credential-process.js';
export { DEFAULT_PROCESS_MAX_OUTPUT_BYTES, DEFAULT_PROCESS_TIMEOUT_MS, runCredentialProcess } from './run-credential-process.js';
export type { SplitCommandOptions } from './split-command.js';
export { splitCommandLine } from './split-command.js';
