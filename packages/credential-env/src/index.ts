export type { EnvErrorCode, FromEnvOptions } from './from-env.js';
export { fromEnv } from './from-env.js';
