import { tableProbe } from '#platform/adapters/table-probe.js';
import { envNames } from '#platform/env-names.js';
import { HEALTH_TIMEOUT_MS, type HealthProbe } from '#platform/health.js';
import { localHealthProbes } from './providers.js';

/**
 * The health function's wiring (family api-table): one table read per check. In the cloud the
 * scheduler is EventBridge Scheduler and mail is SES, reported without a call (no grant, no
 * cost); the local runtime provides real checks of its scheduler and SES emulator.
 *
 * It reads the two table variables of `TableSettings` directly, without the settings
 * validator (zod) and without the SDK: health must start in a few tens of milliseconds.
 */
const tableName = process.env[envNames.tableName];
if (!tableName)
  throw new Error(
    `Invalid configuration: ${envNames.tableName} is not set: set it in the function configuration`,
  );
const endpoint = process.env[envNames.dynamoEndpoint] || null;

const managed =
  (kind: string): HealthProbe =>
  async () => ({ status: 'ok', kind });

export const healthProbes = (): Record<string, HealthProbe> => ({
  table: tableProbe({ tableName, endpoint, timeoutMs: HEALTH_TIMEOUT_MS - 500 }),
  ...(localHealthProbes() ?? { scheduler: managed('eventbridge'), mail: managed('ses') }),
});
