import { tableClient } from '#platform/adapters/dynamodb-client.js';
import { tableProbe } from '#platform/adapters/table-probe.js';
import { readSettings, TableSettings } from '#platform/config.js';
import { HEALTH_TIMEOUT_MS, type HealthProbe } from '#platform/health.js';
import { localHealthProbes } from './providers.js';

/**
 * The health function's wiring (family api-table): one table read per check. In the cloud the
 * scheduler is EventBridge Scheduler and mail is SES, reported without a call (no grant, no
 * cost); the local runtime provides real checks of its scheduler and SES emulator.
 */
const { table } = readSettings({ table: TableSettings });

const db = tableClient(table, { maxAttempts: 1 });

const managed =
  (kind: string): HealthProbe =>
  async () => ({ status: 'ok', kind });

export const healthProbes = (): Record<string, HealthProbe> => ({
  table: tableProbe(db, table.tableName, HEALTH_TIMEOUT_MS - 500),
  ...(localHealthProbes() ?? { scheduler: managed('eventbridge'), mail: managed('ses') }),
});
