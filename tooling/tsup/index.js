// Shared build for every publishable package: ESM + CJS + types from src/index.ts.
// Each package's tsup.config.ts is three lines that call packageBuild().

/**
 * The tsup options every iamkit package is built with.
 *
 * @example
 * // packages/sigv4/tsup.config.ts
 * import { packageBuild } from '@iamkit/tsup-config';
 * export default packageBuild();
 *
 * @param {import('tsup').Options} [overrides] extra entries (e.g. a CLI bin) or options
 * @returns {import('tsup').Options}
 */
export function packageBuild(overrides = {}) {
  return {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    // Matches engines.node >=20.19.
    target: 'node20',
    platform: 'node',
    // tsup 8.5 with TypeScript 6 fails the .d.ts step on the deprecated baseUrl it injects.
    dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
    // No source maps: the output is unminified ES2022, readable as is, and maps would double the
    // install size (they are most of what a user downloads).
    sourcemap: false,
    clean: true,
    splitting: false,
    treeshake: true,
    // Dependencies are never bundled: each package's own dependencies stay external.
    skipNodeModulesBundle: true,
    ...overrides,
  };
}
