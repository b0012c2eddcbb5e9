import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The type-checked lint configuration every package shares.
 *
 * @example
 * // packages/sigv4/eslint.config.js
 * import { packageLint } from '@iamkit/eslint-config';
 * export default packageLint(import.meta.dirname);
 *
 * @param {string} dir the package directory (import.meta.dirname)
 */
export function packageLint(dir) {
  return tseslint.config(
    { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '*.config.*', 'api/**'] },
    { linterOptions: { reportUnusedDisableDirectives: 'error' } },
    js.configs.recommended,
    ...tseslint.configs.strictTypeChecked,
    ...tseslint.configs.stylisticTypeChecked,
    {
      languageOptions: {
        parserOptions: { projectService: true, tsconfigRootDir: dir },
      },
      rules: {
        '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
        '@typescript-eslint/consistent-type-exports': 'error',
        '@typescript-eslint/no-non-null-assertion': 'error',
        '@typescript-eslint/no-floating-promises': 'error',
        '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
        '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
        'no-restricted-syntax': [
          'error',
          { selector: 'ExportAllDeclaration', message: 'List exports explicitly: no `export *`.' },
          { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' },
        ],
        'no-restricted-imports': [
          'error',
          { patterns: [{ group: ['@iamkit/*/src', '@iamkit/*/src/*'], message: 'Import the package entry, not its sources.' }] },
        ],
      },
    },
    {
      // Library code reads process.env in one place (env.ts) so that everything else takes an
      // injected env; tests inject too instead of mutating the real one.
      files: ['src/**/*.ts'],
      ignores: ['src/**/env.ts', 'src/bin/**', 'src/**/*.test.ts'],
      rules: {
        'no-restricted-properties': [
          'error',
          { object: 'process', property: 'env', message: 'Take env as an injected option; read process.env only in env.ts.' },
        ],
      },
    },
    {
      files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
      rules: {
        '@typescript-eslint/no-non-null-assertion': 'off',
        '@typescript-eslint/no-unsafe-assignment': 'off',
        '@typescript-eslint/no-unsafe-member-access': 'off',
        '@typescript-eslint/no-unsafe-call': 'off',
        '@typescript-eslint/no-unsafe-argument': 'off',
        '@typescript-eslint/no-unsafe-return': 'off',
        '@typescript-eslint/no-explicit-any': 'off',
        '@typescript-eslint/no-confusing-void-expression': 'off',
        '@typescript-eslint/no-unnecessary-condition': 'off',
        '@typescript-eslint/require-await': 'off',
      },
    },
  );
}
