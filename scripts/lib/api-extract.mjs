// Renders the public surface of one built entry point as an API Extractor report (the format
// smithy and the Rush stack commit): declarations sorted by name, release tags, and warnings about
// the surface itself (a referenced type that is not exported, a missing release tag) written into
// the report so they show up in review. Documentation problems stay out of it: the snapshot must
// change when the API changes, not when a comment does (they are returned as notes instead).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

// The compiler settings API Extractor analyses the .d.ts with (it bundles its own TypeScript 6.0).
// @types/node is loaded only for packages that declare it, and nothing else from @types: picking
// up every @types package (the default) makes it trip over the global URL that @types/node
// declares conditionally ("Unable to follow symbol for URL").
function compilerOptions(packageDir) {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const declared = { ...manifest.dependencies, ...manifest.devDependencies, ...manifest.peerDependencies };
  return {
    target: 'es2022',
    lib: ['es2023'],
    module: 'nodenext',
    moduleResolution: 'nodenext',
    strict: true,
    skipLibCheck: true,
    types: '@types/node' in declared ? ['node'] : [],
  };
}

// Messages about documentation rather than the surface. Missing docs are the docs check's job
// (typedoc's notDocumented, over exports only); broken links are passed back as notes.
const DOC_MESSAGES = ['ae-unresolved-link', 'ae-unresolved-inheritdoc-reference', 'ae-unresolved-inheritdoc-base'];

/**
 * The API report text of one entry point, and the documentation problems seen on the way.
 *
 * @param {{ packageDir: string, declarationFile: string, stem: string }} entry
 * @returns {{ report: string, notes: string[] }}
 */
export function extractApiReport({ packageDir, declarationFile, stem }) {
  const scratch = mkdtempSync(join(tmpdir(), 'iamkit-api-'));
  try {
    const config = ExtractorConfig.prepare({
      configObject: {
        projectFolder: packageDir,
        mainEntryPointFilePath: declarationFile,
        compiler: { overrideTsconfig: { compilerOptions: compilerOptions(packageDir) } },
        apiReport: { enabled: true, reportFileName: stem, reportFolder: scratch, reportTempFolder: scratch },
        docModel: { enabled: false },
        dtsRollup: { enabled: false },
        tsdocMetadata: { enabled: false },
        newlineKind: 'lf',
        messages: {
          compilerMessageReporting: { default: { logLevel: 'error' } },
          extractorMessageReporting: {
            default: { logLevel: 'none', addToApiReportFile: true },
            ...Object.fromEntries(DOC_MESSAGES.map((id) => [id, { logLevel: 'warning', addToApiReportFile: false }])),
            'ae-undocumented': { logLevel: 'none', addToApiReportFile: false },
          },
          tsdocMessageReporting: { default: { logLevel: 'warning', addToApiReportFile: false } },
        },
      },
      configObjectFullPath: join(packageDir, 'api-extractor.json'),
      packageJsonFullPath: join(packageDir, 'package.json'),
    });
    const errors = [];
    const notes = [];
    const result = Extractor.invoke(config, {
      localBuild: true,
      messageCallback(message) {
        // The report is the output: errors (the .d.ts does not compile) fail, documentation
        // warnings become notes, and the rest (progress, "report created") is noise.
        if (message.logLevel === 'error') errors.push(message.formatMessageWithLocation(`${packageDir}/`));
        else if (message.logLevel === 'warning' && message.category !== 'console') notes.push(message.formatMessageWithLocation(`${packageDir}/`));
        message.handled = true;
      },
    });
    if (!result.succeeded || errors.length > 0) {
      throw new Error(`API Extractor failed on ${declarationFile}:\n  ${errors.join('\n  ') || 'no details'}`);
    }
    return { report: normalizeReport(readFileSync(join(scratch, `${stem}.api.md`), 'utf8')), notes: [...new Set(notes)] };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * What never counts as an API change: line endings, trailing whitespace, whether a member has a
 * doc comment ("(undocumented)") and line numbers in the .d.ts.
 *
 * @param {string} text
 */
export function normalizeReport(text) {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((line) => line.trim() !== '// (undocumented)')
    .map((line) =>
      line
        .replace(/^(\s*\/\/ .*) \(undocumented\)$/, '$1')
        .replace(/(\.d\.[cm]?ts):\d+:\d+/g, '$1')
        .trimEnd(),
    );
  return `${lines.join('\n').trimEnd()}\n`;
}

/**
 * The names a report exports, for telling the user which symbols a change removes.
 *
 * @param {string} report
 * @returns {Set<string>}
 */
export function exportedNames(report) {
  const names = new Set();
  const declaration = /^export (?:declare )?(?:abstract )?(?:class|function|interface|type|const|let|var|enum|namespace) ([\w$]+)/gm;
  for (const match of report.matchAll(declaration)) names.add(match[1]);
  return names;
}
