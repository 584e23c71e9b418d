import { defineConfig } from 'vitest/config';

/** `npm start` as a newcomer runs it (ready within 30 s, DESIGN.md): timed alone, after the rest. */
const alone = ['test/local/start.test.ts'];

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/dynamo-lease.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    pool: 'forks',
    // Two files at a time on a 2-core box (vitest's default is one there): most files wait on
    // DynamoDB Local, the SES emulator or Chromium more than they compute (docs/testing.md).
    maxWorkers: 2,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'SILENT' },
    projects: [
      {
        extends: true,
        test: { name: 'suite', include: ['test/**/*.test.ts'], exclude: alone, sequence: { groupOrder: 0 } },
      },
      // What times the product's own start runs with nothing else beside it.
      { extends: true, test: { name: 'alone', include: alone, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
