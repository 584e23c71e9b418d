import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    pool: 'forks',
    // Two files at a time, even on two cores: most of a file's time is spent waiting on
    // DynamoDB Local, the SES emulator or Chromium, so a second one runs meanwhile (one at a time,
    // vitest's default on two cores, took over 25 min for the whole suite).
    maxWorkers: 2,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'SILENT' },
  },
});
