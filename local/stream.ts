import { join } from 'node:path';
import { streamConsumers } from '#functions/stream/consumers.js';
import { readSettings, TableSettings } from '#platform/config.js';
import { logger } from '#platform/logger.js';
import { localDynamoClient } from './dynamodb.js';
import { loadHandler } from './handler-modules.js';
import {
  filePollerStore,
  type LoadedHandler,
  memoryPollerStore,
  type PollerStore,
  type StreamPoller,
  startStreamPoller,
} from './stream-poller.js';

/** `functions/stream/<name>.ts`, the module the cloud function bundles, loaded once per process. */
const handlerOf = (module: string) => loadHandler<LoadedHandler>(module);

/** The local change-stream consumers' positions and dead letters under `npm start`'s data folder. */
export const dataDirPollerStore = (dataDir: string, tableName: string): PollerStore =>
  filePollerStore(join(dataDir, `stream-positions-${tableName}.json`), join(dataDir, 'dead-letters.jsonl'));

/**
 * Runs every registered stream consumer (functions/stream/consumers.ts) on the local table's
 * stream. Call after the local environment is applied (the handlers read it at load).
 */
export const startLocalStream = async (
  options: { store?: PollerStore; idleMs?: number } = {},
): Promise<StreamPoller> => {
  const { table } = readSettings({ table: TableSettings });
  if (!table.dynamoEndpoint) throw new Error('The local stream needs the DynamoDB Local endpoint');
  const db = localDynamoClient(table.dynamoEndpoint);
  // Loaded before the first record, so the first change is not late by a module load.
  await Promise.all(streamConsumers.map((consumer) => handlerOf(consumer.module)));
  const poller = await startStreamPoller({
    db,
    endpoint: table.dynamoEndpoint,
    tableName: table.tableName,
    consumers: streamConsumers.map((consumer) => ({
      name: consumer.name,
      filters: consumer.filters,
      ...(consumer.batchSize ? { batchSize: consumer.batchSize } : {}),
      handler: () => handlerOf(consumer.module),
    })),
    store: options.store ?? memoryPollerStore(),
    log: logger.createChild({ serviceName: 'helpdesk-local-stream' }),
    ...(options.idleMs ? { idleMs: options.idleMs } : {}),
  });
  return {
    ...poller,
    stop: async () => {
      await poller.stop();
      db.destroy();
    },
  };
};
