import { defineConfig } from 'vitest/config';

// One run over every package: `pnpm vitest` from the root. CI goes through turbo (`pnpm test`),
// which runs the same per-package projects with build ordering and caching.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
  },
});
