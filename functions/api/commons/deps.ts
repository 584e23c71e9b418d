import { createDocumentClient } from '../../../shared/adapters/dynamodb/client.js';
import { CursorCodec } from '../../../shared/adapters/dynamodb/cursor.js';
import { DynamoTicketStore } from '../../../shared/adapters/dynamodb/ticket-store.js';
import { DynamoUserDirectory } from '../../../shared/adapters/dynamodb/user-directory.js';
import { systemClock, ulidGenerator } from '../../../shared/adapters/system/clock.js';
import { envNames, requireEnv } from '../../../shared/config/env.js';
import type { TicketDeps } from '../../../shared/tickets/use-cases.js';

/**
 * Configuration and clients, created once per container at module load. A missing
 * variable fails the cold start with its name.
 */
export const tableName = requireEnv(envNames.tableName);
const cursorSecret = requireEnv(envNames.cursorSecret);
const endpoint = process.env[envNames.dynamoEndpoint];

export const db = createDocumentClient(endpoint ? { endpoint } : {});

export const users = new DynamoUserDirectory(db, tableName);

export const ticketDeps: TicketDeps = {
  store: new DynamoTicketStore(db, tableName, new CursorCodec(cursorSecret)),
  users,
  clock: systemClock,
  ids: ulidGenerator(),
};
