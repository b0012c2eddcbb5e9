import { defineProject } from 'vitest/config';

/**
 * The vitest project every package uses; the root vitest.config.ts runs them all as projects.
 *
 * @example
 * // packages/sigv4/vitest.config.ts
 * import { packageTests } from '@iamkit/vitest-config';
 * export default packageTests(import.meta.dirname);
 *
 * @param {string} dir the package directory (import.meta.dirname)
 * @param {import('vitest/config').UserWorkspaceConfig['test']} [overrides]
 */
export function packageTests(dir, overrides = {}) {
  const name = dir.split(/[\\/]/).slice(-2).join('/');
  return defineProject({
    test: {
      name,
      root: dir,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      environment: 'node',
      // Tests talk to loopback emulators and spawn processes; give them room but fail hung ones.
      testTimeout: 30_000,
      hookTimeout: 30_000,
      restoreMocks: true,
      clearMocks: true,
      ...overrides,
    },
  });
}
