import { defineConfig } from 'vitest/config';

// Tests of the packaged extension: its .vsix contents, and the extension in
// code-server. `npm run test:e2e` packages first and installs the tools.
export default defineConfig({
  test: {
    include: ['tests/package.test.ts', 'tests/e2e/**/*.test.ts'],
    fileParallelism: false,
    globalSetup: ['tests/support/e2e-global-setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
