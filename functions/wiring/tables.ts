import { DynamoOrganisationDirectory } from '#identity/adapters/dynamodb-organisation-directory.js';
import { DynamoUserDirectory } from '#identity/adapters/dynamodb-user-directory.js';
import { tableClient } from '#platform/adapters/dynamodb-client.js';
import type { PageCursors } from '#platform/cursor.js';
import { systemClock, ulidGenerator } from '#platform/system.js';
import { DynamoQueueReader } from '#queues/adapters/dynamodb-queue-reader.js';
import { DynamoSlaConfigStore } from '#sla/adapters/dynamodb-sla-config-store.js';
import { SlaConfigCache } from '#sla/configuration.js';
import type { SlaPolicyDeps } from '#sla/use-cases/get-sla-policies.js';
import { DynamoTicketStore } from '#tickets/adapters/dynamodb-ticket-store.js';

/**
 * The adapters over the product's table, as every function family builds them once per
 * container: one document client, the user directory, the ticket store, the SLA configuration
 * (one cache, so a policy saved in a container applies at once to its next ticket change).
 */
export const tableAdapters = (
  table: { tableName: string; dynamoEndpoint: string | null },
  cursors: PageCursors,
) => {
  const db = tableClient(table);
  const clock = systemClock;
  const slaConfigStore = new DynamoSlaConfigStore(db, table.tableName);
  const slaPolicies: SlaPolicyDeps = {
    store: slaConfigStore,
    cache: new SlaConfigCache(slaConfigStore, clock),
    clock,
  };
  return {
    db,
    tableName: table.tableName,
    users: new DynamoUserDirectory(db, table.tableName),
    organisations: new DynamoOrganisationDirectory(db, table.tableName, clock),
    store: new DynamoTicketStore(db, table.tableName, cursors),
    queues: new DynamoQueueReader(db, table.tableName),
    clock,
    ids: ulidGenerator(),
    slaPolicies,
    slaConfigStore,
  };
};

export type TableAdapters = ReturnType<typeof tableAdapters>;
