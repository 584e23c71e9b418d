import { DynamoUserDirectory } from '#identity/adapters/dynamodb-user-directory.js';
import { mailConfigFromEnv } from '#notifications/config.js';
import { createDocumentClient } from '#platform/adapters/dynamodb-client.js';
import { envNames, requireEnv } from '#platform/config.js';
import { CursorCodec } from '#platform/cursor.js';
import { systemClock, ulidGenerator } from '#platform/system.js';
import { DynamoTicketStore } from '#tickets/adapters/dynamodb-ticket-store.js';
import type { TicketDeps } from '#tickets/use-cases/deps.js';
import type { TicketHooks } from '#tickets/use-cases/hooks.js';

/**
 * Configuration and clients, created once per container at module load. A missing
 * variable fails the cold start with its name.
 */
export const tableName = requireEnv(envNames.tableName);
const cursorSecret = requireEnv(envNames.cursorSecret);
const endpoint = process.env[envNames.dynamoEndpoint];

export const db = createDocumentClient(endpoint ? { endpoint } : {});

export const users = new DynamoUserDirectory(db, tableName);

export const store = new DynamoTicketStore(db, tableName, new CursorCodec(cursorSecret));
export const clock = systemClock;
export const ids = ulidGenerator();

/** Read now so a missing mail setting stops the cold start, even though mail loads later. */
export const mailConfig = mailConfigFromEnv();

let engine: Promise<typeof import('./ticket-changes.js')> | undefined;
/** Loads the SLA engine and mail on first use: read routes never pay for them at cold start. */
export const loadEngine = () => {
  engine ??= import('./ticket-changes.js');
  return engine;
};

const hooks: TicketHooks = {
  prepare: async (change, now) => (await loadEngine()).slaEngine.hooks.prepare(change, now),
  committed: async (change, now) => (await loadEngine()).slaEngine.hooks.committed(change, now),
};

export const ticketDeps: TicketDeps = { store, users, clock, ids, hooks };
