// The command line.
export type { CliIo, CliOutput } from './cli/io.js';
export { runCli } from './cli/run-cli.js';
export type { ExitCode } from './cli/exit-codes.js';
export { EXIT_CODES } from './cli/exit-codes.js';
// What the commands collect, and how it is rendered.
export type { CommonOptions } from './shared/common-options.js';
export type { CredentialsView, ErrorView } from './shared/views.js';
export type { ChainView, SourceView } from './shared/resolve-credentials.js';
export type { IdentityView, StsCheck } from './shared/sts-identity.js';
export type { ClockCheck } from './shared/clock.js';
export { CLOCK_FATAL_MS, CLOCK_WARNING_MS } from './shared/clock.js';
export type { MongoExplanationView, StsExplanationView } from './shared/explanation-views.js';
export type { RenderOptions } from './shared/render-parts.js';
export type { DoctorProblem, DoctorReport } from './doctor/doctor-report.js';
export type { MongoCheck } from './doctor/mongodb-check.js';
export type { DoctorOptions } from './doctor/collect-doctor.js';
export { collectDoctor } from './doctor/collect-doctor.js';
export { renderDoctor } from './doctor/render-doctor.js';
export type { WhoamiReport } from './whoami/collect-whoami.js';
export { collectWhoami } from './whoami/collect-whoami.js';
export { renderWhoami } from './whoami/render-whoami.js';
export type { SignInput, SignReport } from './sign/collect-sign.js';
export { collectSign } from './sign/collect-sign.js';
export type { RenderSignOptions } from './sign/render-sign.js';
export { renderSign } from './sign/render-sign.js';
export type { CanonicalPart } from './sign/canonical-parts.js';
export type { CanonicalComparison, CanonicalDifference } from './sign/canonical-compare.js';
export { compareCanonicalRequests } from './sign/canonical-compare.js';
export { normalizeCanonicalRequest } from './sign/canonical-normalize.js';
export type { ExplainReport } from './explain/collect-explain.js';
export { collectExplain } from './explain/collect-explain.js';
export { renderExplain } from './explain/render-explain.js';
// The JSON Schemas of --json.
export { DOCTOR_REPORT_SCHEMA, EXPLAIN_REPORT_SCHEMA, SIGN_REPORT_SCHEMA, WHOAMI_REPORT_SCHEMA } from './schemas/report-schemas.js';
