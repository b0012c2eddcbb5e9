#!/usr/bin/env node
// API docs from TSDoc, with typedoc, over the src/index.ts of every publishable package
// (settings in docs/typedoc.json; HTML in docs/api/, which git ignores).
//
//   node scripts/docs.mjs          (pnpm docs)        writes the HTML, warnings are printed
//   node scripts/docs.mjs --check  (pnpm docs:check)  the same, but any warning fails: an export
//                                                     without TSDoc, a broken {@link}, a type used
//                                                     by the API but not exported; and every
//                                                     export must carry an @example and @public
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import * as td from 'typedoc';
import { publishablePackages, repoRoot } from './lib/workspace.mjs';

const { values: flags } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
const packages = publishablePackages().filter((pkg) => existsSync(join(pkg.dir, 'src/index.ts')));
if (packages.length === 0) {
  console.error('docs: no publishable package has a src/index.ts');
  process.exit(1);
}

const app = await td.Application.bootstrapWithPlugins(
  {
    options: join(repoRoot, 'docs/typedoc.json'),
    entryPoints: packages.map((pkg) => join(pkg.dir, 'src/index.ts')),
    projectDocuments: packages.filter((pkg) => existsSync(join(pkg.dir, 'README.md'))).map((pkg) => join(pkg.dir, 'README.md')),
    // Sources belong to their packages, not to the root package typedoc would require by default.
    packagesRequiringDocumentation: packages.map((pkg) => pkg.name),
    treatWarningsAsErrors: flags.check,
  },
  [new td.TypeDocReader(), new td.TSConfigReader()],
);

const project = await app.convert();
if (project === undefined) {
  console.error('docs: typedoc could not convert the packages');
  process.exit(1);
}
nameModulesAfterPackages(project);
app.validate(project);
for (const problem of exportsWithoutRequiredTags(project)) app.logger.warn(problem);
if (app.logger.hasErrors() || (flags.check && app.logger.hasWarnings())) {
  console.error(`docs: ${app.logger.errorCount} errors and ${app.logger.warningCount} warnings; every export needs TSDoc with @example and @public`);
  process.exit(1);
}
await app.generateOutputs(project);
if (app.logger.hasErrors() || (flags.check && app.logger.hasWarnings())) process.exit(1);
console.log(`docs: ${packages.length} packages documented in ${relative(process.cwd(), join(repoRoot, 'docs/api'))}/`);

// In "resolve" mode typedoc names each module after its path ("credentials/src") and each README
// after its folder; users know the package name.
function nameModulesAfterPackages(reflection) {
  const byPath = new Map(packages.map((pkg) => [`${relative(join(repoRoot, 'packages'), pkg.dir)}/src`, pkg.name]));
  const modules = packages.length === 1 ? [reflection] : (reflection.children ?? []);
  for (const module of modules) {
    const name = packages.length === 1 ? packages[0].name : byPath.get(module.name);
    if (name === undefined) throw new Error(`docs: cannot tell which package the typedoc module "${module.name}" is`);
    module.name = name;
  }
  const readmes = new Map(packages.map((pkg) => [`${relative(join(repoRoot, 'packages'), pkg.dir)}/README`, pkg.name]));
  for (const document of reflection.documents ?? []) {
    const name = readmes.get(document.name);
    if (name !== undefined) document.name = `${name} README`;
  }
}

// The project's TSDoc rule, which typedoc's validation does not cover: every export shows how it is
// used (@example) and states its release stage (@public). Typedoc turns @public into a flag.
// Functions are checked here rather than by notDocumented (docs/typedoc.json), which would also
// demand a comment on every method of every exported class and interface.
function exportsWithoutRequiredTags(reflection) {
  const modules = packages.length === 1 ? [reflection] : (reflection.children ?? []);
  const problems = [];
  for (const module of modules) {
    for (const child of module.children ?? []) {
      const comment = child.comment ?? child.signatures?.[0]?.comment ?? child.type?.declaration?.signatures?.[0]?.comment;
      const what = `${module.name}: ${child.name} (${td.ReflectionKind.singularString(child.kind)})`;
      const missing = [];
      if (!(comment?.blockTags.some((tag) => tag.tag === '@example') ?? false)) missing.push('@example');
      if (!child.flags.isPublic) missing.push('@public');
      if (comment === undefined) problems.push(`${what} has no TSDoc comment; document it with an @example and @public`);
      else if (missing.length > 0) problems.push(`${what} has no ${missing.join(' and ')} in its TSDoc`);
    }
  }
  return problems;
}
