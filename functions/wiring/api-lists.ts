import { DynamoInbox } from '#notifications/adapters/dynamodb-inbox.js';
import { CursorSettings, readSettings } from '#platform/config.js';
import { CursorCodec } from '#platform/cursor.js';
import { DynamoTicketStore } from '#tickets/adapters/dynamodb-ticket-store.js';
import type { TicketDeps } from '#tickets/use-cases/deps.js';
import { api, ticketDeps } from './api.js';

/** The list routes sign their page cursors with CURSOR_SECRET (only these functions get it). */
const settings = readSettings({ cursor: CursorSettings });

const cursors = new CursorCodec(settings.cursor.cursorSecret);

export const listDeps: TicketDeps = {
  ...ticketDeps,
  store: new DynamoTicketStore(api.db, api.tableName, cursors),
};

export const listInbox = new DynamoInbox(api.db, api.tableName, cursors, api.clock);
