import { DynamoInbox } from '#notifications/adapters/dynamodb-inbox.js';
import { noCursors } from '#platform/cursor.js';
import { api } from './api.js';

/**
 * Staff inboxes and notification preferences (docs/notifications.md); listing pages: ./api-lists.ts.
 * A module of its own, so the routes that do not read an inbox do not bundle it.
 */
export const inbox = new DynamoInbox(api.db, api.tableName, noCursors, api.clock);
