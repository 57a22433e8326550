import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Editor end-to-end tests and the .vsix check need the packaged extension: vitest.e2e.config.ts.
    exclude: [...configDefaults.exclude, 'tests/e2e/**', 'tests/package.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
