// What installed packages declare in their types, read with the TypeScript compiler API the way a
// consumer's compiler sees them: the `import` condition (.d.ts) and the `require` one (.d.cts).
import ts from 'typescript';

const COMPILER_OPTIONS = {
  module: ts.ModuleKind.Node16,
  moduleResolution: ts.ModuleResolutionKind.Node16,
  target: ts.ScriptTarget.ES2022,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  // Listing exports does not need Node's types; the consumer type-check loads them.
  types: [],
};

const MODES = { import: ts.ModuleKind.ESNext, require: ts.ModuleKind.CommonJS };

/**
 * Named exports of each specifier, split into values and types, as seen through `import` and
 * through `require` from a project folder.
 *
 * @param {string} projectDir a folder with the packages in node_modules
 * @param {string[]} specifiers
 * @returns {Map<string, { import?: { values: string[], types: string[] }, require?: { values: string[], types: string[] }, problems: string[] }>}
 */
export function declaredExports(projectDir, specifiers) {
  const containingFile = `${projectDir}/consumer.ts`;
  const files = new Map();
  for (const specifier of specifiers) {
    for (const [mode, resolutionMode] of Object.entries(MODES)) {
      const resolved = ts.resolveModuleName(specifier, containingFile, COMPILER_OPTIONS, ts.sys, undefined, undefined, resolutionMode);
      files.set(`${specifier}\0${mode}`, resolved.resolvedModule?.resolvedFileName);
    }
  }
  const roots = [...new Set([...files.values()].filter((file) => file !== undefined))];
  const program = ts.createProgram(roots, COMPILER_OPTIONS);
  const checker = program.getTypeChecker();

  const result = new Map();
  for (const specifier of specifiers) {
    const entry = { problems: [] };
    for (const mode of Object.keys(MODES)) {
      const file = files.get(`${specifier}\0${mode}`);
      const source = file === undefined ? undefined : program.getSourceFile(file);
      const moduleSymbol = source === undefined ? undefined : checker.getSymbolAtLocation(source);
      if (moduleSymbol === undefined) {
        entry.problems.push(`no types resolve for ${mode === 'import' ? 'import' : 'require'}() under moduleResolution node16`);
        continue;
      }
      const values = [];
      const types = [];
      for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
        (isValueExport(checker, symbol) ? values : types).push(symbol.getName());
      }
      entry[mode] = { values: values.sort(), types: types.sort() };
    }
    if (entry.import !== undefined && entry.require !== undefined) {
      const esm = [...entry.import.values, ...entry.import.types].sort().join(', ');
      const cjs = [...entry.require.values, ...entry.require.types].sort().join(', ');
      if (esm !== cjs) entry.problems.push(`the .d.ts (import) and .d.cts (require) types export different names:\n    import:  ${esm}\n    require: ${cjs}`);
    }
    result.set(specifier, entry);
  }
  return result;
}

// A value export exists at run time; `export { type X }` of a class does not.
function isValueExport(checker, symbol) {
  const typeOnly = symbol.declarations?.some((d) => ts.isExportSpecifier(d) && (d.isTypeOnly || d.parent.parent.isTypeOnly)) ?? false;
  if (typeOnly) return false;
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return (target.flags & ts.SymbolFlags.Value) !== 0;
}
