import { defineConfig } from 'vitest/config';

/**
 * Files that time the product or race it on purpose run one at a time after the rest, with
 * nothing beside them: `npm start` ready within 30 s (DESIGN.md), racing creates against agents'
 * capacity, racing replies, timer bursts, the stream poller's retry timing (docs/testing.md).
 */
const alone = [
  'test/local/start.test.ts',
  'test/local/stream-poller.test.ts',
  'test/queues/auto-assign.test.ts',
  'test/tickets/concurrency.test.ts',
  'test/sla/burst.test.ts',
  'test/sla/timers.test.ts',
];

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
