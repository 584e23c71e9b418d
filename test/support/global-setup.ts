import type { TestProject } from 'vitest/node';

/** Filled in by the integration layer: one DynamoDB Local and one SES emulator per run. */
export default async function setup(_project: TestProject) {
  return async () => {};
}
