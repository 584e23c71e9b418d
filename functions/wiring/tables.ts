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
  return {
    db,
    tableName: table.tableName,
    users: new DynamoUserDirectory(db, table.tableName),
    organisations: new DynamoOrganisationDirectory(db, table.tableName, clock),
    store: new DynamoTicketStore(db, table.tableName, cursors),
    queues: new DynamoQueueReader(db, table.tableName),
    clock,
    ids: ulidGenerator(),
  };
};

export type TableAdapters = ReturnType<typeof tableAdapters>;

export interface SlaAdapters {
  /** Policies, calendars, their history and the re-apply jobs in the table. */
  store: DynamoSlaConfigStore;
  /** The policies and calendars as the engine reads them, cached in the container. */
  policies: SlaPolicyDeps;
}

const slaOfClient = new WeakMap<object, SlaAdapters>();

/**
 * The SLA configuration over the same table, apart from `tableAdapters` so that a function that
 * never reads a policy (a stream consumer, a read route) does not bundle the SLA configuration.
 * One per document client: one cache per container, so a policy saved in a container
 * applies at once to its next ticket change.
 */
export const slaAdapters = (adapters: Pick<TableAdapters, 'db' | 'tableName' | 'clock'>): SlaAdapters => {
  // Keyed by the document client: copies of the adapters (`{ ...adapters, scheduler }`) share it.
  let sla = slaOfClient.get(adapters.db);
  if (!sla) {
    const store = new DynamoSlaConfigStore(adapters.db, adapters.tableName);
    sla = {
      store,
      policies: { store, cache: new SlaConfigCache(store, adapters.clock), clock: adapters.clock },
    };
    slaOfClient.set(adapters.db, sla);
  }
  return sla;
};
